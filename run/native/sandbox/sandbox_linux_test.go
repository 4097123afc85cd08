package sandbox

import (
	"errors"
	"strings"
	"testing"
)

func TestExitCode(t *testing.T) {
	requireRoot(t)
	l := layer(t)
	for _, c := range []struct {
		args []string
		want int
	}{{[]string{"exit", "0"}, 0}, {[]string{"exit", "42"}, 42}, {[]string{"kill", "TERM"}, 143}} {
		code, out, errOut, err := runBox(t, config(t, []string{l}, c.args...))
		if err != nil || code != c.want {
			t.Errorf("%v: exit %d, err %v, want %d (stdout %q stderr %q)", c.args, code, err, c.want, out, errOut)
		}
	}
}

func TestIsolated(t *testing.T) {
	requireRoot(t)
	cfg := config(t, []string{layer(t)}, "attack", "procs", "sshell-never", "dockerd")
	code, out, errOut, err := runBox(t, cfg)
	if err != nil || code != 0 || !strings.HasPrefix(out, "blocked: ") {
		t.Errorf("procs: exit %d, err %v, stdout %q stderr %q", code, err, out, errOut)
	}
	cfg = config(t, []string{layer(t)}, "attack", "write-root")
	if code, out, _, err := runBox(t, cfg); err != nil || code != 0 {
		t.Errorf("write-root: exit %d, err %v, stdout %q", code, err, out)
	}
}

func TestNotFound(t *testing.T) {
	requireRoot(t)
	cfg := config(t, []string{layer(t)})
	cfg.Args = []string{"/nope"}
	code, _, _, err := runBox(t, cfg)
	var se *Error
	if !errors.As(err, &se) || se.Code != CodeNotFound || code != CodeNotFound {
		t.Errorf("/nope: exit %d, err %v; want an *Error with code 127", code, err)
	}
	cfg = config(t, []string{layer(t)})
	cfg.Args = []string{"/tmp"}
	code, _, _, err = runBox(t, cfg)
	if !errors.As(err, &se) || se.Code != CodeCannotExec || code != CodeCannotExec {
		t.Errorf("/tmp: exit %d, err %v; want an *Error with code 126", code, err)
	}
}
