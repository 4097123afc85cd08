package store

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"runtime"
	"strings"

	"github.com/distribution/reference"
	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
)

// parseRef reads an image reference the way Docker does ("alpine" is
// index.docker.io/library/alpine:latest), but refuses what would only go
// to Docker Hub by accident: names outside Docker's grammar, which
// go-containerregistry's lenient parser accepts ("/alpine", "-alpine",
// "alpine/"), and a bare name holding a dot ("ghcr.io", "127.0.0.1:5000"),
// which is a registry host missing its repository, not an official image.
func parseRef(ref string) (name.Reference, error) {
	if _, err := reference.ParseNormalizedNamed(ref); err != nil {
		return nil, fmt.Errorf("invalid image reference %q: %w", ref, err)
	}
	r, err := name.ParseReference(ref)
	if err != nil {
		return nil, fmt.Errorf("invalid image reference %q: %w", ref, err)
	}
	repo, _, _ := strings.Cut(ref, "@")
	if r.Context().RegistryStr() == name.DefaultRegistry && !strings.Contains(repo, "/") {
		if bare, _, _ := strings.Cut(repo, ":"); strings.Contains(bare, ".") {
			return nil, fmt.Errorf("invalid image reference %q: %q looks like a registry host; name a repository in it (%s/REPO)", ref, bare, repo)
		}
	}
	return r, nil
}

// hostPlatform is the platform images are pulled for by default: the host's
// own (runtime.GOOS/GOARCH, with the ARM variant Go was built for).
func hostPlatform() string {
	p := runtime.GOOS + "/" + runtime.GOARCH
	switch runtime.GOARCH {
	case "arm64":
		// Registries list arm64 as "arm64" or "arm64/v8"; an empty variant
		// matches both.
	case "arm":
		p += "/v7"
	}
	return p
}

// parsePlatform normalises an "os/arch[/variant]" platform ("" is the host's).
func parsePlatform(s string) (v1.Platform, string, error) {
	if s == "" {
		s = hostPlatform()
	}
	p, err := v1.ParsePlatform(s)
	if err != nil {
		return v1.Platform{}, "", fmt.Errorf("invalid platform %q: %w", s, err)
	}
	if p.OS == "" || p.Architecture == "" {
		return v1.Platform{}, "", fmt.Errorf("invalid platform %q: want os/arch[/variant]", s)
	}
	return *p, platformString(*p), nil
}

func platformString(p v1.Platform) string {
	s := p.OS + "/" + p.Architecture
	if p.Variant != "" {
		s += "/" + p.Variant
	}
	return s
}

// recordKey names the record of ref (canonical) for platform (normalised):
// a hash, so that any reference is a safe, fixed-length file name.
func recordKey(ref, platform string) string {
	h := sha256.Sum256([]byte(ref + "\x00" + platform))
	return hex.EncodeToString(h[:20])
}

// canonicalHost maps the many names of Docker Hub to go-containerregistry's.
func canonicalHost(h string) string {
	switch h {
	case "docker.io", "registry-1.docker.io", "index.docker.io":
		return name.DefaultRegistry
	}
	return h
}

// hexOf is the hex part of "sha256:<hex>", checked, so it can name a file.
func hexOf(digest string) (string, error) {
	h, err := v1.NewHash(digest)
	if err != nil {
		return "", err
	}
	if h.Algorithm != "sha256" {
		return "", fmt.Errorf("unsupported digest algorithm %q", h.Algorithm)
	}
	return h.Hex, nil
}
