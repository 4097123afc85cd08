package docker_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sshell/sshell/internal/testimage"
	"github.com/sshell/sshell/run"
	"github.com/sshell/sshell/run/docker"
)

func TestDescribe(t *testing.T) {
	testimage.RequireDocker(t)
	got, err := newRunner(t).Describe(context.Background())
	if err != nil || !strings.HasPrefix(got, "Docker Engine ") || !strings.Contains(got, "(API 1.") {
		t.Errorf("Describe = %q, %v; want \"Docker Engine V (API 1.N) at HOST\"", got, err)
	}
}

func TestDescribeDaemonDown(t *testing.T) {
	sock := "unix://" + filepath.Join(t.TempDir(), "no-daemon.sock")
	_, err := newRunner(t, docker.WithHost(sock)).Describe(context.Background())
	if !errors.Is(err, run.ErrDaemonUnreachable) || !strings.Contains(err.Error(), sock) {
		t.Errorf("Describe with no daemon: %v; want ErrDaemonUnreachable naming %s", err, sock)
	}
}
