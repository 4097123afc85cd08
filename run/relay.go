package run

import (
	"context"
	"os"
	"sync"
	"syscall"
)

// Relay reads the caller's signals (IO.Signals) for a whole run, the same
// way for every runner. Before the tool starts, a signal cancels the setup
// (a Ctrl-C during a long pull stops it, as it would stop an installed tool
// at once) and is kept; once the tool runs, every signal is sent on, and
// one kept from the gap between the end of the setup and the start is
// sent then.
type Relay struct {
	setup       context.Context // cancelled by a signal before the start
	cancelSetup context.CancelFunc
	mu          sync.Mutex
	early       os.Signal       // the first signal before the start
	send        func(os.Signal) // set by Started
}

// NewRelay reads sigs (nil: none come) until ctx ends.
func NewRelay(ctx context.Context, sigs <-chan os.Signal) *Relay {
	rl := &Relay{}
	rl.setup, rl.cancelSetup = context.WithCancel(ctx)
	if sigs != nil {
		go rl.read(ctx, sigs)
	}
	return rl
}

// Setup is the context of the run's setup: cancelled by a signal that
// comes before the tool starts.
func (rl *Relay) Setup() context.Context { return rl.setup }

func (rl *Relay) read(ctx context.Context, sigs <-chan os.Signal) {
	for {
		select {
		case <-ctx.Done():
			return
		case s, ok := <-sigs:
			if !ok {
				return
			}
			rl.deliver(s)
		}
	}
}

// deliver sends s on, or, before the start, keeps it and stops the setup.
func (rl *Relay) deliver(s os.Signal) {
	rl.mu.Lock()
	defer rl.mu.Unlock()
	if rl.send != nil {
		rl.send(s)
		return
	}
	if rl.early == nil {
		rl.early = s
	}
	rl.cancelSetup()
}

// Started switches to sending every signal with send (the tool may be
// gone already: send ignores that); a kept signal is sent now.
func (rl *Relay) Started(send func(os.Signal)) {
	rl.mu.Lock()
	defer rl.mu.Unlock()
	rl.send = send
	if rl.early != nil {
		send(rl.early)
	}
}

// Interrupted is the exit code of a run stopped by a signal before its tool
// started, 128+N like a tool killed by it, and whether that happened.
func (rl *Relay) Interrupted() (int, bool) {
	rl.mu.Lock()
	defer rl.mu.Unlock()
	if rl.early == nil || rl.setup.Err() == nil {
		return 0, false
	}
	n, _ := rl.early.(syscall.Signal)
	return 128 + int(n), true
}

// InterruptedOr reports a setup stopped by the caller's signal as the exit
// code a tool killed by that signal would have (and no error), and other
// failures as they are.
func (rl *Relay) InterruptedOr(res Result, err error) (Result, error) {
	if code, ok := rl.Interrupted(); ok {
		res.ExitCode = code
		return res, nil
	}
	return res, err
}
