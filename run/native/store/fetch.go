//go:build !lean

package store

import (
	"context"
	"strings"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/remote"
)

// remoteOptions are the options of every registry call.
func (s *Store) remoteOptions(ctx context.Context, p v1.Platform) []remote.Option {
	return []remote.Option{
		remote.WithContext(ctx),
		remote.WithAuthFromKeychain(s.remote.keychain),
		remote.WithPlatform(p),
		remote.WithUserAgent("sshell"),
		remote.WithTransport(s.remote.transport),
	}
}

// sources are where ref can be fetched from, in order: its registry's
// mirrors, then the registry itself. go-containerregistry speaks plain
// HTTP to loopback, RFC 1918 and *.local registries by itself.
func (s *Store) sources(r name.Reference) []name.Reference {
	var out []name.Reference
	for _, m := range s.mirrors[r.Context().RegistryStr()] {
		if mr, err := onMirror(r, m); err == nil {
			out = append(out, mr)
		}
	}
	return append(out, r)
}

// onMirror is r with its registry replaced by mirror ("host[:port]",
// optionally with "https://" or, for plain HTTP, "http://").
func onMirror(r name.Reference, mirror string) (name.Reference, error) {
	var opts []name.Option
	host := strings.TrimSuffix(strings.TrimPrefix(mirror, "https://"), "/")
	if h, ok := strings.CutPrefix(host, "http://"); ok {
		host, opts = h, append(opts, name.Insecure)
	}
	sep := ":"
	if _, ok := r.(name.Digest); ok {
		sep = "@"
	}
	return name.ParseReference(host+"/"+r.Context().RepositoryStr()+sep+r.Identifier(), opts...)
}

// get fetches ref's descriptor from the first source that has it. The
// error is the registry's own when every mirror failed too.
func (s *Store) fetchDescriptor(ctx context.Context, r name.Reference, opts []remote.Option) (*remote.Descriptor, error) {
	srcs := s.sources(r)
	var err error
	for _, src := range srcs {
		var d *remote.Descriptor
		if d, err = remote.Get(src, opts...); err == nil {
			return d, nil
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
	}
	return nil, err
}
