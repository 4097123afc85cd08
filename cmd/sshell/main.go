// Command sshell runs command-line tools from container images as if they
// were installed. See docs/cli.md.
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
