package run

import (
	"context"
	"os"
	"syscall"
	"testing"
)

// TestRelayBeforeAndAfterStart: a signal before the start cancels the
// setup, counts as 128+N, and is sent once the tool starts; later ones are
// sent as they come.
func TestRelayBeforeAndAfterStart(t *testing.T) {
	sigs := make(chan os.Signal)
	rl := NewRelay(context.Background(), sigs)
	if _, ok := rl.Interrupted(); ok {
		t.Fatal("interrupted before any signal")
	}
	sigs <- syscall.SIGINT
	<-rl.Setup().Done()
	if code, ok := rl.Interrupted(); !ok || code != 130 {
		t.Errorf("Interrupted() = %d, %v; want 130, true", code, ok)
	}
	got := make(chan os.Signal, 2)
	rl.Started(func(s os.Signal) { got <- s })
	if s := <-got; s != syscall.SIGINT {
		t.Errorf("kept signal sent as %v, want SIGINT", s)
	}
	sigs <- syscall.SIGTERM
	if s := <-got; s != syscall.SIGTERM {
		t.Errorf("signal after the start sent as %v, want SIGTERM", s)
	}
}
