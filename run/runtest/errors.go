package runtest

import (
	"errors"
	"testing"

	"github.com/sshell/sshell/internal/testimage"
	"github.com/sshell/sshell/run"
)

// testErrors: sshell's own failures are errors wrapping the right kind.
func (f *fixture) testErrors(t *testing.T) {
	t.Run("ImageNotFound", func(t *testing.T) {
		f.expectErr(t, f.withImage(f.reg.Ref("runtest/missing", "latest")), run.ErrImageNotFound)
	})
	t.Run("PullNeverMissing", func(t *testing.T) {
		spec := f.withImage(testimage.Push(t, f.reg, "runtest/never-pulled"))
		spec.Pull = run.PullNever
		f.expectErr(t, spec, run.ErrImageNotFound)
	})
	t.Run("RegistryUnreachable", func(t *testing.T) {
		f.expectErr(t, f.withImage(testimage.DeadRegistry(t)+"/runtest/tool:latest"), run.ErrRegistryUnreachable)
	})
	t.Run("AuthDenied", func(t *testing.T) {
		private := testimage.StartRegistry(t, testimage.WithBasicAuth("sshell", "secret"))
		f.expectErr(t, f.withImage(testimage.Push(t, private, "runtest/private")), run.ErrAuthDenied)
	})
	t.Run("CannotInvokeMissing", func(t *testing.T) { f.expectErr(t, f.withEntrypoint("/nope"), run.ErrCannotInvoke) })
	t.Run("CannotInvokeDirectory", func(t *testing.T) { f.expectErr(t, f.withEntrypoint("/tmp"), run.ErrCannotInvoke) })
	t.Run("DaemonUnreachable", f.testDaemonUnreachable)
}

func (f *fixture) withImage(ref string) run.Spec {
	spec := f.spec("exit", "0")
	spec.Image = ref
	return spec
}

func (f *fixture) withEntrypoint(path string) run.Spec {
	spec := f.spec()
	spec.Entrypoint = []string{path}
	return spec
}

func (f *fixture) expectErr(t *testing.T, spec run.Spec, kind error) {
	t.Helper()
	t.Parallel()
	res, err := f.run(t, spec, run.IO{})
	if !errors.Is(err, kind) {
		t.Fatalf("Run(image %q, entrypoint %q): exit %d, err %v; want an error wrapping %q", spec.Image, spec.Entrypoint, res.ExitCode, err, kind)
	}
	t.Logf("got, as wanted: %v", err)
}

func (f *fixture) testDaemonUnreachable(t *testing.T) {
	if f.Unreachable == nil {
		t.Skip("Suite.Unreachable is nil: this runner has no daemon to be unreachable")
	}
	t.Parallel()
	res, err := start(t, f.Unreachable(t), f.spec("exit", "0"), run.IO{}).wait(t)
	if !errors.Is(err, run.ErrDaemonUnreachable) {
		t.Fatalf("Run with an unreachable daemon: exit %d, err %v; want an error wrapping %q", res.ExitCode, err, run.ErrDaemonUnreachable)
	}
	t.Logf("got, as wanted: %v", err)
}
