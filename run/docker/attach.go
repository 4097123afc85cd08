//go:build !lean

package docker

import (
	"cmp"
	"context"
	"io"
	"sync"

	"github.com/docker/docker/api/types"
	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/pkg/stdcopy"
	"github.com/sshell/sshell/run"
)

// session is a container's attached streams.
type session struct {
	hj             types.HijackedResponse
	stdout, stderr *outWriter
	tini           *tiniLine  // the first line of the tool's stderr (stdout with a TTY)
	copied         chan error // the output copy's result
}

// attach connects stdio to container id before it starts, so that no
// output is lost, and starts copying both ways.
func (r *Runner) attach(ctx context.Context, id string, tty bool, stdio run.IO) (*session, error) {
	hj, err := r.cli.ContainerAttach(ctx, id, container.AttachOptions{
		Stream: true, Stdin: true, Stdout: true, Stderr: true})
	if err != nil {
		return nil, wrap("attaching to container", id, err)
	}
	pipe := r.onBrokenPipe(ctx, id)
	s := &session{hj: hj, copied: make(chan error, 1),
		stdout: &outWriter{w: orDiscard(stdio.Stdout), broken: pipe},
		stderr: &outWriter{w: orDiscard(stdio.Stderr), broken: pipe}}
	if tty {
		s.tini = newTiniLine(s.stdout)
		go func() { _, err := io.Copy(s.tini, hj.Reader); s.copied <- err }()
	} else {
		s.tini = newTiniLine(s.stderr)
		go func() { _, err := stdcopy.StdCopy(s.stdout, s.tini, hj.Reader); s.copied <- err }()
	}
	go s.copyInput(stdio.Stdin, tty)
	return s, nil
}

// copyInput copies in to the tool's stdin, then ends it (at once for nil).
// It may outlive the run while a read from in blocks, as on a terminal.
//
// Without a TTY the end is a close. With one, the daemon would hang up the
// tool's terminal and drop output the tool has yet to write (seen with
// `--tty always </dev/null`), so the end is what a terminal sends for end of
// input instead: Ctrl-D, which a reader in canonical mode gets as EOF.
func (s *session) copyInput(in io.Reader, tty bool) {
	if in != nil {
		_, _ = io.Copy(s.hj.Conn, in)
	}
	if tty {
		_, _ = s.hj.Conn.Write([]byte{eot})
		return
	}
	_ = s.hj.CloseWrite()
}

// eot is the terminal's end-of-transmission character, Ctrl-D.
const eot = 0x04

// drain waits until all of the tool's output has been copied, and returns
// what went wrong with it but a broken pipe, which the tool has been told
// of as an installed one would be.
func (s *session) drain(ctx context.Context) error {
	select {
	case err := <-s.copied:
		return cmp.Or(err, s.stdout.failure(), s.stderr.failure())
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (s *session) close() { s.hj.Close() }

// onBrokenPipe is what an installed tool meets when its reader goes away
// (`tool | head -1`): SIGPIPE, once.
func (r *Runner) onBrokenPipe(ctx context.Context, id string) func() {
	var once sync.Once
	return func() { once.Do(func() { _ = r.cli.ContainerKill(ctx, id, "SIGPIPE") }) }
}
