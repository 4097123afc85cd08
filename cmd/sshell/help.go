package main

import (
	"context"
	"fmt"
	"io"
)

func init() {
	register(&verb{
		name:    "help",
		summary: "show help for sshell or for one verb",
		help:    "Usage: sshell help [VERB]\n\nShow the verbs, or the help of one verb.\n",
		run:     runHelp,
	})
}

func runHelp(_ context.Context, s *streams, args []string) error {
	switch {
	case len(args) == 0:
		printOverview(s.out)
		return nil
	case len(args) > 1:
		return &usageError{err: fmt.Errorf("help takes at most one verb, got %q", args)}
	}
	v, ok := verbs[args[0]]
	if !ok {
		return &usageError{err: fmt.Errorf("unknown verb %q", args[0])}
	}
	fmt.Fprint(s.out, v.help)
	return nil
}

func printOverview(w io.Writer) {
	fmt.Fprint(w, "sshell runs command-line tools from container images, as if they were installed.\n\n")
	fmt.Fprint(w, "Usage: sshell VERB [ARGS...]\n\nVerbs:\n")
	for _, n := range verbNames() {
		fmt.Fprintf(w, "  %-9s %s\n", n, verbs[n].summary)
	}
	fmt.Fprint(w, "\nRun `sshell help VERB` or `sshell VERB --help` for a verb's flags.\n")
}
