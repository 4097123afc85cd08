package native_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/sshell/sshell/internal/testimage"
	"github.com/sshell/sshell/run"
	"github.com/sshell/sshell/run/native"
	"github.com/sshell/sshell/run/native/cgroup"
)

// Environment of TestOwnerKilled's helper process.
const (
	envHelperImage = "SSHELL_NATIVE_HELPER_IMAGE"
	envHelperStore = "SSHELL_NATIVE_HELPER_STORE"
	envHelperState = "SSHELL_NATIVE_HELPER_STATE"
)

// TestOwnerKilled: when the sshell process running a tool is SIGKILLed,
// the sandbox dies with it (no process is left in its cgroup), and the
// next run sweeps the state directory and cgroup it left.
func TestOwnerKilled(t *testing.T) {
	if os.Geteuid() != 0 || native.Available() != nil {
		t.Skip("needs root and the native runtime's cgroups")
	}
	d := newDirs(t)
	reg := testimage.StartRegistry(t)
	image := testimage.Push(t, reg, "native/owner-killed")
	helper := exec.Command(os.Args[0], "-test.run=^TestOwnerKilledHelper$", "-test.count=1")
	helper.Env = append(os.Environ(), envHelperImage+"="+image, envHelperStore+"="+d.store, envHelperState+"="+d.state)
	if err := helper.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { helper.Process.Kill(); helper.Wait() })
	id := waitFor(t, "the helper's run to start", func() string {
		ids := d.leftovers(t, map[string]string{run.LabelCommand: "owner-killed"})
		if len(ids) != 1 {
			return ""
		}
		id, _, _ := strings.Cut(ids[0], " ") // without leftovers' note of the cgroup
		if len(procs(t, id)) > 1 {           // the init and the tool
			return id
		}
		return ""
	})
	if err := helper.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	helper.Wait()
	waitFor(t, "the sandbox to die with its owner", func() string {
		if len(procs(t, id)) == 0 {
			return "gone"
		}
		return ""
	})
	if _, err := d.runner(t).Run(context.Background(), run.Spec{Command: "next", Image: image, Args: []string{"exit", "0"}}, run.IO{}); err != nil {
		t.Fatalf("the next run: %v", err)
	}
	if _, err := os.Stat(filepath.Join(d.state, id)); !os.IsNotExist(err) {
		t.Errorf("the killed run's state directory is still there after the next run (%v)", err)
	}
	if _, err := cgroup.Open(id); err == nil {
		t.Errorf("the killed run's cgroup %s is still there after the next run", id)
	}
}

// TestOwnerKilledHelper is TestOwnerKilled's sshell: it runs a tool that
// sleeps until the helper is killed.
func TestOwnerKilledHelper(t *testing.T) {
	image := os.Getenv(envHelperImage)
	if image == "" {
		t.Skip("TestOwnerKilled's helper")
	}
	r, err := native.New(native.WithStoreDir(os.Getenv(envHelperStore)), native.WithStateDir(os.Getenv(envHelperState)))
	if err != nil {
		t.Fatal(err)
	}
	r.Run(context.Background(), run.Spec{Command: "owner-killed", Image: image, Args: []string{"sleep", "600"}}, run.IO{})
	t.Fatal("the run returned: it should have been killed with this process")
}

// procs lists the pids in run id's cgroup (the first hierarchy's).
func procs(t *testing.T, id string) []string {
	t.Helper()
	g, err := cgroup.Open(id)
	if err != nil {
		return nil
	}
	b, err := os.ReadFile(filepath.Join(g.Path(), "cgroup.procs"))
	if err != nil {
		return nil
	}
	return strings.Fields(string(b))
}

// waitFor polls cond until it returns something, failing the test if that
// takes minutes: a safety net, not a timing assertion.
func waitFor(t *testing.T, what string, cond func() string) string {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		if v := cond(); v != "" {
			return v
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("waiting for %s: still not so after 2 minutes", what)
	return ""
}
