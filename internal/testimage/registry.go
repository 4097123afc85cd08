package testimage

import (
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/registry"
)

// Registry is an in-memory OCI registry served over plain HTTP on 127.0.0.1.
// It lives until the test that started it ends.
type Registry struct {
	srv        *httptest.Server
	user, pass string
}

// RegistryOption configures StartRegistry.
type RegistryOption func(*Registry)

// WithBasicAuth makes the registry demand HTTP Basic credentials user/pass
// on every request (including /v2/), answering 401 with a
// `WWW-Authenticate: Basic realm="sshell-test"` challenge otherwise.
func WithBasicAuth(user, pass string) RegistryOption {
	return func(r *Registry) { r.user, r.pass = user, pass }
}

// StartRegistry serves a fresh, empty registry on a random loopback port.
func StartRegistry(t testing.TB, opts ...RegistryOption) *Registry {
	t.Helper()
	r := &Registry{}
	for _, o := range opts {
		o(r)
	}
	h := registry.New(registry.Logger(log.New(io.Discard, "", 0)))
	r.srv = httptest.NewServer(r.guard(h))
	t.Cleanup(r.srv.Close)
	return r
}

// Close stops serving before the test ends, so that the registry is
// unreachable (the port refuses connections); the test's cleanup is then
// a no-op.
func (r *Registry) Close() { r.srv.Close() }

// Host is "127.0.0.1:PORT", the registry part of an image reference.
func (r *Registry) Host() string { return r.srv.Listener.Addr().String() }

// Ref is the full reference of repo:tag in this registry.
func (r *Registry) Ref(repo, tag string) string { return r.Host() + "/" + repo + ":" + tag }

// Auth is the authenticator matching the registry's credentials
// (anonymous when it requires none).
func (r *Registry) Auth() authn.Authenticator {
	if r.user == "" {
		return authn.Anonymous
	}
	return &authn.Basic{Username: r.user, Password: r.pass}
}

// RequiresAuth reports whether the registry was started WithBasicAuth.
func (r *Registry) RequiresAuth() bool { return r.user != "" }

func (r *Registry) guard(next http.Handler) http.Handler {
	if r.user == "" {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if u, p, ok := req.BasicAuth(); !ok || u != r.user || p != r.pass {
			w.Header().Set("WWW-Authenticate", `Basic realm="sshell-test"`)
			http.Error(w, `{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}`, http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, req)
	})
}

// DeadRegistry returns a "127.0.0.1:PORT" address where nothing listens
// (the port was free a moment ago; nothing in the test binds it again).
func DeadRegistry(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("finding a free port: %v", err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

// SilentRegistry returns a "127.0.0.1:PORT" address that accepts
// connections and never answers, so a pull from it hangs until it is
// stopped (a registry behind a black-holing network). accepted is closed at
// the first connection: from then on a pull is in progress.
func SilentRegistry(t testing.TB) (addr string, accepted <-chan struct{}) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listening: %v", err)
	}
	t.Cleanup(func() { l.Close() })
	first := make(chan struct{})
	go func() {
		for n := 0; ; n++ {
			c, err := l.Accept()
			if err != nil {
				return
			}
			if n == 0 {
				close(first)
			}
			t.Cleanup(func() { c.Close() })
		}
	}()
	return l.Addr().String(), first
}
