//go:build unix

package main

import (
	"os"
	"syscall"
	"testing"
)

// The process survives the forwarded signals and hands them to the runner.
func TestCatchSignals(t *testing.T) {
	sigs, stop := catchSignals()
	defer stop()
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT} {
		if err := syscall.Kill(os.Getpid(), sig); err != nil {
			t.Fatal(err)
		}
		if got := <-sigs; got != sig {
			t.Errorf("caught %v, want %v", got, sig)
		}
	}
}

func TestWatchResize(t *testing.T) {
	resize, stop := watchResize()
	defer stop()
	if err := syscall.Kill(os.Getpid(), syscall.SIGWINCH); err != nil {
		t.Fatal(err)
	}
	<-resize
}
