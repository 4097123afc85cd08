package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/sshell/sshell/resolve"
	"github.com/sshell/sshell/resolve/repo"
)

func init() {
	register(&verb{name: "which", summary: "show which manifest provides a command, and what it shadows", help: whichHelpText, run: runWhich})
}

const whichHelpText = `Usage: sshell which COMMAND

Show the image that runs COMMAND, the manifest entry (file:line) and layer
that define it, the entries of lower layers it shadows, and the profile it
runs with before any flag (network, capabilities, user, mounts, bounds)
with the manifest's reason for each grant, and its description. For a team
repo, the layer names the repo and its commit. Exits 127 when no manifest
provides COMMAND. See docs/manifests.md.
`

func runWhich(_ context.Context, s *streams, args []string) error {
	v := verbs["which"]
	fs := newFlagSet(v)
	if err := parseFlags(fs, v, s, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return &usageError{verb: v.name, err: errors.New("want exactly one COMMAND")}
	}
	name := fs.Arg(0)
	set, layers, err := resolve.LoadAll()
	t, ok := set.Lookup(name)
	switch {
	case !ok && err != nil:
		return err
	case !ok:
		return &unknownCommandError{name: name, dir: resolve.UserDir()}
	}
	fmt.Fprintf(s.out, "%s: %s\n", name, t.Image)
	fmt.Fprintf(s.out, "  defined at %s (%s)\n", t.Source, layerLabel(layers, t.Source))
	under := set.Shadowed(name)
	for i := len(under) - 1; i >= 0; i-- {
		fmt.Fprintf(s.out, "  shadows    %s (%s)\n", under[i], layerLabel(layers, under[i]))
	}
	fmt.Fprintf(s.out, "  profile    %s\n", profile(t))
	for _, p := range t.Privileges() {
		if why := t.Why[p]; why != "" {
			fmt.Fprintf(s.out, "  why        %s: %s\n", p, why)
		}
	}
	if t.Description != "" {
		fmt.Fprintf(s.out, "  about      %s\n", t.Description)
	}
	return nil
}

// layerLabel names the layer of src: "user", "system", or "repo NAME at
// COMMIT" for a team repo.
func layerLabel(layers []resolve.Layer, src resolve.Source) string {
	l, ok := resolve.LayerOf(layers, src)
	switch {
	case !ok:
		return "unknown layer"
	case l.Repo != nil:
		return fmt.Sprintf("%s at %s", l.Name, repo.Short(l.Repo.Commit))
	}
	return l.Name
}
