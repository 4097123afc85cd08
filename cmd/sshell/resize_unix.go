//go:build unix

package main

import (
	"os"
	"os/signal"
	"syscall"
)

// watchResize reports window size changes (SIGWINCH) on the returned
// channel, coalescing bursts. stop undoes it.
func watchResize() (resize <-chan struct{}, stop func()) {
	sig := make(chan os.Signal, 1)
	out := make(chan struct{}, 1)
	done := make(chan struct{})
	signal.Notify(sig, syscall.SIGWINCH)
	go func() {
		for {
			select {
			case <-sig:
				notify(out)
			case <-done:
				return
			}
		}
	}()
	return out, func() { signal.Stop(sig); close(done) }
}

// notify sends on c unless a notice is already pending.
func notify(c chan struct{}) {
	select {
	case c <- struct{}{}:
	default:
	}
}
