package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/adrg/xdg"

	"github.com/sshell/sshell/internal/testimage"
	"github.com/sshell/sshell/run/native"
)

// doctor runs `sshell doctor` in-process with the runtime env chosen.
func doctor(t *testing.T, runtime string) (int, string, string) {
	t.Helper()
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	xdg.Reload()
	t.Cleanup(xdg.Reload)
	t.Setenv(envRuntime, runtime)
	var out, errb bytes.Buffer
	code := execute(context.Background(), &streams{strings.NewReader(""), &out, &errb}, []string{"doctor"})
	return code, out.String(), errb.String()
}

func TestDoctorDockerDown(t *testing.T) {
	sock := "unix://" + filepath.Join(t.TempDir(), "no-daemon.sock")
	t.Setenv("DOCKER_HOST", sock)
	code, out, errOut := doctor(t, runtimeDocker)
	if code != exitDoctorProblems || !strings.Contains(out, "docker  no  ") || !strings.Contains(out, sock) ||
		!strings.Contains(out, "in use  docker") || !strings.HasPrefix(errOut, "sshell: the docker runtime cannot run tools here") {
		t.Errorf("doctor with no daemon: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

func TestDoctorDockerUp(t *testing.T) {
	testimage.RequireDocker(t)
	code, out, errOut := doctor(t, runtimeDocker)
	if code != 0 || !strings.Contains(out, "docker  ok  Docker Engine ") || errOut != "" {
		t.Errorf("doctor with the daemon: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

// TestDoctorNative: the native line says ok exactly when native.Available
// does, and auto follows it.
func TestDoctorNative(t *testing.T) {
	code, out, _ := doctor(t, runtimeAuto)
	avail := native.Available()
	want := "native  ok  "
	if avail != nil {
		want = "native  no  " + avail.Error()
	}
	if !strings.Contains(out, want) || !strings.Contains(out, "in use  "+autoRuntime()) {
		t.Errorf("doctor: stdout %q; want %q and in use %s", out, want, autoRuntime())
	}
	if avail == nil && code != 0 {
		t.Errorf("doctor on auto with native working: exit %d", code)
	}
}

// TestDoctorReady: where native works, doctor says whether sandboxes are
// kept ready, and how long one waits.
func TestDoctorReady(t *testing.T) {
	if err := native.Available(); err != nil {
		t.Skipf("the native runtime cannot run here: %v", err)
	}
	for _, c := range []struct{ env, want string }{
		{"90s", "ready   ok  sandboxes kept ready, one per kind of call, until 1m30s pass without a call\n"},
		{"off", "ready   no  turned off: no sandbox is kept ready"},
		{"", "until 10m0s pass"},
		{"soon", "ready   no  SSHELL_READY=\"soon\": want a duration"},
	} {
		t.Setenv(envReady, c.env)
		if _, out, _ := doctor(t, runtimeDocker); !strings.Contains(out, c.want) {
			t.Errorf("doctor with $%s=%q: stdout %q; want %q", envReady, c.env, out, c.want)
		}
	}
}
