package docker

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"syscall"
	"testing"

	"github.com/sshell/sshell/internal/testimage"
	"github.com/sshell/sshell/run"
)

// failingWriter fails every write with err.
type failingWriter struct{ err error }

func (f failingWriter) Write([]byte) (int, error) { return 0, f.err }

// TestOutputFailure: a reader that went away (EPIPE) is the tool's
// business, as with an installed tool, and never blocks the run; any other
// failure to write the tool's output is an error of the run.
func TestOutputFailure(t *testing.T) {
	r := testRunner(t)
	img := testimage.Push(t, testimage.StartRegistry(t), "output")
	input := strings.Repeat("x", 1<<20)
	for _, c := range []struct {
		err     error
		wantErr bool
	}{
		{syscall.EPIPE, false},
		{fmt.Errorf("write /dev/stdout: %w", syscall.EPIPE), false},
		{errors.New("disk on fire"), true},
	} {
		res, err := r.Run(context.Background(), toolSpec(img, "cat"),
			run.IO{Stdin: strings.NewReader(input), Stdout: failingWriter{c.err}})
		if (err != nil) != c.wantErr || err != nil && !strings.Contains(err.Error(), c.err.Error()) {
			t.Errorf("stdout failing with %v: exit %d, err %v; want an error: %v", c.err, res.ExitCode, err, c.wantErr)
		}
	}
}

// TestNoEntrypoint: an empty, non-nil Entrypoint clears the image's, and
// Args are the whole command.
func TestNoEntrypoint(t *testing.T) {
	r := testRunner(t)
	img := testimage.Push(t, testimage.StartRegistry(t), "noentry", testimage.WithCmd("echo-split", "from-cmd", ""))
	spec := toolSpec(img, "/testtool", "echo-split", "a", "b")
	spec.Entrypoint = []string{}
	var stdout, stderr bytes.Buffer
	mustRun(t, r, spec, run.IO{Stdout: &stdout, Stderr: &stderr})
	if stdout.String() != "a" || stderr.String() != "b" {
		t.Errorf("stdout %q stderr %q, want a and b", stdout.String(), stderr.String())
	}
	spec = toolSpec(img)
	spec.Entrypoint = []string{"/testtool", "echo-split", "only", ""}
	stdout.Reset()
	// echo-split takes exactly two arguments: the image's CMD after them fails it.
	if res := mustRun(t, r, spec, run.IO{Stdout: &stdout}); res.ExitCode != 0 || stdout.String() != "only" {
		t.Errorf("our entrypoint without args: exit %d, stdout %q, want 0 and %q: the image's CMD must not follow it",
			res.ExitCode, stdout.String(), "only")
	}
}
