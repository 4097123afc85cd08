//go:build !lean

package docker

import (
	"github.com/google/go-containerregistry/pkg/name"
)

// repoDigest picks ref's registry digest ("sha256:...") from an image's
// RepoDigests ("repo@sha256:..."): the one of ref's own repository, as an
// image pulled under several names has one per repository. Empty when none
// matches, as for an image that was built locally and never pulled.
func repoDigest(ref string, repoDigests []string) string {
	r, err := name.ParseReference(ref)
	if err != nil {
		return ""
	}
	if d, ok := r.(name.Digest); ok {
		return d.DigestStr()
	}
	for _, rd := range repoDigests {
		if d, err := name.NewDigest(rd); err == nil && d.Context().Name() == r.Context().Name() {
			return d.DigestStr()
		}
	}
	return ""
}
