package runtest

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"sync"
)

// syncBuffer is an io.Writer that tests can wait on: waitFor blocks until
// the output contains a string (an event, not a timer).
type syncBuffer struct {
	mu      sync.Mutex
	buf     bytes.Buffer
	changed chan struct{}
}

func newSyncBuffer() *syncBuffer { return &syncBuffer{changed: make(chan struct{})} }

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	close(b.changed)
	b.changed = make(chan struct{})
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// waitFor returns once the output contains s, or an error when ctx ends
// (after a last look, so output that came with the end is not missed).
func (b *syncBuffer) waitFor(ctx context.Context, s string) error {
	_, err := b.waitMatch(ctx, func(out string) (string, bool) { return s, strings.Contains(out, s) })
	return err
}

// waitLine returns the first whole line that starts with prefix, without
// its line ending ("\n" or "\r\n").
func (b *syncBuffer) waitLine(ctx context.Context, prefix string) (string, error) {
	return b.waitMatch(ctx, func(out string) (string, bool) {
		for _, line := range strings.SplitAfter(out, "\n") {
			if strings.HasPrefix(line, prefix) && strings.HasSuffix(line, "\n") {
				return strings.TrimRight(line, "\r\n"), true
			}
		}
		return "", false
	})
}

func (b *syncBuffer) waitMatch(ctx context.Context, match func(string) (string, bool)) (string, error) {
	for {
		b.mu.Lock()
		out, changed := b.buf.String(), b.changed
		b.mu.Unlock()
		if m, ok := match(out); ok {
			return m, nil
		}
		if ctx.Err() != nil {
			return "", fmt.Errorf("output so far %q: %w", out, ctx.Err())
		}
		select {
		case <-changed:
		case <-ctx.Done():
		}
	}
}
