//go:build !lean

package docker

import (
	"context"

	"github.com/docker/docker/api/types/registry"
	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
)

// registryAuth resolves credentials for ref's registry with kc and encodes
// them for the Engine API's X-Registry-Auth header. Anonymous access (no
// credentials, or a reference we cannot parse, which the daemon will then
// reject with its own message) is the empty string.
func registryAuth(ctx context.Context, kc authn.Keychain, ref string) (string, error) {
	r, err := name.ParseReference(ref)
	if err != nil {
		return "", nil
	}
	a, err := authn.Resolve(ctx, kc, r.Context().Registry)
	if err != nil || a == authn.Anonymous {
		return "", err
	}
	c, err := authn.Authorization(ctx, a)
	if err != nil {
		return "", err
	}
	return registry.EncodeAuthConfig(toDocker(c, r.Context().RegistryStr()))
}

// toDocker converts go-containerregistry's AuthConfig to the Engine API's.
func toDocker(c *authn.AuthConfig, server string) registry.AuthConfig {
	return registry.AuthConfig{
		Username:      c.Username,
		Password:      c.Password,
		Auth:          c.Auth,
		IdentityToken: c.IdentityToken,
		RegistryToken: c.RegistryToken,
		ServerAddress: server,
	}
}
