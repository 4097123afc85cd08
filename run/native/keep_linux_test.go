package native_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/sshell/sshell/internal/testimage"
	"github.com/sshell/sshell/run"
	"github.com/sshell/sshell/run/native"
)

// TestKeep: a keeper gets a sandbox ready, a call runs in it, the keeper
// gets the next one ready, a second keeper for the same kind of call
// steps aside, and once idle the keeper leaves nothing behind.
func TestKeep(t *testing.T) {
	if os.Geteuid() != 0 || native.Available() != nil {
		t.Skip("needs root and the native runtime's cgroups")
	}
	d := newDirs(t)
	spawned := make(chan run.Spec, 4)
	r := d.runner(t, native.WithReady(func(s run.Spec) { spawned <- s }))
	reg := testimage.StartRegistry(t)
	spec := run.Spec{Command: "testtool", Image: testimage.Push(t, reg, "native/keep"), Args: []string{"pwd"},
		WorkDir: t.TempDir(), Labels: map[string]string{"io.sshell.test": t.Name()}}

	res, out := runTool(t, r, spec) // cold: it pulls, and asks for a keeper
	if res.Timing.Ready {
		t.Fatal("the first call ran ready: nothing could have been kept for it")
	}
	var keeperSpec run.Spec
	select {
	case keeperSpec = <-spawned:
	default:
		t.Fatal("a cold call did not ask for a keeper")
	}
	if keeperSpec.Args != nil || keeperSpec.WorkDir != "" || keeperSpec.Env != nil {
		t.Errorf("the keeper's spec keeps the call's own parts: %+v", keeperSpec)
	}

	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	kept := make(chan error, 1)
	go func() { kept <- r.Keep(ctx, keeperSpec, 2*time.Second) }()
	waitReady(t, r, spec, kept)
	if err := r.Keep(ctx, keeperSpec, time.Minute); err != nil {
		t.Errorf("a second keeper: %v, want nil (it steps aside)", err)
	}

	for i := range 3 { // each call finds the next one ready
		waitReady(t, r, spec, kept)
		res, out = runTool(t, r, spec)
		if !res.Timing.Ready || res.ExitCode != 0 || strings.TrimSpace(out) != spec.WorkDir {
			t.Fatalf("call %d: ready %v, exit %d, stdout %q; want a ready run in %s", i, res.Timing.Ready, res.ExitCode, out, spec.WorkDir)
		}
	}
	select {
	case <-spawned:
		t.Error("a ready call asked for another keeper")
	default:
	}

	// An upgrade: the tag now names another image. The call pulls it and
	// runs cold; its keeper drops the sandbox of the old image and gets
	// one of the new ready.
	old := res.Digest
	testimage.Push(t, reg, "native/keep")
	spec.Pull = run.PullAlways
	if res, _ = runTool(t, r, spec); res.Timing.Ready || res.Digest == old {
		t.Fatalf("the upgrade's call: ready %v, digest %s (was %s); want a cold run of the new image", res.Timing.Ready, res.Digest, old)
	}
	spec.Pull = run.PullMissing
	waitReady(t, r, spec, kept)
	if res, _ = runTool(t, r, spec); !res.Timing.Ready || res.Digest == old {
		t.Errorf("after the upgrade: ready %v, digest %s (was %s); want a ready run of the new image", res.Timing.Ready, res.Digest, old)
	}

	waitIdle(t, d, kept, spec.Labels) // the keeper ends and removes all it made
	if socks, _ := filepath.Glob(filepath.Join(native.ReadyDir(d.state), "*", "*.sock*")); len(socks) > 0 {
		t.Errorf("sockets left behind: %v", socks)
	}
}

// waitReady waits until a sandbox is ready for spec, or the keeper quits.
func waitReady(t *testing.T, r *native.Runner, spec run.Spec, kept <-chan error) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		if socks, _ := filepath.Glob(filepath.Join(r.ReadyDir(spec), "*.sock")); len(socks) > 0 {
			return
		}
		select {
		case err := <-kept:
			t.Fatalf("the keeper quit: %v", err)
		default:
		}
	}
	t.Fatal("no sandbox got ready in 30s")
}

// runTool runs spec and returns its result and stdout.
func runTool(t *testing.T, r *native.Runner, spec run.Spec) (run.Result, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	res, err := r.Run(context.Background(), spec, run.IO{Stdout: &out, Stderr: &errOut})
	if err != nil {
		t.Fatalf("Run: %v (stderr %q)", err, errOut.String())
	}
	return res, out.String()
}

// TestReadyMountedSince: a call from a directory mounted after its
// sandbox got ready (the sandbox's copy of the host's mounts predates it)
// runs cold, in the right directory; the next sandbox sees the mount.
func TestReadyMountedSince(t *testing.T) {
	if os.Geteuid() != 0 || native.Available() != nil {
		t.Skip("needs root and the native runtime's cgroups")
	}
	d := newDirs(t)
	r := d.runner(t, native.WithReady(func(run.Spec) {}))
	reg := testimage.Push(t, testimage.StartRegistry(t), "native/mounted-since")
	dir := t.TempDir()
	spec := run.Spec{Command: "testtool", Image: reg, Args: []string{"read", "file"}, WorkDir: dir}
	runTool(t, r, run.Spec{Command: "testtool", Image: reg, Args: []string{"exit", "0"}}) // pulls
	ctx, stop := context.WithCancel(context.Background())
	kept := make(chan error, 1)
	go func() { kept <- r.Keep(ctx, spec, time.Minute) }()
	defer func() { stop(); <-kept }()
	waitReady(t, r, spec, kept)

	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size=1m"); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v", err)
	}
	defer syscall.Unmount(dir, syscall.MNT_DETACH)
	if err := os.WriteFile(filepath.Join(dir, "file"), []byte("on the new mount"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, out := runTool(t, r, spec)
	if res.Timing.Ready || out != "on the new mount" {
		t.Errorf("ready %v, stdout %q; want a cold run that reads the new mount", res.Timing.Ready, out)
	}
	waitReady(t, r, spec, kept)
	if res, out = runTool(t, r, spec); !res.Timing.Ready || out != "on the new mount" {
		t.Errorf("the next call: ready %v, stdout %q; want a ready run that reads the new mount", res.Timing.Ready, out)
	}
}

// TestKeepFailedIsRemembered: a keeper whose sandbox cannot get ready
// says why in its ready directory, and no keeper is asked for again for
// that kind of call for a while: a kernel without what ready sandboxes
// need does not get a keeper started in vain after every call.
func TestKeepFailedIsRemembered(t *testing.T) {
	if os.Geteuid() != 0 || native.Available() != nil {
		t.Skip("needs root and the native runtime's cgroups")
	}
	d := newDirs(t)
	spawned := 0
	r := d.runner(t, native.WithReady(func(run.Spec) { spawned++ }))
	reg := testimage.StartRegistry(t)

	// A kind of call whose keeper failed lately gets none.
	spec := run.Spec{Command: "testtool", Image: testimage.Push(t, reg, "native/keep-failed"), Args: []string{"exit", "0"}}
	if err := os.MkdirAll(r.ReadyDir(spec), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(r.ReadyDir(spec), "failed"), []byte("no\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	runTool(t, r, spec)
	if spawned != 0 {
		t.Errorf("a keeper was asked for %d times after one failed", spawned)
	}

	// A sandbox that cannot get ready: its image's layers are gone.
	broken := run.Spec{Command: "testtool", Image: testimage.Push(t, reg, "native/keep-broken"), Args: []string{"exit", "0"}}
	res, _ := runTool(t, r, broken)
	img, err := r.Store().Get(context.Background(), broken.Image, "")
	if err != nil || res.Digest == "" {
		t.Fatalf("the image is not in the store: %v", err)
	}
	for _, l := range img.Layers {
		if err := os.RemoveAll(l); err != nil {
			t.Fatal(err)
		}
	}
	err = r.Keep(context.Background(), broken, time.Minute)
	if err == nil {
		t.Fatal("Keep got a sandbox ready without its image's layers")
	}
	t.Logf("Keep, as wanted: %v", err)
	if b, err := os.ReadFile(filepath.Join(r.ReadyDir(broken), "failed")); err != nil || len(b) == 0 {
		t.Errorf("no failed mark with the reason: %q, %v", b, err)
	}

}

// TestKeepRefreshes: a ready sandbox that waits longer than refreshEvery
// is replaced by a fresh one (its copy of the host's mounts renewed), the
// old one removed; calls keep finding one ready, and the keeper still goes
// idle on time.
func TestKeepRefreshes(t *testing.T) {
	if os.Geteuid() != 0 || native.Available() != nil {
		t.Skip("needs root and the native runtime's cgroups")
	}
	defer native.SetRefreshEvery(100 * time.Millisecond)()
	d := newDirs(t)
	r := d.runner(t, native.WithReady(func(run.Spec) {}))
	spec := run.Spec{Command: "testtool", Image: testimage.Push(t, testimage.StartRegistry(t), "native/keep-refresh"),
		Args: []string{"pwd"}, WorkDir: t.TempDir(), Labels: map[string]string{"io.sshell.test": t.Name()}}
	runTool(t, r, spec) // pulls
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	kept := make(chan error, 1)
	go func() { kept <- r.Keep(ctx, spec, 3*time.Second) }()
	waitReady(t, r, spec, kept)
	first := socketInode(t, r, spec)
	for deadline := time.Now().Add(30 * time.Second); socketInode(t, r, spec) == first; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the ready sandbox was not replaced")
		}
	}
	waitReady(t, r, spec, kept)
	if res, out := runTool(t, r, spec); !res.Timing.Ready || strings.TrimSpace(out) != spec.WorkDir {
		t.Errorf("after a refresh: ready %v, stdout %q", res.Timing.Ready, out)
	}
	waitIdle(t, d, kept, spec.Labels)
}

// waitIdle waits for the keeper whose Keep returns on kept to end once
// idle, and wants nothing it made (runs with labels) left.
func waitIdle(t *testing.T, d dirs, kept <-chan error, labels map[string]string) {
	t.Helper()
	select {
	case err := <-kept:
		if err != nil {
			t.Fatalf("Keep: %v", err)
		}
	case <-time.After(time.Minute):
		t.Fatal("the keeper did not end once idle")
	}
	if left := d.leftovers(t, labels); len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
}

// socketInode is the inode of spec's ready socket, 0 while there is none.
func socketInode(t *testing.T, r *native.Runner, spec run.Spec) uint64 {
	t.Helper()
	socks, _ := filepath.Glob(filepath.Join(r.ReadyDir(spec), "*.sock"))
	if len(socks) == 0 {
		return 0
	}
	var st syscall.Stat_t
	if err := syscall.Stat(socks[0], &st); err != nil {
		return 0
	}
	return st.Ino
}
