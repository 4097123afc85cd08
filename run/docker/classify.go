//go:build !lean

package docker

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"

	"github.com/docker/docker/client"
	"github.com/sshell/sshell/run"
)

// A rule maps words in an error message to an error kind. The daemon hands
// registry failures back as text (in an HTTP error or in a pull stream's
// errorDetail), so matching the text is the only way to tell them apart.
type rule struct {
	kind    error
	needles []string
}

// rules are tried in order; the first that matches wins. The strings come from
// what the daemon (20.10 and later) and registries actually say: see
// classify_test.go.
var rules = []rule{
	{run.ErrNoSpace, []string{"no space left on device"}},
	{run.ErrImageNotFound, []string{"manifest unknown", "name unknown", "repository does not exist",
		"no such image", "not found: manifest", "unknown blob", "blob unknown"}},
	{run.ErrAuthDenied, []string{"unauthorized", "authentication required", "no basic auth credentials",
		": denied", "access denied", "status 401", "status 403", "401 unauthorized", "403 forbidden"}},
	{run.ErrRegistryUnreachable, []string{"connection refused", "no such host", "timeout",
		"network is unreachable", "no route to host", "connection reset", "server misbehaving",
		"server gave http response to https client", "tls: ", "x509: "}},
}

// classify returns the run.Err* kind of err, or nil when it is none of them.
func classify(err error) error {
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return nil
	}
	if daemonDown(err) {
		return run.ErrDaemonUnreachable
	}
	msg := strings.ToLower(err.Error())
	for _, r := range rules {
		for _, n := range r.needles {
			if strings.Contains(msg, n) {
				return r.kind
			}
		}
	}
	return nil
}

// daemonDown reports a failure to talk to the daemon itself. A *net.OpError
// or *url.Error in the chain can only come from our own connection (a
// dial, TLS to a tcp:// daemon, a daemon gone mid-run): registry failures
// arrive from the daemon as text.
func daemonDown(err error) bool {
	var op *net.OpError
	var u *url.Error
	return client.IsErrConnectionFailed(err) || errors.As(err, &op) || errors.As(err, &u)
}

// wrap adds the operation, its input and the kind of err (when known).
func wrap(op, input string, err error) error {
	if kind := classify(err); kind != nil {
		return fmt.Errorf("%s %q: %w: %w", op, input, kind, err)
	}
	return fmt.Errorf("%s %q: %w", op, input, err)
}
