//go:build !lean

package docker

import (
	"strings"

	"github.com/docker/docker/api/types/image"
	ocispec "github.com/opencontainers/image-spec/specs-go/v1"
)

// ociPlatform reads "os/arch[/variant]" (checked by the manifest's
// parser) as the Engine API takes it; nil for "", the daemon's own.
func ociPlatform(s string) *ocispec.Platform {
	if s == "" {
		return nil
	}
	parts := strings.SplitN(s, "/", 3)
	p := &ocispec.Platform{OS: parts[0]}
	if len(parts) > 1 {
		p.Architecture = parts[1]
	}
	if len(parts) > 2 {
		p.Variant = parts[2]
	}
	return p
}

// onPlatform reports whether the daemon's image img is for platform s
// (any image is, for ""). A variant is compared only when s names one.
func onPlatform(img image.InspectResponse, s string) bool {
	p := ociPlatform(s)
	return p == nil || (img.Os == p.OS && img.Architecture == p.Architecture && (p.Variant == "" || img.Variant == p.Variant))
}
