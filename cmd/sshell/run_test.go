package main

import (
	"bytes"
	"errors"
	"flag"
	"reflect"
	"strings"
	"testing"

	"github.com/sshell/sshell/run"
)

func parse(t *testing.T, args ...string) (*runOptions, error) {
	t.Helper()
	return parseRun(&streams{nil, &bytes.Buffer{}, &bytes.Buffer{}}, args)
}

func TestParseRun(t *testing.T) {
	tests := []struct {
		args []string
		want runOptions
	}{
		{[]string{"jq", ".a"},
			runOptions{pull: run.PullMissing, command: "jq", args: []string{".a"}}},
		{[]string{"jq", "-x", "--pull", "never", "--", "-e"}, // everything after COMMAND is the tool's
			runOptions{pull: run.PullMissing, command: "jq", args: []string{"-x", "--pull", "never", "--", "-e"}}},
		{[]string{"--pull", "always", "--network=host", "--tty", "never", "-e", "A=1", "--env", "B", "-e=C=", "jq"},
			runOptions{tty: "never", pull: run.PullAlways, network: "host", env: []string{"A=1", "B", "C="}, command: "jq", args: []string{}}},
		{[]string{"--image", "alpine:3", "--", "ls", "-l"},
			runOptions{image: "alpine:3", pull: run.PullMissing, command: "alpine", args: []string{"ls", "-l"}}},
		{[]string{"--image", "127.0.0.1:5000/a/b/tool@sha256:" + strings.Repeat("0", 64), "--entrypoint", "/bin/sh"},
			runOptions{image: "127.0.0.1:5000/a/b/tool@sha256:" + strings.Repeat("0", 64), entrypoint: "/bin/sh",
				pull: run.PullMissing, command: "tool", args: []string{}}},
		{[]string{"--", "jq"},
			runOptions{pull: run.PullMissing, command: "jq", args: []string{}}},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			got, err := parse(t, tc.args...)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(*got, tc.want) {
				t.Errorf("got  %+v\nwant %+v", *got, tc.want)
			}
		})
	}
}

func TestParseRunErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{nil, "missing COMMAND"},
		{[]string{""}, "empty COMMAND"},
		{[]string{"--bogus", "jq"}, "flag provided but not defined: -bogus"},
		{[]string{"--pull", "sometimes", "jq"}, `invalid value "sometimes" for flag -pull`},
		{[]string{"--network", "overlay", "jq"}, "use none, host, bridge"},
		{[]string{"--tty", "yes", "jq"}, "use auto, always, never"},
		{[]string{"-e", "=x", "jq"}, "invalid environment variable name"},
		{[]string{"--entrypoint", "sh", "jq"}, "--entrypoint needs --image"},
		{[]string{"--image", "Not A Ref"}, "--image:"},
		{[]string{"--pull"}, "flag needs an argument: -pull"},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			_, err := parse(t, tc.args...)
			var usage *usageError
			if !errors.As(err, &usage) || usage.verb != "run" {
				t.Fatalf("error %v (%T), want a usage error for run", err, err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q, want it to contain %q", err, tc.want)
			}
		})
	}
}

func TestRunHelp(t *testing.T) {
	for _, h := range []string{"-h", "--help", "-help"} {
		var out bytes.Buffer
		_, err := parseRun(&streams{nil, &out, &bytes.Buffer{}}, []string{h, "jq"})
		if !errors.Is(err, flag.ErrHelp) || out.String() != runHelpText {
			t.Errorf("sshell run %s: %v, printed %q; want flag.ErrHelp and the help", h, err, out.String())
		}
	}
	// After COMMAND, --help is the tool's.
	o, err := parse(t, "jq", "--help")
	if err != nil || !reflect.DeepEqual(o.args, []string{"--help"}) {
		t.Errorf("sshell run jq --help: %v, args %q; want the tool to get --help", err, o.args)
	}
}

func TestToolExit(t *testing.T) {
	for code, want := range map[int]int{0: 0, 1: 1, 42: 42, 137: 137, 255: 255, 256: 125, -1: 125} {
		if got := exitCode(toolExit(code)); got != want {
			t.Errorf("exitCode(toolExit(%d)) = %d, want %d", code, got, want)
		}
		if code >= 0 && code <= 255 && message(toolExit(code)) != "" {
			t.Errorf("message(toolExit(%d)) = %q, want silence", code, message(toolExit(code)))
		}
	}
}
