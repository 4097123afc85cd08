package docker

import (
	"syscall"
	"testing"
)

func TestSignalName(t *testing.T) {
	for s, want := range map[syscall.Signal]string{
		syscall.SIGINT: "SIGINT", syscall.SIGTERM: "SIGTERM", syscall.SIGHUP: "SIGHUP", syscall.SIGQUIT: "SIGQUIT",
	} {
		if got := signalName(s); got != want {
			t.Errorf("signalName(%v) = %q, want %q", s, got, want)
		}
	}
}
