//go:build !lean

// Package docker is a run.Runner on the Docker Engine API.
//
// One Run pulls the image when the pull policy asks for it, creates a
// container labelled as sshell's, attaches to it before starting it, forwards
// signals and terminal resizes, waits for the exit code and removes the
// container. Alongside every run it removes containers left behind by sshell
// processes that died without cleaning up (see sweep.go).
package docker

import (
	"fmt"
	"os"

	"github.com/docker/docker/client"
	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/sshell/sshell/run"
)

// Runner runs tools in containers through the Docker Engine API.
// It is safe for concurrent use.
type Runner struct {
	cli      *client.Client
	host     string // this machine's hostname, for the owner labels
	keychain authn.Keychain
}

var _ run.Runner = (*Runner)(nil)

// Option configures New.
type Option func(*options)

type options struct {
	host     string
	keychain authn.Keychain
}

// WithHost talks to the daemon at host (like DOCKER_HOST, e.g.
// "unix:///var/run/docker.sock") instead of the one the environment names.
func WithHost(host string) Option { return func(o *options) { o.host = host } }

// WithKeychain resolves registry credentials with kc instead of
// authn.DefaultKeychain (DOCKER_CONFIG, ~/.docker/config.json, helpers).
func WithKeychain(kc authn.Keychain) Option { return func(o *options) { o.keychain = kc } }

// New returns a Runner for the daemon the environment names (DOCKER_HOST,
// DOCKER_TLS_VERIFY, DOCKER_CERT_PATH, DOCKER_API_VERSION). The API version
// is negotiated on first use, as the daemon may be older than this client.
// New makes no network call.
func New(opts ...Option) (*Runner, error) {
	o := options{keychain: authn.DefaultKeychain}
	for _, opt := range opts {
		opt(&o)
	}
	copts := []client.Opt{client.FromEnv, client.WithAPIVersionNegotiation()}
	if o.host != "" {
		copts = append(copts, client.WithHost(o.host))
	}
	cli, err := client.NewClientWithOpts(copts...)
	if err != nil {
		return nil, fmt.Errorf("configuring the Docker client: %w: %w", run.ErrDaemonUnreachable, err)
	}
	host, _ := os.Hostname()
	return &Runner{cli: cli, host: host, keychain: o.keychain}, nil
}

// Close releases the client's connections.
func (r *Runner) Close() error { return r.cli.Close() }
