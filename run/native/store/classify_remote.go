//go:build !lean

package store

import (
	"errors"
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
