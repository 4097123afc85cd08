package runtest

import (
	"bytes"
	"crypto/rand"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/sshell/sshell/run"
)

func (f *fixture) testStdio(t *testing.T) {
	t.Run("SplitStreams", f.testSplitStreams)
	t.Run("Binary16MiB", f.testBinaryStdin)
	t.Run("EmptyStdin", f.testEmptyStdin)
	t.Run("NilStdin", f.testNilStdin)
	t.Run("PipeStdin", f.testPipeStdin)
	t.Run("NotATerminal", f.testNotATerminal)
	t.Run("ImageCmd", f.testImageCmd)
	t.Run("Entrypoint", f.testEntrypoint)
}

// outputs runs spec with fresh stdout and stderr buffers.
func (f *fixture) outputs(t *testing.T, spec run.Spec, stdin io.Reader, want int) (string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	f.mustRun(t, spec, run.IO{Stdin: stdin, Stdout: &stdout, Stderr: &stderr}, want)
	return stdout.String(), stderr.String()
}

func (f *fixture) testSplitStreams(t *testing.T) {
	t.Parallel()
	out, errOut := "to stdout\n\x01 é no newline", "to stderr\r\n\ttabs"
	gotOut, gotErr := f.outputs(t, f.spec("echo-split", out, errOut), nil, 0)
	if gotOut != out || gotErr != errOut {
		t.Errorf("stdout %q stderr %q, want %q and %q", gotOut, gotErr, out, errOut)
	}
}

func (f *fixture) testBinaryStdin(t *testing.T) {
	t.Parallel()
	data := make([]byte, 16<<20)
	rand.Read(data)
	got, _ := f.outputs(t, f.spec("cat"), bytes.NewReader(data), 0)
	if i := firstDiff([]byte(got), data); i >= 0 {
		t.Errorf("cat of 16 MiB: got %d bytes, want %d; first difference at offset %d", len(got), len(data), i)
	}
}

func firstDiff(a, b []byte) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] != b[i] {
			return i
		}
	}
	if len(a) != len(b) {
		return min(len(a), len(b))
	}
	return -1
}

func (f *fixture) testEmptyStdin(t *testing.T) {
	t.Parallel()
	if got, _ := f.outputs(t, f.spec("cat"), strings.NewReader(""), 0); got != "" {
		t.Errorf("cat of empty stdin printed %q", got)
	}
}

func (f *fixture) testNilStdin(t *testing.T) {
	t.Parallel()
	if got, _ := f.outputs(t, f.spec("cat"), nil, 0); got != "" {
		t.Errorf("cat with nil stdin printed %q", got)
	}
}

// testPipeStdin feeds a real pipe (an *os.File, as from a shell) and closes
// its write end: the tool must see EOF.
func (f *fixture) testPipeStdin(t *testing.T) {
	t.Parallel()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	go func() { w.WriteString("piped\n"); w.Close() }()
	if got, _ := f.outputs(t, f.spec("cat"), r, 0); got != "piped\n" {
		t.Errorf("cat of a pipe printed %q, want %q", got, "piped\n")
	}
}

func (f *fixture) testNotATerminal(t *testing.T) {
	t.Parallel()
	if got, _ := f.outputs(t, f.spec("istty"), strings.NewReader(""), 0); got != "stdin=0 stdout=0 stderr=0\n" {
		t.Errorf("istty without Spec.TTY printed %q, want no terminals", got)
	}
	if got, _ := f.outputs(t, f.spec("ttysize"), nil, 0); got != "notty\n" {
		t.Errorf("ttysize without Spec.TTY printed %q, want notty", got)
	}
}

// testImageCmd: no Entrypoint and no Args run the image's own CMD.
func (f *fixture) testImageCmd(t *testing.T) {
	t.Parallel()
	if got, _ := f.outputs(t, f.spec(), nil, 0); got != "from-cmd" {
		t.Errorf("image CMD printed %q, want %q", got, "from-cmd")
	}
}

// testEntrypoint: Spec.Entrypoint replaces the image's; Args follow it.
func (f *fixture) testEntrypoint(t *testing.T) {
	t.Parallel()
	spec := f.spec("a", "b")
	spec.Entrypoint = []string{"/testtool", "echo-split"}
	if out, errOut := f.outputs(t, spec, nil, 0); out != "a" || errOut != "b" {
		t.Errorf("Entrypoint [/testtool echo-split] Args [a b]: stdout %q stderr %q, want a and b", out, errOut)
	}
}
