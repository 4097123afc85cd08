package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"

	"github.com/sshell/sshell/run"
)

// streams are the CLI's standard streams. They stay *os.File in production
// so that terminals can be told from pipes.
type streams struct {
	in       io.Reader
	out, err io.Writer
}

// verb is one `sshell VERB`. Each verb lives in its own file and registers
// itself there, so adding a verb is a one-file change.
type verb struct {
	name    string
	summary string // one line for `sshell help`
	help    string // the full text for `sshell help VERB` and `sshell VERB --help`
	run     func(ctx context.Context, s *streams, args []string) error
}

var verbs = map[string]*verb{}

func register(v *verb) { verbs[v.name] = v }

// aliases let the usual spellings of help and version work as verbs.
var aliases = map[string]string{"-h": "help", "-help": "help", "--help": "help", "--version": "version"}

// Main runs sshell with args (without the program name) on the process's
// standard streams and returns its exit code.
func Main(args []string) int {
	return execute(context.Background(), &streams{os.Stdin, os.Stdout, os.Stderr}, args)
}

// fullName is the full build's file, installed beside the lean build's
// sshell (build_lean.go; make install).
const fullName = "sshell-full"

// execute runs one command line; the exit code and the one-line message are
// decided from the returned error in exitcode.go and errmsg.go.
func execute(ctx context.Context, s *streams, args []string) int {
	err := dispatch(ctx, s, args)
	if errors.Is(err, run.ErrFullBuild) { // the lean build's limit, met before it did anything
		err = execFull(args)
	}
	if msg := message(err); msg != "" {
		fmt.Fprintln(s.err, msg)
	}
	return exitCode(err)
}

func dispatch(ctx context.Context, s *streams, args []string) error {
	if len(args) == 0 {
		return &usageError{err: fmt.Errorf("no verb given")}
	}
	name := args[0]
	if a, ok := aliases[name]; ok {
		name = a
	}
	if leanBuild && !leanVerbs[name] {
		return run.ErrFullBuild
	}
	if name == keeperVerb { // hidden: started by sshell itself (ready.go)
		return runKeeper(ctx, s, args[1:])
	}
	v, ok := verbs[name]
	if !ok {
		return &usageError{err: fmt.Errorf("unknown verb %q", name)}
	}
	return v.run(ctx, s, args[1:])
}

// verbNames lists the registered verbs, sorted.
func verbNames() []string {
	names := make([]string, 0, len(verbs))
	for n := range verbs {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
