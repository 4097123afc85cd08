//go:build linux

// Command readybench runs one call in a ready sandbox with as little as a
// client can: it links only the sandbox's client side, not sshell's CLI,
// registry or Docker clients. It measures the floor of a warm call for a
// lean front end (docs/native.md, "Figures"), against `sshell run` and
// bwrap, with hyperfine:
//
//	readybench SOCKET COMMAND [ARGS...]
//
// SOCKET is a ready sandbox's socket (<state>/.ready/<kind>/<digest>.sock,
// kept by a keeper: sshell after a cold native run, or nativebench -keep).
// The call runs in the current directory, bound at its own path, with
// PATH=/usr/bin:/bin, and exits with the tool's code.
package main

import (
	"fmt"
	"os"
	"syscall"

	"github.com/sshell/sshell/run/native/sandbox"
)

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: readybench SOCKET COMMAND [ARGS...]")
		os.Exit(2)
	}
	code, err := call(os.Args[1], os.Args[2:])
	if err != nil {
		fmt.Fprintln(os.Stderr, "readybench:", err)
		os.Exit(125)
	}
	os.Exit(code)
}

// call claims the sandbox at sock and runs args in it.
func call(sock string, args []string) (int, error) {
	dir, err := os.Getwd()
	if err != nil {
		return 0, err
	}
	var st syscall.Stat_t
	if err := syscall.Stat(dir, &st); err != nil {
		return 0, err
	}
	c, err := sandbox.Claim(sock)
	if err != nil {
		return 0, err
	}
	defer c.Close()
	req := sandbox.Request{Protocol: sandbox.Protocol, Args: args, Env: []string{"PATH=/usr/bin:/bin"}, Dir: dir, Go: true,
		Binds: []sandbox.CallBind{{Bind: sandbox.Bind{Source: dir, Target: dir}, Dev: st.Dev, Ino: st.Ino}}}
	if err := c.Prepare(req, sandbox.Stdio{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}); err != nil {
		return 0, err
	}
	if err := c.Go(); err != nil {
		return 0, err
	}
	return c.Wait()
}
