package shells

import (
	"fmt"
	"testing"
)

// SSHELL_HOOK=off, SSHELL_HOOK_SKIP and user shell options.
func TestOffAndSkip(t *testing.T) {
	forEachShell(t, func(t *testing.T, sp spec) {
		f := newFake(t)
		s := sp.start(t, f)
		sp.load(t, s, f.Bin)
		for _, set := range [][2]string{{"SSHELL_HOOK", "off"}, {"SSHELL_HOOK_SKIP", "x  " + tool + " y"}} {
			s.run(fmt.Sprintf(sp.export, set[0], set[1]))
			out, st := s.run(tool)
			wantStatus(t, out, st, 127)
			wantOnce(t, out, fmt.Sprintf(sp.notFound, tool))
			wantCalls(t, f)
			s.run(fmt.Sprintf(sp.unset, set[0]))
		}
		s.run(fmt.Sprintf(sp.export, "SSHELL_HOOK_SKIP", "x"))
		out, st := s.run(tool)
		wantStatus(t, out, st, 42)
	})
}

func TestOffRunsPreviousHandler(t *testing.T) {
	forEachShell(t, func(t *testing.T, sp spec) {
		f := newFake(t)
		s := sp.start(t, f, "SSHELL_HOOK=off")
		s.run(sp.prev)
		sp.load(t, s, f.Bin)
		for _, cmd := range []string{tool, unknown} {
			out, st := s.run(cmd)
			wantStatus(t, out, st, sp.handlerStatus(3))
			wantOnce(t, out, prevLabel+cmd)
		}
		wantCalls(t, f)
	})
}

// strictOptions are user options that break careless shell code.
var strictOptions = map[string]string{
	"bash": "set -u -o pipefail; shopt -s nocasematch extglob failglob",
	"zsh":  "setopt nounset ksh_arrays sh_word_split no_glob rc_quotes",
}

func TestUserOptions(t *testing.T) {
	forEachShell(t, func(t *testing.T, sp spec) {
		opts, ok := strictOptions[sp.name]
		if !ok {
			t.Skipf("%s has no options that matter here", sp.name)
		}
		f := newFake(t)
		s := sp.start(t, f)
		s.run(opts)
		sp.load(t, s, f.Bin)
		out, st := s.run(unknown)
		wantStatus(t, out, st, 127)
		wantOnce(t, out, fmt.Sprintf(sp.notFound, unknown))
		out, st = s.run(tool + " 'a b'")
		wantStatus(t, out, st, 42)
		wantOnce(t, out, "ran hook --shell "+sp.name+" -- "+tool+" a b")
	})
}
