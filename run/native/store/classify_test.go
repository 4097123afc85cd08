package store

import (
	"context"
	"encoding/base64"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sshell/sshell/internal/testimage"
	"github.com/sshell/sshell/run"
)

func TestDeadRegistryIsUnreachable(t *testing.T) {
	s := openTest(t)
	ref := testimage.DeadRegistry(t) + "/tool:latest"
	_, _, err := s.Pull(context.Background(), ref, "", nil)
	if !errors.Is(err, run.ErrRegistryUnreachable) {
		t.Fatalf("Pull: %v, want ErrRegistryUnreachable", err)
	}
	if !strings.HasPrefix(err.Error(), `pulling "`+ref+`": registry unreachable: `) {
		t.Errorf("message %q", err)
	}
	if _, err := s.Resolve(context.Background(), ref, ""); !errors.Is(err, run.ErrRegistryUnreachable) {
		t.Fatalf("Resolve: %v, want ErrRegistryUnreachable", err)
	}
}

func TestUnknownImageIsNotFound(t *testing.T) {
	reg := testimage.StartRegistry(t)
	ref := testimage.Push(t, reg, "tool")
	s := openTest(t)
	for _, missing := range []string{
		reg.Ref("tool", "no-such-tag"),
		reg.Ref("no-such-repo", "latest"),
		strings.SplitN(ref, ":", 3)[0] + ":" + strings.SplitN(ref, ":", 3)[1] + "@sha256:" + strings.Repeat("0", 64),
	} {
		_, _, err := s.Pull(context.Background(), missing, "", nil)
		if !errors.Is(err, run.ErrImageNotFound) {
			t.Errorf("Pull(%q): %v, want ErrImageNotFound", missing, err)
		}
	}
	if _, err := s.Resolve(context.Background(), reg.Ref("tool", "no-such-tag"), ""); !errors.Is(err, run.ErrImageNotFound) {
		t.Errorf("Resolve: %v, want ErrImageNotFound", err)
	}
}

func TestInvalidReference(t *testing.T) {
	s := openTest(t)
	for _, ref := range []string{"", " alpine", "UPPER/case", "a//b", "http://host/x"} {
		if _, _, err := s.Pull(context.Background(), ref, "", nil); err == nil {
			t.Errorf("Pull(%q) succeeded", ref)
		}
		if _, err := s.Get(context.Background(), ref, ""); err == nil {
			t.Errorf("Get(%q) succeeded", ref)
		}
	}
	if _, _, err := s.Pull(context.Background(), "alpine", "linux", nil); err == nil || !strings.Contains(err.Error(), "platform") {
		t.Errorf("Pull with platform \"linux\": %v", err)
	}
}

// dockerConfig writes a Docker config holding user:pass for host and
// points DOCKER_CONFIG at it, as `docker login` would have.
func dockerConfig(t *testing.T, host, user, pass string) {
	dir := t.TempDir()
	auth := base64.StdEncoding.EncodeToString([]byte(user + ":" + pass))
	cfg := `{"auths":{"` + host + `":{"auth":"` + auth + `"}}}`
	if err := os.WriteFile(filepath.Join(dir, "config.json"), []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("DOCKER_CONFIG", dir)
}

func TestAuthFromDockerConfig(t *testing.T) {
	reg := testimage.StartRegistry(t, testimage.WithBasicAuth("alice", "s3cret"))
	ref := testimage.Push(t, reg, "private/tool")

	t.Run("right credentials", func(t *testing.T) {
		dockerConfig(t, reg.Host(), "alice", "s3cret")
		s, err := Open(t.TempDir()) // the default keychain: Docker's config
		if err != nil {
			t.Fatal(err)
		}
		pullOK(t, s, ref)
	})
	t.Run("wrong credentials", func(t *testing.T) {
		dockerConfig(t, reg.Host(), "alice", "wrong")
		s, err := Open(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.Pull(context.Background(), ref, "", nil); !errors.Is(err, run.ErrAuthDenied) {
			t.Fatalf("Pull: %v, want ErrAuthDenied", err)
		}
		if _, err := s.Resolve(context.Background(), ref, ""); !errors.Is(err, run.ErrAuthDenied) {
			t.Fatalf("Resolve: %v, want ErrAuthDenied", err)
		}
	})
	t.Run("no credentials", func(t *testing.T) {
		t.Setenv("DOCKER_CONFIG", t.TempDir())
		s, err := Open(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.Pull(context.Background(), ref, "", nil); !errors.Is(err, run.ErrAuthDenied) {
			t.Fatalf("Pull: %v, want ErrAuthDenied", err)
		}
	})
}

func TestSilentRegistryIsUnreachable(t *testing.T) {
	addr, _ := testimage.SilentRegistry(t)
	s := openTest(t, WithResponseTimeout(100*time.Millisecond))
	_, _, err := s.Pull(context.Background(), addr+"/tool:latest", "", nil)
	if !errors.Is(err, run.ErrRegistryUnreachable) {
		t.Fatalf("Pull from a registry that never answers: %v, want ErrRegistryUnreachable", err)
	}
}
