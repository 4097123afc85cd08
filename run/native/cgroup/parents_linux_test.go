package cgroup

import (
	"os"
	"testing"

	"github.com/sshell/sshell/run"
)

// TestRemoveParents: a parent holding a run's group stays; once empty, it
// goes.
func TestRemoveParents(t *testing.T) {
	if err := Available(); err != nil {
		t.Skipf("cgroups unavailable: %v", err)
	}
	g, err := New(testPrefix()+"parents", run.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if gone, err := RemoveParents(); err != nil || len(gone) != 0 {
		t.Errorf("RemoveParents with a group inside = %v, %v; want nothing removed", gone, err)
	}
	if err := g.Remove(); err != nil {
		t.Fatal(err)
	}
	if others, _ := List(""); len(others) > 0 {
		t.Skipf("other runs' groups are present (%v): the parents cannot go now", others)
	}
	gone, err := RemoveParents()
	if err != nil || len(gone) != len(current().parents) {
		t.Errorf("RemoveParents when empty = %v, %v; want all of %v", gone, err, current().parents)
	}
	for _, dir := range current().parents {
		if _, err := os.Stat(dir); !os.IsNotExist(err) {
			t.Errorf("%s still there: %v", dir, err)
		}
	}
}
