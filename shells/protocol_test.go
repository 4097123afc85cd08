package shells

import (
	"reflect"
	"strings"
	"testing"

	"github.com/sshell/sshell/hook"
)

// The generated handlers and package hook must speak the same protocol: the
// calls the handlers make parse with hook.ParseArgs, and the environment
// variables they read are hook's. (A test-only import: shells itself depends
// on nothing but the standard library and mvdan.cc/sh.)

func TestHandlersCallsParseWithHook(t *testing.T) {
	forEachShell(t, func(t *testing.T, sp spec) {
		f := newFake(t)
		s := sp.start(t, f)
		sp.load(t, s, f.Bin)
		s.run(unknown)
		s.run(tool + " .a 'b c'")
		want := []hook.Request{
			{Known: true, Name: unknown},
			{Shell: sp.name, Name: tool, Args: []string{".a", "b c"}},
		}
		if sp.name != "fish" {
			want = append(want[:1], hook.Request{Known: true, Name: tool}, want[1])
		}
		var got []hook.Request
		for _, c := range f.calls(t) {
			_, args := argv(c)
			if len(args) == 0 || args[0] != "hook" {
				t.Fatalf("call %q is not `sshell hook ...`", c)
			}
			r, err := hook.ParseArgs(args[1:])
			if err != nil {
				t.Fatalf("hook.ParseArgs(%q): %v", args[1:], err)
			}
			got = append(got, r)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("parsed calls:\n got %+v\nwant %+v", got, want)
		}
	})
}

func TestTemplatesReadHooksEnvironment(t *testing.T) {
	for _, shell := range Supported() {
		text, err := Generate(shell, Options{Bin: "/usr/bin/sshell"})
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range []string{hook.EnvHook, hook.EnvSkip, hook.EnvScripts, hook.EnvDepth} {
			if !strings.Contains(text, v) {
				t.Errorf("the %s hook does not use %s", shell, v)
			}
		}
	}
}
