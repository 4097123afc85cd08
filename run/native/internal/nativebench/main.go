// Command nativebench runs one tool through the native Runner, as sshell
// does but without its CLI, for timing the runtime with hyperfine (see
// docs/native.md):
//
//	nativebench [-store DIR] [-state DIR] [-pull missing|always|never] [-timing] [-ready] IMAGE [COMMAND [ARGS...]]
//	nativebench [-store DIR] [-state DIR] -keep DURATION IMAGE
//
// -keep keeps a sandbox ready for IMAGE's calls (native.Runner.Keep) until
// DURATION passes without one; -ready runs the call in it when one is.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/sshell/sshell/run"
	"github.com/sshell/sshell/run/native"
	"github.com/sshell/sshell/run/native/sandbox"
)

func main() {
	sandbox.Init()
	storeDir := flag.String("store", native.DefaultStoreDir(), "image store directory")
	stateDir := flag.String("state", native.DefaultStateDir(), "runs' state directory")
	pull := flag.String("pull", "missing", "pull policy")
	timing := flag.Bool("timing", false, "print the run's Timing on stderr")
	keep := flag.Duration("keep", 0, "keep a sandbox ready for IMAGE until this long without a call")
	ready := flag.Bool("ready", false, "run the call in a ready sandbox when there is one")
	flag.Parse()
	if flag.NArg() < 1 {
		fmt.Fprintln(os.Stderr, "usage: nativebench [-store DIR] [-state DIR] [-pull POLICY] IMAGE [ARGS...]")
		os.Exit(2)
	}
	policy, err := run.ParsePullPolicy(*pull)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	opts := []native.Option{native.WithStoreDir(*storeDir), native.WithStateDir(*stateDir)}
	if *ready {
		opts = append(opts, native.WithReady(func(run.Spec) {}))
	}
	r, err := native.New(opts...)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	spec := run.Spec{Command: "nativebench", Image: flag.Arg(0), Args: flag.Args()[1:], Pull: policy}
	if flag.NArg() > 1 {
		spec.Entrypoint = flag.Args()[1:2]
		spec.Args = flag.Args()[2:]
	}
	if *keep > 0 {
		if err := r.Keep(context.Background(), spec, *keep); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		return
	}
	res, err := r.Run(context.Background(), spec, run.IO{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(125)
	}
	if *timing {
		fmt.Fprintf(os.Stderr, "ready %v pull %v create %v start %v exec %v\n", res.Timing.Ready, res.Timing.Pull, res.Timing.Create, res.Timing.Start, res.Timing.Exec)
	}
	os.Exit(res.ExitCode)
}
