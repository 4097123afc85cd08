package testimage_test

import (
	"net/http"
	"os/exec"
	"strings"
	"testing"

	"github.com/sshell/sshell/internal/testimage"
)

func TestBuildRuns(t *testing.T) {
	out, err := exec.Command(testimage.Build(t), "echo-split", "out", "err").Output()
	if err != nil || string(out) != "out" {
		t.Fatalf("testtool echo-split: %q, %v", out, err)
	}
}

func TestPushPullRun(t *testing.T) {
	testimage.RequireDocker(t)
	reg := testimage.StartRegistry(t)
	ref := testimage.Push(t, reg, "sshell-test/tool", testimage.WithCmd("echo-split", "hello", ""))
	docker(t, "pull", ref)
	if out := docker(t, "run", "--rm", ref); out != "hello" {
		t.Fatalf("docker run %s printed %q, want %q", ref, out, "hello")
	}
}

func TestAuthRegistry(t *testing.T) {
	reg := testimage.StartRegistry(t, testimage.WithBasicAuth("u", "p"))
	ref := testimage.Push(t, reg, "private/tool")
	resp, err := http.Get("http://" + reg.Host() + "/v2/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 401 || !strings.Contains(resp.Header.Get("WWW-Authenticate"), `Basic realm="sshell-test"`) {
		t.Fatalf("GET /v2/ without credentials: %d %q, want 401 with a Basic challenge", resp.StatusCode, resp.Header.Get("WWW-Authenticate"))
	}
	if !strings.HasPrefix(ref, reg.Host()+"/private/tool:") {
		t.Fatalf("ref %q not in %s", ref, reg.Host())
	}
}

func TestDeadRegistry(t *testing.T) {
	if _, err := http.Get("http://" + testimage.DeadRegistry(t) + "/v2/"); err == nil {
		t.Fatal("a dead registry answered")
	}
}

func docker(t *testing.T, args ...string) string {
	t.Helper()
	var stderr strings.Builder
	cmd := exec.Command("docker", args...)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("docker %s: %v: %s", strings.Join(args, " "), err, stderr.String())
	}
	return string(out)
}
