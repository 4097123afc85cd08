package docker

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/sshell/sshell/internal/testimage"
	"github.com/sshell/sshell/run"
)

// TestCannotInvoke: a command that cannot be executed is an error wrapping
// run.ErrCannotInvoke and tini's message gives way to it; a tool that exits
// 126 or 127 by itself is no error.
func TestCannotInvoke(t *testing.T) {
	r := testRunner(t)
	ref := pushWith(t, r, testimage.StartRegistry(t), "invoke", extraFiles...)
	for _, c := range []struct {
		name       string
		entrypoint []string
		args, env  []string
		code       int
		cannot     bool
		tty        bool
	}{
		{"missing", []string{"/nope"}, nil, nil, 127, true, false},
		{"not executable", []string{"/bin/notexec"}, nil, nil, 126, true, false},
		{"directory", []string{"/bin/dir"}, nil, nil, 126, true, false},
		{"missing interpreter", []string{"/bin/script"}, nil, nil, 127, true, false},
		{"dangling symlink", []string{"/bin/dangling"}, nil, nil, 127, true, false},
		{"bare name not in PATH", []string{"testtool"}, []string{"exit", "0"}, nil, 127, true, false},
		{"tool exits 127", []string{"/testtool"}, []string{"exit", "127"}, nil, 127, false, false},
		{"tool exits 126", []string{"/testtool"}, []string{"exit", "126"}, nil, 126, false, false},
		{"bare name through a symlink in PATH", []string{"tt"}, []string{"exit", "127"}, nil, 127, false, false},
		{"bare name in the spec's PATH", []string{"testtool"}, []string{"exit", "127"}, []string{"PATH=/"}, 127, false, false},
		{"missing, on a terminal", []string{"/nope"}, nil, nil, 127, true, true},
		{"tool exits 127 on a terminal", []string{"/testtool"}, []string{"exit", "127"}, nil, 127, false, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			spec := toolSpec(ref, c.args...)
			spec.Entrypoint, spec.Env, spec.TTY = c.entrypoint, c.env, c.tty
			var stdout, stderr bytes.Buffer
			res, err := r.Run(context.Background(), spec, run.IO{Stdout: &stdout, Stderr: &stderr})
			if got := errors.Is(err, run.ErrCannotInvoke); got != c.cannot {
				t.Fatalf("Run: err %v; want ErrCannotInvoke %v", err, c.cannot)
			}
			if err != nil && !c.cannot {
				t.Fatalf("Run: %v", err)
			}
			if res.ExitCode != c.code {
				t.Errorf("exit code %d, want %d", res.ExitCode, c.code)
			}
			if stdout.Len()+stderr.Len() != 0 {
				t.Errorf("stdout %q stderr %q, want nothing (tini's line gives way to the error)", stdout.String(), stderr.String())
			}
			t.Logf("err: %v", err)
		})
	}
}

// TestTiniLineKept: tini's line stays when the run is not an invocation
// failure (here: the tool prints it and exits 0).
func TestTiniLineKept(t *testing.T) {
	r := testRunner(t)
	ref := testimage.Push(t, testimage.StartRegistry(t), "tiniline")
	line := "[FATAL tini (7)] exec /x failed: No such file or directory\n"
	var stderr bytes.Buffer
	res := mustRun(t, r, toolSpec(ref, "echo-split", "", line), run.IO{Stderr: &stderr})
	if res.ExitCode != 0 || stderr.String() != line {
		t.Errorf("exit %d, stderr %q; want 0 and %q", res.ExitCode, stderr.String(), line)
	}
	if strings.Contains(line, "\r") {
		t.Fatal("unreachable")
	}
}
