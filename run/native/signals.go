package native

import (
	"context"
	"os"
	"sync"
	"syscall"
)

// relay reads the caller's signals for the whole run. Before the tool
// starts, a signal cancels the setup (a Ctrl-C during a long pull stops
// it); once the sandbox runs, every signal goes to its init, which passes
// it on to the tool. As run/docker's relay.
type relay struct {
	setup       context.Context // cancelled by a signal before the start
	cancelSetup context.CancelFunc
	mu          sync.Mutex
	early       os.Signal         // the first signal before the start
	forward     func(s os.Signal) // sends a signal to the sandbox, once started
}

// relaySignals starts reading sigs until ctx ends.
func relaySignals(ctx context.Context, sigs <-chan os.Signal) *relay {
	rl := &relay{}
	rl.setup, rl.cancelSetup = context.WithCancel(ctx)
	if sigs != nil {
		go rl.read(ctx, sigs)
	}
	return rl
}

func (rl *relay) read(ctx context.Context, sigs <-chan os.Signal) {
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

// deliver forwards s, or, before the start, keeps it and stops the setup.
func (rl *relay) deliver(s os.Signal) {
	rl.mu.Lock()
	defer rl.mu.Unlock()
	if rl.forward != nil {
		rl.forward(s)
		return
	}
	if rl.early == nil {
		rl.early = s
	}
	rl.cancelSetup()
}

// started switches to forwarding with send; a signal that came between
// the end of the setup and the start is forwarded now.
func (rl *relay) started(send func(os.Signal)) {
	rl.mu.Lock()
	defer rl.mu.Unlock()
	rl.forward = send
	if rl.early != nil {
		send(rl.early)
	}
}

// interrupted is the exit code of a run stopped by a signal before its tool
// started, 128+N like a tool killed by it, and whether that happened.
func (rl *relay) interrupted() (int, bool) {
	rl.mu.Lock()
	defer rl.mu.Unlock()
	if rl.early == nil || rl.setup.Err() == nil {
		return 0, false
	}
	n, _ := rl.early.(syscall.Signal)
	return 128 + int(n), true
}
