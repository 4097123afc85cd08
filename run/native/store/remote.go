//go:build !lean

package store

import (
	"net/http"
	"time"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/v1/remote"
)

// remoteConfig is how the store reaches registries. The lean build
// (remote_lean.go) has none: it pulls nothing, and leaves pulls to the
// full one.
type remoteConfig struct {
	keychain authn.Keychain
	// transport is go-containerregistry's default with a bound on each
	// answer's wait.
	transport *http.Transport
}

func newRemote() remoteConfig {
	t := remote.DefaultTransport.(*http.Transport).Clone()
	t.ResponseHeaderTimeout = DefaultResponseTimeout
	return remoteConfig{keychain: authn.DefaultKeychain, transport: t}
}

// WithKeychain sets where credentials come from; the default is
// authn.DefaultKeychain (the Docker config and its credential helpers).
func WithKeychain(kc authn.Keychain) Option { return func(s *Store) { s.remote.keychain = kc } }

// DefaultResponseTimeout bounds the wait for a registry's answer to each
// request (not the transfer of a body), so that a registry that accepts
// connections and never answers is reported unreachable.
const DefaultResponseTimeout = 30 * time.Second

// WithResponseTimeout sets how long a registry may take to answer each
// request, and at most to finish a TLS handshake (DefaultResponseTimeout
// and 10 s by default); d <= 0 keeps the defaults.
// go-containerregistry retries a timeout twice, after 1 s and 3 s.
func WithResponseTimeout(d time.Duration) Option {
	return func(s *Store) {
		if d > 0 {
			s.remote.transport.ResponseHeaderTimeout = d
			s.remote.transport.TLSHandshakeTimeout = min(s.remote.transport.TLSHandshakeTimeout, d)
		}
	}
}
