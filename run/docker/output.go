//go:build !lean

package docker

import (
	"errors"
	"io"
	"syscall"
)

// outWriter writes the tool's output to w. Once w fails, it calls broken
// and discards the rest, so that the tool never blocks on output nobody
// reads and the copy still runs to the end of the stream.
type outWriter struct {
	w      io.Writer
	broken func()
	err    error
}

func (o *outWriter) Write(p []byte) (int, error) {
	if o.err == nil {
		if _, o.err = o.w.Write(p); o.err != nil {
			o.broken()
		}
	}
	return len(p), nil
}

// failure is the write error, if any, but a broken pipe.
func (o *outWriter) failure() error {
	if errors.Is(o.err, syscall.EPIPE) {
		return nil
	}
	return o.err
}

func orDiscard(w io.Writer) io.Writer {
	if w == nil {
		return io.Discard
	}
	return w
}
