//go:build !lean

package docker

import (
	"os"
	"syscall"
)

// names are the signals a Windows process can be asked to forward.
var names = map[os.Signal]string{
	syscall.SIGINT:  "SIGINT",
	syscall.SIGTERM: "SIGTERM",
	syscall.SIGHUP:  "SIGHUP",
	syscall.SIGQUIT: "SIGQUIT",
	syscall.SIGKILL: "SIGKILL",
}

// signalName is the name the Engine API takes ("SIGINT").
func signalName(s os.Signal) string { return names[s] }
