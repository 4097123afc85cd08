package docker

import (
	"context"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"testing"

	cerrdefs "github.com/containerd/errdefs"
	"github.com/docker/docker/api/types/container"
	"github.com/sshell/sshell/internal/proc"
	"github.com/sshell/sshell/internal/testimage"
	"github.com/sshell/sshell/run"
)

// deadPID is the pid of a process that has exited and been reaped.
func deadPID(t *testing.T) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatalf("running a short-lived process: %v", err)
	}
	return cmd.Process.Pid
}

func TestOrphaned(t *testing.T) {
	me := strconv.Itoa(os.Getpid())
	dead := strconv.Itoa(deadPID(t))
	for _, c := range []struct {
		name   string
		labels map[string]string
		want   bool
	}{
		{"this process", map[string]string{run.LabelOwnerPID: me, run.LabelOwnerStart: run.SelfStart()}, false},
		{"this process, no start", map[string]string{run.LabelOwnerPID: me}, false},
		{"a dead process", map[string]string{run.LabelOwnerPID: dead}, true},
		{"no pid", map[string]string{}, false},
		{"a bad pid", map[string]string{run.LabelOwnerPID: "x"}, false},
	} {
		if got := orphaned(c.labels); got != c.want {
			t.Errorf("%s: orphaned(%v) = %v, want %v", c.name, c.labels, got, c.want)
		}
	}
	if runtime.GOOS == "linux" {
		reused := map[string]string{run.LabelOwnerPID: me, run.LabelOwnerStart: "1"}
		if !orphaned(reused) {
			t.Errorf("a live pid with another start time (reused): orphaned = false, want true")
		}
	}
}

// TestSweep: containers sshell left behind on this host when its process
// died are gone after the next run; others stay.
func TestSweep(t *testing.T) {
	r := testRunner(t)
	// A host name of this test's own: every other sshell run on this
	// machine (other test packages run at the same time) sweeps its real
	// host's containers, and would take this test's before it looks.
	r.host = "sweep-test-" + strconv.Itoa(os.Getpid())
	ref := testimage.Push(t, testimage.StartRegistry(t), "sweep")
	mustRun(t, r, toolSpec(ref, "exit", "0"), run.IO{}) // pulls the image
	dead := strconv.Itoa(deadPID(t))
	me := strconv.Itoa(os.Getpid())
	gone := []string{leave(t, r, ref, r.host, dead, "")}
	if runtime.GOOS == "linux" {
		gone = append(gone, leave(t, r, ref, r.host, me, "1")) // our pid, reused
	}
	kept := []string{leave(t, r, ref, r.host, me, run.SelfStart()), leave(t, r, ref, r.host+"-elsewhere", dead, ""),
		// Another machine with the same hostname, sharing the daemon: its
		// pids mean nothing here.
		leave(t, r, ref, r.host, dead, "", run.LabelOwnerMachine, "another-machine")}
	if proc.Machine() != "" {
		gone = append(gone, leave(t, r, ref, r.host, dead, "", run.LabelOwnerMachine, proc.Machine()))
	}
	mustRun(t, r, toolSpec(ref, "exit", "0"), run.IO{})
	for _, id := range gone {
		if exists(t, r, id) {
			t.Errorf("container %s of a dead owner is still there after a run", id)
		}
	}
	for _, id := range kept {
		if !exists(t, r, id) {
			t.Errorf("container %s of a live owner, or another host's, was removed", id)
		}
	}
}

// leave creates a container labelled as sshell's for owner pid and start
// on host, running, as a killed sshell would have left it; removed at the end.
func leave(t *testing.T, r *Runner, ref, host, pid, start string, more ...string) string {
	t.Helper()
	labels := map[string]string{run.LabelManaged: "true", run.LabelCommand: "testtool",
		run.LabelOwnerHost: host, run.LabelOwnerPID: pid}
	for i := 0; i+1 < len(more); i += 2 {
		labels[more[i]] = more[i+1]
	}
	if start != "" {
		labels[run.LabelOwnerStart] = start
	}
	c, err := r.cli.ContainerCreate(context.Background(),
		&container.Config{Image: ref, Cmd: []string{"sleep", "600"}, Labels: labels},
		&container.HostConfig{NetworkMode: "none"}, nil, nil, "")
	if err != nil {
		t.Fatalf("creating a container: %v", err)
	}
	t.Cleanup(func() { r.remove(context.Background(), c.ID) })
	if err := r.cli.ContainerStart(context.Background(), c.ID, container.StartOptions{}); err != nil {
		t.Fatalf("starting a container: %v", err)
	}
	return c.ID
}

func exists(t *testing.T, r *Runner, id string) bool {
	t.Helper()
	_, err := r.cli.ContainerInspect(context.Background(), id)
	if err != nil && !cerrdefs.IsNotFound(err) {
		t.Fatalf("inspecting %s: %v", id, err)
	}
	return err == nil
}
