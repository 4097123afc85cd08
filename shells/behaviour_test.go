package shells

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The behaviour tests run the generated text in the real shells against the
// fake sshell (fake_test.go); the real binary's end-to-end tests live with
// the CLI.

func wantCalls(t *testing.T, f fake, want ...string) {
	t.Helper()
	if got := f.calls(t); !slices.Equal(got, want) {
		t.Errorf("sshell calls:\n got %q\nwant %q", got, want)
	}
}

func wantStatus(t *testing.T, out string, got, want int) {
	t.Helper()
	if got != want {
		t.Errorf("status %d; want %d; the shell showed:\n%s", got, want, out)
	}
}

func wantOnce(t *testing.T, out, line string) {
	t.Helper()
	if n := strings.Count(out, line); n != 1 {
		t.Errorf("%q shown %d times; want once; the shell showed:\n%s", line, n, out)
	}
}

const knownCall = "depth=1 [hook] [--known] [%s]"

func TestUnknownCommandOneProcess(t *testing.T) {
	forEachShell(t, func(t *testing.T, sp spec) {
		f := newFake(t)
		s := sp.start(t, f)
		sp.load(t, s, f.Bin)
		out, st := s.run(unknown + " a b")
		wantStatus(t, out, st, 127)
		wantOnce(t, out, fmt.Sprintf(sp.notFound, unknown))
		wantCalls(t, f, fmt.Sprintf(knownCall, unknown))
	})
}

func TestMissingBinary(t *testing.T) {
	forEachShell(t, func(t *testing.T, sp spec) {
		f := newFake(t)
		gone := filepath.Join(t.TempDir(), "gone", "sshell")
		s := sp.start(t, f)
		sp.load(t, s, gone)
		for _, cmd := range []string{unknown, tool} {
			out, st := s.run(cmd)
			wantStatus(t, out, st, 127)
			wantOnce(t, out, MissingMessage(gone))
		}
	})
}

func TestKnownCommandRuns(t *testing.T) {
	forEachShell(t, func(t *testing.T, sp spec) {
		f := newFake(t)
		s := sp.start(t, f)
		sp.load(t, s, f.Bin)
		out, st := s.run(tool + " .a 'b c'")
		wantStatus(t, out, st, 42)
		wantOnce(t, out, "ran hook --shell "+sp.name+" -- "+tool+" .a b c")
		run := "depth=1 [hook] [--shell] [" + sp.name + "] [--] [" + tool + "] [.a] [b c]"
		if sp.name == "fish" { // a wrapper: no --known needed
			wantCalls(t, f, run)
		} else {
			wantCalls(t, f, fmt.Sprintf(knownCall, tool), run)
		}
	})
}

func TestPipelineIntoKnownCommand(t *testing.T) {
	forEachShell(t, func(t *testing.T, sp spec) {
		f := newFake(t)
		s := sp.start(t, f)
		sp.load(t, s, f.Bin)
		out, st := s.run("echo piped | " + tool)
		wantStatus(t, out, st, 42)
		wantOnce(t, out, "stdin=piped")
	})
}

func TestDepthMarksNestedCalls(t *testing.T) {
	forEachShell(t, func(t *testing.T, sp spec) {
		f := newFake(t)
		s := sp.start(t, f, "SSHELL_HOOK_DEPTH=1")
		sp.load(t, s, f.Bin)
		s.run(tool)
		calls := f.calls(t)
		if len(calls) == 0 {
			t.Fatal("sshell was not called")
		}
		for _, c := range calls {
			if depth, _ := argv(c); depth != "2" {
				t.Errorf("call %q: SSHELL_HOOK_DEPTH=%q under a hook call; want 2", c, depth)
			}
		}
	})
}

func TestKnownFailureStatusReturned(t *testing.T) {
	forEachShell(t, func(t *testing.T, sp spec) {
		f := newFake(t)
		s := sp.start(t, f, "FAKE_KNOWN_STATUS=125")
		s.run(sp.prev)
		sp.load(t, s, f.Bin)
		out, st := s.run(unknown)
		wantStatus(t, out, st, sp.handlerStatus(125))
		if strings.Contains(out, prevLabel+unknown) {
			t.Errorf("the previous handler ran although sshell failed:\n%s", out)
		}
	})
}
