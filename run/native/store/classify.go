package store

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"syscall"

	"github.com/google/go-containerregistry/pkg/v1/remote/transport"
	"github.com/sshell/sshell/run"
)

// classify returns the run.Err* kind of a registry or disk failure, or nil
// when it is none of them. go-containerregistry returns typed errors, so
// no message is parsed here. The caller's own cancellation or deadline is
// no kind (see wrap); a timeout of the transport is the registry's.
func classify(err error) error {
	if err == nil {
		return nil
	}
	if classifyFS(err) == run.ErrNoSpace {
		return run.ErrNoSpace
	}
	var te *transport.Error
	if errors.As(err, &te) {
		for _, d := range te.Errors {
			switch d.Code {
			case transport.ManifestUnknownErrorCode, transport.NameUnknownErrorCode, transport.BlobUnknownErrorCode, transport.NameInvalidErrorCode:
				return run.ErrImageNotFound
			case transport.UnauthorizedErrorCode, transport.DeniedErrorCode:
				return run.ErrAuthDenied
			}
		}
		switch te.StatusCode {
		case http.StatusUnauthorized, http.StatusForbidden:
			return run.ErrAuthDenied
		case http.StatusNotFound:
			return run.ErrImageNotFound
		case http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
			return run.ErrRegistryUnreachable
		}
		return nil
	}
	var op *net.OpError
	var dns *net.DNSError
	var ue *url.Error
	var ne net.Error
	switch {
	case errors.As(err, &op), errors.As(err, &dns),
		errors.As(err, &ne) && ne.Timeout(),
		errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ECONNRESET):
		return run.ErrRegistryUnreachable
	case errors.As(err, &ue):
		return run.ErrRegistryUnreachable
	}
	return nil
}

// classifyFS returns run.ErrNoSpace for a full disk (or quota), else err.
func classifyFS(err error) error {
	if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT) {
		return run.ErrNoSpace
	}
	return err
}

// wrap adds the operation, its input and the kind of err, when known:
// `pulling "alpine": image not found: <cause>`. Once ctx has ended, the
// failure is the caller's doing, of no kind.
func wrap(ctx context.Context, op, input string, err error) error {
	if ctx.Err() != nil || errors.Is(err, context.Canceled) {
		return fmt.Errorf("%s %q: %w", op, input, err)
	}
	if kind := classify(err); kind != nil && !errors.Is(err, kind) {
		return fmt.Errorf("%s %q: %w: %w", op, input, kind, err)
	}
	return fmt.Errorf("%s %q: %w", op, input, err)
}
