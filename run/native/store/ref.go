package store

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"runtime"
	"strings"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
)

// parseRef reads an image reference the way Docker does ("alpine" is
// index.docker.io/library/alpine:latest), then checks the result with
// name.StrictValidation, so a name that only parses thanks to defaulting
// to Docker Hub in some odd way is refused instead of pulled from there.
func parseRef(ref string) (name.Reference, error) {
	if strings.TrimSpace(ref) != ref || ref == "" {
		return nil, fmt.Errorf("invalid image reference %q", ref)
	}
	r, err := name.ParseReference(ref)
	if err != nil {
		return nil, err
	}
	if _, err := name.ParseReference(r.Name(), name.StrictValidation); err != nil {
		return nil, fmt.Errorf("invalid image reference %q: %w", ref, err)
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
