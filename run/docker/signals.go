package docker

import (
	"context"
	"os"
	"sync"
	"syscall"
)

// relay reads the caller's signals for the whole run. Before the container
// starts, a signal cancels the setup (a Ctrl-C during a long pull stops it,
// as it would stop an installed tool at once); once the container runs,
// every signal goes to its init (tini), which passes it on to the tool.
type relay struct {
	setup       context.Context // cancelled by a signal before the start
	cancelSetup context.CancelFunc
	mu          sync.Mutex
	early       os.Signal    // the first signal before the start
	forward     func(string) // sends a signal name to the container, once started
}

// relaySignals starts reading sigs until ctx ends.
func (r *Runner) relaySignals(ctx context.Context, sigs <-chan os.Signal) *relay {
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
		rl.forward(signalName(s))
		return
	}
	if rl.early == nil {
		rl.early = s
	}
	rl.cancelSetup()
}

// started switches to forwarding to container id; a signal that came
// between the end of the setup and the start is forwarded now.
func (rl *relay) started(ctx context.Context, r *Runner, id string) {
	rl.mu.Lock()
	defer rl.mu.Unlock()
	rl.forward = func(name string) {
		if name != "" {
			_ = r.cli.ContainerKill(ctx, id, name) // the tool may be gone already
		}
	}
	if rl.early != nil {
		rl.forward(signalName(rl.early))
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
