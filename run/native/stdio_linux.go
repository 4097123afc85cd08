package native

import (
	"cmp"
	"context"
	"errors"
	"io"
	"os"
	"sync"
	"syscall"

	"github.com/creack/pty"

	"github.com/sshell/sshell/run"
	"github.com/sshell/sshell/run/native/sandbox"
)

// streams connects a run's IO to the sandbox. Files (*os.File: a shell's
// pipe, a file, /dev/null) are passed to the tool as they are, with no
// copy; other readers and writers go through pipes copied here. With a TTY
// the tool gets a new pseudo-terminal whose master is copied to and from
// the caller's streams.
type streams struct {
	child  sandbox.Stdio
	mine   []*os.File // the child's ends, closed here once it has them
	master *os.File   // the pty's master with a TTY
	copies sync.WaitGroup
	resize sync.WaitGroup // the resizer, which uses master
	stop   chan struct{}  // ends the resizer
	copyIn func()         // copies the caller's stdin in, from startInput on
	inW    *os.File       // the write end of a stdin pipe, closed by copyIn
	once   sync.Once
	mu     sync.Mutex
	err    error // the first output copy failure but a broken pipe
}

// openStreams prepares the tool's stdin, stdout and stderr.
func openStreams(spec run.Spec, stdio run.IO) (*streams, error) {
	s := &streams{stop: make(chan struct{})}
	if spec.TTY {
		return s, s.openTTY(stdio)
	}
	var err error
	if s.child.Stdin, err = s.input(stdio.Stdin); err != nil {
		return nil, err
	}
	if s.child.Stdout, err = s.output(stdio.Stdout); err != nil {
		s.abort()
		return nil, err
	}
	if s.child.Stderr, err = s.output(stdio.Stderr); err != nil {
		s.abort()
		return nil, err
	}
	return s, nil
}

// input is the tool's stdin: in itself when a file, else a pipe that in is
// copied into, from startInput on, and closed at its EOF (at once for nil).
// The copy is not waited for: it may block on a reader after the tool is
// gone.
func (s *streams) input(in io.Reader) (*os.File, error) {
	if f, ok := in.(*os.File); ok && f != nil {
		return f, nil
	}
	r, w, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	s.mine, s.inW = append(s.mine, r), w
	s.copyIn = func() {
		if in != nil {
			_, _ = io.Copy(w, in)
		}
		w.Close()
	}
	return r, nil
}

// output is a stream of the tool's: out itself when a file, nil (the null
// device) for nil, else a pipe copied to out. When out fails, the pipe is
// closed: the tool then meets a broken pipe, as an installed one would.
func (s *streams) output(out io.Writer) (*os.File, error) {
	if out == nil {
		return nil, nil
	}
	if f, ok := out.(*os.File); ok && f != nil {
		return f, nil
	}
	r, w, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	s.mine = append(s.mine, w)
	s.copy(out, r)
	return w, nil
}

// copy copies from r to out until r's end, then closes r (but a pty's
// master, which drain closes).
func (s *streams) copy(out io.Writer, r *os.File) {
	s.copies.Add(1)
	go func() {
		defer s.copies.Done()
		if r != s.master {
			defer r.Close()
		}
		_, err := io.Copy(out, r)
		if errors.Is(err, syscall.EIO) { // a pty's master once the tool is gone
			err = nil
		}
		if err != nil && !errors.Is(err, syscall.EPIPE) {
			s.mu.Lock()
			s.err = cmp.Or(s.err, err)
			s.mu.Unlock()
		}
	}()
}

// openTTY gives the tool a new terminal of the caller's terminal's size.
// Typed input goes to it, and at the end of the caller's stdin a Ctrl-D,
// what a terminal sends for end of input; its output goes to stdout.
func (s *streams) openTTY(stdio run.IO) error {
	master, slave, err := pty.Open()
	if err != nil {
		return err
	}
	s.master = master
	s.mine = append(s.mine, slave)
	s.child = sandbox.Stdio{Stdin: slave, Stdout: slave, Stderr: slave}
	if stdio.Terminal != nil {
		_ = pty.InheritSize(stdio.Terminal, master)
	}
	s.copyIn = func() {
		if stdio.Stdin != nil {
			_, _ = io.Copy(master, stdio.Stdin)
		}
		_, _ = master.Write([]byte{eot})
	}
	if stdio.Stdout != nil {
		s.copy(stdio.Stdout, master)
	} else {
		s.copy(io.Discard, master)
	}
	return nil
}

// startInput sizes the tool's terminal again and starts copying the
// caller's stdin to the tool: once the caller's terminal is set for the
// tool (after IO.OnStart), so nothing typed during a pull is read in the
// terminal's other mode.
func (s *streams) startInput(stdio run.IO) {
	if s.master != nil && stdio.Terminal != nil { // the size may have changed during a pull
		_ = pty.InheritSize(stdio.Terminal, s.master)
	}
	if s.copyIn != nil {
		go s.copyIn()
		s.copyIn, s.inW = nil, nil
	}
}

// dropInput closes a stdin pipe whose copy never started.
func (s *streams) dropInput() {
	if s.inW != nil {
		s.inW.Close()
	}
	s.copyIn, s.inW = nil, nil
}

// eot is the terminal's end-of-transmission character, Ctrl-D.
const eot = 0x04

// started closes this process's copies of the tool's ends, so that its
// exit ends the copies.
func (s *streams) started() {
	for _, f := range s.mine {
		f.Close()
	}
	s.mine = nil
}

// abort closes everything when the tool never started.
func (s *streams) abort() {
	s.dropInput()
	s.started()
	s.copies.Wait()
	s.closeMaster()
}

// closeMaster stops the resizer and closes the pty's master, once.
func (s *streams) closeMaster() {
	s.once.Do(func() {
		close(s.stop)
		s.resize.Wait()
		if s.master != nil {
			s.master.Close()
		}
	})
}

// followResize gives the tool's terminal the caller's size on every tick of
// resize, until ctx ends or drain; the kernel tells the tool (SIGWINCH).
func (s *streams) followResize(ctx context.Context, stdio run.IO) {
	if s.master == nil || stdio.Terminal == nil || stdio.Resize == nil {
		return
	}
	s.resize.Add(1)
	go func() {
		defer s.resize.Done()
		for {
			select {
			case <-ctx.Done():
				return
			case <-s.stop:
				return
			case _, ok := <-stdio.Resize:
				if !ok {
					return
				}
				_ = pty.InheritSize(stdio.Terminal, s.master)
			}
		}
	}()
}

// drain waits for the output copies to end, closes the pty, and returns
// what failed. Later calls return the same.
func (s *streams) drain() error {
	s.dropInput()
	s.copies.Wait()
	s.closeMaster()
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}
