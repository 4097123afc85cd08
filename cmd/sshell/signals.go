package main

import (
	"os"
	"os/signal"
	"syscall"
)

// forwardedSignals are the signals that reach the tool instead of sshell.
var forwardedSignals = []os.Signal{os.Interrupt, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT}

// catchSignals routes the forwarded signals to a channel for the runner, so
// that sshell itself survives them while the tool runs. stop undoes it.
func catchSignals() (ch <-chan os.Signal, stop func()) {
	c := make(chan os.Signal, 8)
	signal.Notify(c, forwardedSignals...)
	return c, func() { signal.Stop(c) }
}
