package native

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/sshell/sshell/run"
	"github.com/sshell/sshell/run/native/cgroup"
)

// TestSweep: a run whose sshell died is removed, its cgroup first; a live
// owner's, another host's and one without labels yet are kept.
func TestSweep(t *testing.T) {
	r := &Runner{state: t.TempDir(), host: "this-host"}
	dead := exec.Command("true")
	if err := dead.Run(); err != nil {
		t.Fatal(err)
	}
	runs := map[string]map[string]string{
		"dead":  {run.LabelOwnerPID: strconv.Itoa(dead.Process.Pid), run.LabelOwnerHost: "this-host"},
		"alive": {run.LabelOwnerPID: strconv.Itoa(os.Getpid()), run.LabelOwnerHost: "this-host", run.LabelOwnerStart: run.SelfStart()},
		"other": {run.LabelOwnerPID: strconv.Itoa(dead.Process.Pid), run.LabelOwnerHost: "other-host"},
		"fresh": nil,
	}
	id := "sweep-" + newID()
	for name, labels := range runs {
		dir := filepath.Join(r.state, name)
		if name == "dead" {
			dir = filepath.Join(r.state, id)
		}
		if err := os.Mkdir(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		if labels != nil {
			b, _ := json.Marshal(labels)
			if err := os.WriteFile(filepath.Join(dir, labelsFile), b, 0o600); err != nil {
				t.Fatal(err)
			}
		}
	}
	withGroup := cgroup.Available() == nil
	if withGroup {
		if _, err := cgroup.New(id, run.Limits{}); err != nil {
			t.Fatal(err)
		}
	} else {
		t.Logf("no cgroups here (%v): the sweep's cgroup removal is not checked", cgroup.Available())
	}
	r.sweep()
	left, _ := os.ReadDir(r.state)
	var names []string
	for _, e := range left {
		names = append(names, e.Name())
	}
	if len(names) != 3 || contains(names, id) {
		t.Errorf("after the sweep: %v, want alive, other and fresh", names)
	}
	if _, err := cgroup.Open(id); withGroup && err == nil {
		t.Errorf("the dead run's cgroup %s is still there", id)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
