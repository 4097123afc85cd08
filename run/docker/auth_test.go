package docker

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/docker/docker/api/types/registry"
	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/sshell/sshell/internal/testimage"
	"github.com/sshell/sshell/run"
)

// keychain hands out one authenticator for every registry.
type keychain struct{ a authn.Authenticator }

func (k keychain) Resolve(authn.Resource) (authn.Authenticator, error) { return k.a, nil }

func TestRegistryAuth(t *testing.T) {
	basic := &authn.Basic{Username: "u", Password: "p"}
	got := authFor(t, keychain{basic}, "r.example:5000/x/y:1")
	if got.Username != "u" || got.Password != "p" || got.ServerAddress != "r.example:5000" {
		t.Errorf("basic credentials became %+v", got)
	}
	hub := authFor(t, keychain{basic}, "alpine")
	if hub.ServerAddress != "index.docker.io" {
		t.Errorf("Docker Hub's server address is %q, want index.docker.io", hub.ServerAddress)
	}
	if s, err := registryAuth(context.Background(), keychain{authn.Anonymous}, "alpine"); s != "" || err != nil {
		t.Errorf("anonymous: %q, %v; want no header", s, err)
	}
}

// authFor is the decoded header registryAuth makes for ref.
func authFor(t *testing.T, kc authn.Keychain, ref string) registry.AuthConfig {
	t.Helper()
	s, err := registryAuth(context.Background(), kc, ref)
	if err != nil {
		t.Fatalf("registryAuth: %v", err)
	}
	b, err := base64.URLEncoding.DecodeString(s)
	var c registry.AuthConfig
	if err != nil || json.Unmarshal(b, &c) != nil {
		t.Fatalf("undecodable header %q: %v", s, err)
	}
	return c
}

// TestPullWithDockerConfig: credentials in $DOCKER_CONFIG/config.json, as
// docker login writes them, open a registry that demands them.
func TestPullWithDockerConfig(t *testing.T) {
	r := testRunner(t)
	reg := testimage.StartRegistry(t, testimage.WithBasicAuth("sshell", "secret"))
	img := testimage.Push(t, reg, "auth/private")
	dir := t.TempDir()
	cfg := `{"auths":{"` + reg.Host() + `":{"auth":"` + base64.StdEncoding.EncodeToString([]byte("sshell:secret")) + `"}}}`
	if err := os.WriteFile(filepath.Join(dir, "config.json"), []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("DOCKER_CONFIG", dir)
	if res := mustRun(t, r, toolSpec(img, "exit", "0"), run.IO{}); !res.Timing.Pulled {
		t.Errorf("the run did not pull")
	}
}
