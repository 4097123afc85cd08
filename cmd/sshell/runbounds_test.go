package main

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/sshell/sshell/resolve"
	"github.com/sshell/sshell/run"
)

func TestParseBounds(t *testing.T) {
	dir := t.TempDir()
	o, err := parse(t, "--memory", "512m", "--cpus", "0.5", "--pids", "100", "--timeout", "90",
		"--cap-add", "cap_net_raw", "--cap-add", "SYS_PTRACE", "--mount", dir, "--mount", dir+":/data:ro",
		"--read-write-root", "--privileged", "jq")
	if err != nil {
		t.Fatal(err)
	}
	want := boundOptions{
		limits: run.Limits{Memory: 512 << 20, CPUs: 0.5, PIDs: 100, Timeout: 90 * time.Second},
		capAdd: []string{"NET_RAW", "SYS_PTRACE"},
		mounts: []run.Mount{{Source: dir, Target: dir}, {Source: dir, Target: "/data", ReadOnly: true}},
		rwRoot: true, privileged: true,
	}
	if !reflect.DeepEqual(o.bounds, want) {
		t.Errorf("got  %+v\nwant %+v", o.bounds, want)
	}
	o, err = parse(t, "--memory", "unlimited", "--cpus", "unlimited", "--pids", "unlimited", "--timeout", "2m", "jq")
	if l := o.bounds.limits; err != nil || l != (run.Limits{Memory: -1, CPUs: -1, PIDs: -1, Timeout: 2 * time.Minute}) {
		t.Errorf("unlimited: %+v, %v", l, err)
	}
}

func TestParseBoundsErrors(t *testing.T) {
	for _, args := range [][]string{
		{"--memory", "lots"}, {"--memory", "0"}, {"--cpus", "0"}, {"--cpus", "x"}, {"--pids", "-3"},
		{"--timeout", "soon"}, {"--timeout", "0s"}, {"--cap-add", "net raw"}, {"--mount", "/no/such/dir"},
		{"--mount", ".:rel"}, {"--mount", "a:b:c:ro"}, {"--mount", ":/x"},
	} {
		if _, err := parse(t, append(args, "jq")...); err == nil {
			t.Errorf("%q was accepted", args)
		}
	}
}

func TestPrivilegedWarns(t *testing.T) {
	var errOut bytes.Buffer
	s := &streams{nil, &bytes.Buffer{}, &errOut}
	spec := run.Spec{Command: "jq"}
	(&boundOptions{}).apply(s, resolve.Tool{}, &spec)
	if errOut.Len() != 0 {
		t.Errorf("warned without --privileged: %q", errOut.String())
	}
	(&boundOptions{privileged: true}).apply(s, resolve.Tool{}, &spec)
	if line := errOut.String(); !spec.Privileged || strings.Count(line, "\n") != 1 || !strings.Contains(line, "NOT isolated") {
		t.Errorf("--privileged: spec %v, warning %q; want one loud line", spec.Privileged, line)
	}
}

func TestStoppedBy(t *testing.T) {
	spec := run.Spec{Command: "jq", Limits: run.Limits{Timeout: 30 * time.Second}}
	for _, c := range []struct {
		stopped string
		line    string
		code    int
	}{
		{run.StoppedMemory, "sshell: jq stopped: memory limit 1GiB reached (raise it with --memory)", 137},
		{run.StoppedTimeout, "sshell: jq stopped: timeout 30s reached (raise it with --timeout)", 124},
	} {
		err := stoppedBy(spec, run.Result{ExitCode: 137, Stopped: c.stopped}, "")
		if got := message(err); got != c.line || exitCode(err) != c.code {
			t.Errorf("stopped by %s: %q, exit %d; want %q, %d", c.stopped, got, exitCode(err), c.line, c.code)
		}
	}
	if err := stoppedBy(spec, run.Result{ExitCode: 137}, ""); err != nil {
		t.Errorf("a tool killed by SIGKILL, not by a bound: %v", err)
	}
}

// TestManifestBounds: the manifest's limits and capabilities apply; a flag
// overrides a limit and adds capabilities; the message names the table.
func TestManifestBounds(t *testing.T) {
	tool := resolve.Tool{Name: "jq", CapAdd: []string{"NET_RAW"}, Source: resolve.Source{File: "m.toml", Line: 1},
		Limits: resolve.Limits{Memory: 2 << 30, PIDs: 10, Timeout: time.Minute}}
	o, err := parse(t, "--memory", "3g", "--cap-add", "SYS_PTRACE", "jq")
	if err != nil {
		t.Fatal(err)
	}
	spec := run.Spec{Command: "jq"}
	o.bounds.apply(&streams{nil, &bytes.Buffer{}, &bytes.Buffer{}}, tool, &spec)
	want := run.Limits{Memory: 3 << 30, PIDs: 10, Timeout: time.Minute}
	if spec.Limits != want || !reflect.DeepEqual(spec.CapAdd, []string{"NET_RAW", "SYS_PTRACE"}) {
		t.Errorf("limits %+v caps %q; want %+v and both capabilities", spec.Limits, spec.CapAdd, want)
	}
	err = stoppedBy(spec, run.Result{ExitCode: 137, Stopped: run.StoppedMemory}, limitsTable(tool))
	if got, line := message(err), "sshell: jq stopped: memory limit 3GiB reached (raise it with --memory or [tools.jq.limits])"; got != line {
		t.Errorf("message %q, want %q", got, line)
	}
}
