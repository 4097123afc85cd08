package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"text/tabwriter"

	"github.com/sshell/sshell/resolve"
)

func init() {
	register(&verb{name: "manifests", summary: "list the commands the manifests provide, or lint manifest files", help: manifestsHelpText, run: runManifests})
}

const manifestsHelpText = `Usage:
  sshell manifests list [--conflicts]
  sshell manifests lint [PATH...]

list shows every command the manifests provide: its image, its layer
(built-in, system, repo NAME at COMMIT, user) and its file:line. With
--conflicts, only the commands defined in more than one layer, each with
the definitions it shadows. Problems in manifests are warnings on stderr.

lint checks manifest files (a PATH is a file or a directory of *.toml
files; none: every layer) and prints each problem on one line, file:line
first. It exits 0 when there is none, 1 when there is any.
See docs/manifests.md.
`

func runManifests(ctx context.Context, s *streams, args []string) error {
	v := verbs["manifests"]
	if len(args) > 0 && args[0] == "list" {
		return manifestsList(s, args[1:])
	}
	if len(args) > 0 && args[0] == "lint" {
		return manifestsLint(s, args[1:])
	}
	if err := parseFlags(newFlagSet(v), v, s, args); err != nil {
		return err
	}
	return &usageError{verb: v.name, err: errors.New("want a subcommand: list or lint")}
}

func manifestsList(s *streams, args []string) error {
	v := verbs["manifests"]
	fs := newFlagSet(v)
	conflicts := fs.Bool("conflicts", false, "")
	if err := parseFlags(fs, v, s, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return &usageError{verb: v.name, err: fmt.Errorf("manifests list takes no arguments, got %q", fs.Args())}
	}
	set, layers, err := resolve.LoadAll()
	for _, e := range problems(err) {
		fmt.Fprintln(s.err, "sshell: warning: "+oneLine(e.Error()))
	}
	tw := tabwriter.NewWriter(s.out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "COMMAND\tIMAGE\tLAYER\tSOURCE")
	for _, name := range set.Names() {
		under := set.Shadowed(name)
		if *conflicts && len(under) == 0 {
			continue
		}
		t, _ := set.Lookup(name)
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", name, t.Image, layerLabel(layers, t.Source), t.Source)
		for i := len(under) - 1; *conflicts && i >= 0; i-- {
			fmt.Fprintf(tw, "%s\t(shadowed)\t%s\t%s\n", name, layerLabel(layers, under[i]), under[i])
		}
	}
	return tw.Flush()
}

// lintError: lint found problems, which it has printed.
type lintError struct{ n int }

func (e *lintError) Error() string {
	return fmt.Sprintf("%d problem(s) in the manifests, listed on stdout: fix them, then lint again", e.n)
}

func manifestsLint(s *streams, args []string) error {
	v := verbs["manifests"]
	fs := newFlagSet(v)
	if err := parseFlags(fs, v, s, args); err != nil {
		return err
	}
	var found []error
	if fs.NArg() == 0 {
		_, _, err := resolve.LoadAll()
		found = problems(err)
	}
	for _, path := range fs.Args() {
		found = append(found, problems(lintPath(path))...)
	}
	for _, e := range found {
		fmt.Fprintln(s.out, oneLine(e.Error()))
	}
	if len(found) > 0 {
		return &lintError{len(found)}
	}
	return nil
}

// lintPath checks one file, or one directory as a layer.
func lintPath(path string) error {
	fi, err := os.Stat(path)
	switch {
	case err != nil:
		return fmt.Errorf("linting %s: %w", path, err)
	case fi.IsDir():
		_, err = resolve.Load(path)
		return err
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("linting %s: %w", path, err)
	}
	_, err = resolve.ParseFile(path, data)
	return err
}

// problems splits what Load joined into one error per problem.
func problems(err error) []error {
	joined, ok := err.(interface{ Unwrap() []error })
	if _, single := err.(*resolve.Error); !ok || single {
		if err == nil {
			return nil
		}
		return []error{err}
	}
	var out []error
	for _, e := range joined.Unwrap() {
		out = append(out, problems(e)...)
	}
	return out
}
