//go:build lean

package store

import (
	"bufio"
	"context"
	"fmt"
	"io"

	"github.com/sshell/sshell/run"
)

// remoteConfig is empty in the lean build: it reaches no registry (see
// remote.go for the full build's).
type remoteConfig struct{}

func newRemote() remoteConfig { return remoteConfig{} }

// classify knows disk failures only: the lean build meets no registry.
func classify(err error) error {
	if classifyFS(err) == run.ErrNoSpace {
		return run.ErrNoSpace
	}
	return nil
}

// decompress is never reached: layers are unpacked by Pull.
func decompress(*bufio.Reader) (io.ReadCloser, error) {
	return nil, fmt.Errorf("unpacking a layer: %w", run.ErrFullBuild)
}

// Pull is the full build's: the lean build leaves it to that one.
func (s *Store) Pull(ctx context.Context, ref, platform string, progress io.Writer) (*Image, PullStats, error) {
	return nil, PullStats{}, fmt.Errorf("pulling %q: %w", ref, run.ErrFullBuild)
}
