package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// newFlagSet returns a quiet flag set for v: sshell prints its own one-line
// errors and its own help text.
func newFlagSet(v *verb) *flag.FlagSet {
	fs := flag.NewFlagSet("sshell "+v.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// parseFlags parses args into fs. -h/--help prints v's help to s.out and
// returns flag.ErrHelp; any other problem is a usage error.
func parseFlags(fs *flag.FlagSet, v *verb, s *streams, args []string) error {
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(s.out, v.help)
		return err
	}
	if err != nil {
		return &usageError{verb: v.name, err: err}
	}
	return nil
}

// oneOf returns a flag function that accepts only the given values.
func oneOf(dst *string, values ...string) func(string) error {
	return func(s string) error {
		for _, v := range values {
			if s == v {
				*dst = s
				return nil
			}
		}
		return fmt.Errorf("use %s", strings.Join(values, ", "))
	}
}
