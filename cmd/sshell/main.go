// Command sshell runs command-line tools from container images as if they
// were installed. See docs/cli.md.
//
// sshell lives for one command, mostly waiting on a tool: the runtime's
// probe of the cgroup's CPU quota at start (and its periodic re-check)
// costs more than it gives.
//
//go:debug containermaxprocs=0
//go:debug updatemaxprocs=0
package main

import (
	"os"

	"github.com/sshell/sshell/run/native/sandbox"
)

// main first lets the native runtime's sandbox init take over when this
// process is one (one compare of os.Args[0]; see run/native/sandbox).
func main() {
	sandbox.Init()
	os.Exit(Main(os.Args[1:]))
}
