package cgroup

import (
	"reflect"
	"testing"

	"github.com/sshell/sshell/run"
)

func TestListAndOpen(t *testing.T) {
	needRoot(t)
	newGroup(t, "list-b", run.Limits{})
	newGroup(t, "list-a", run.Limits{})
	newGroup(t, "other", run.Limits{})
	ids, err := List(testPrefix() + "list-")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{testPrefix() + "list-a", testPrefix() + "list-b"}
	if !reflect.DeepEqual(ids, want) {
		t.Errorf("List = %v, want %v", ids, want)
	}
	g, err := Open(testPrefix() + "list-a")
	if err != nil {
		t.Fatal(err)
	}
	if err := g.Remove(); err != nil {
		t.Fatal(err)
	}
	if ids, _ := List(testPrefix() + "list-a"); len(ids) != 0 {
		t.Errorf("List after Open+Remove = %v", ids)
	}
	if _, err := Open(testPrefix() + "list-a"); err == nil {
		t.Error("Open of a removed group succeeded")
	}
}
