//go:build linux

// Command boxbench runs one sandbox of the layer directories given, for
// timing the sandbox alone with hyperfine (see docs/native.md):
//
//	boxbench LAYERDIR... -- COMMAND [ARGS]
package main

import (
	"fmt"
	"os"
	"slices"

	"github.com/sshell/sshell/run/native/sandbox"
)

func main() {
	sandbox.Init()
	i := slices.Index(os.Args, "--")
	if i < 2 || i == len(os.Args)-1 {
		fmt.Fprintln(os.Stderr, "usage: boxbench LAYERDIR... -- COMMAND [ARGS]")
		os.Exit(2)
	}
	state, err := os.MkdirTemp("/dev/shm", "boxbench-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer os.RemoveAll(state)
	cfg := &sandbox.Config{ID: "boxbench", State: state, Layers: os.Args[1:i],
		HostNetwork: os.Getenv("BOXBENCH_NET") == "host",
		Args:        os.Args[i+1:], Env: []string{"PATH=/bin:/usr/bin"}, Dir: "/", Tmp: 1 << 20}
	p, err := sandbox.Start(sandbox.Namespaces{HostNetwork: cfg.HostNetwork},
		sandbox.Stdio{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr})
	if err == nil {
		err = p.Configure(cfg)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := p.Go(); err != nil {
		fmt.Fprintln(os.Stderr, err)
	}
	code, _ := p.Wait()
	os.RemoveAll(state)
	os.Exit(code)
}
