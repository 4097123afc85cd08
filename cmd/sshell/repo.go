package main

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"github.com/sshell/sshell/resolve/repo"
)

func init() {
	register(&verb{name: "repo", summary: "add, update, list and remove team manifest repos (git)", help: repoHelpText, run: runRepo})
}

const repoHelpText = `Usage:
  sshell repo add NAME URL [--ref BRANCH|TAG|COMMIT] [--pin COMMIT]
  sshell repo update [NAME...]
  sshell repo list
  sshell repo remove NAME

Team repos are git repositories of manifests, shared by a team. Each is
cloned under $XDG_DATA_HOME/sshell/repos/NAME; its manifests are the *.toml
files under manifests/ if the repo has that directory, else at its root.
They rank above the system's manifests and below yours, later repos above
earlier ones (see ` + "`sshell manifests list --conflicts`" + `).

  --ref REF     follow a branch or tag, or stay at a commit (default: the
                remote's default branch)
  --pin COMMIT  stay at COMMIT: updates never move it

Repos are updated in the background, never delaying a command, once they
have not been for SSHELL_REPO_TTL (default 1h; "off": only by hand). A repo
that fails to update keeps its last good commit, and sshell warns once.
Needs git. See docs/manifests.md.
`

func runRepo(ctx context.Context, s *streams, args []string) error {
	v := verbs["repo"]
	if len(args) == 0 {
		return &usageError{verb: v.name, err: errors.New("want a subcommand: add, update, list or remove")}
	}
	sub, ok := repoSubcommands[args[0]]
	if !ok {
		if err := parseFlags(newFlagSet(v), v, s, args[:1]); err != nil {
			return err
		}
		return &usageError{verb: v.name, err: fmt.Errorf("unknown subcommand %q: use add, update, list or remove", args[0])}
	}
	return sub(ctx, s, args[1:])
}

var repoSubcommands = map[string]func(context.Context, *streams, []string) error{
	"add": repoAdd, "update": repoUpdate, "list": repoList, "remove": repoRemove,
}

// parseAnywhere parses flags placed before, between or after the
// positional arguments (`repo add team URL --ref v1`), which flag.Parse
// alone stops at.
func parseAnywhere(fs *flag.FlagSet, s *streams, args []string) ([]string, error) {
	var pos []string
	for {
		if err := parseFlags(fs, verbs["repo"], s, args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos, args = append(pos, fs.Arg(0)), fs.Args()[1:]
	}
}

func repoAdd(ctx context.Context, s *streams, args []string) error {
	fs := newFlagSet(verbs["repo"])
	var r repo.Repo
	fs.StringVar(&r.Ref, "ref", "", "")
	fs.StringVar(&r.Pin, "pin", "", "")
	pos, err := parseAnywhere(fs, s, args)
	switch {
	case err != nil:
		return err
	case len(pos) != 2:
		return &usageError{verb: "repo", err: errors.New("repo add wants NAME and URL")}
	case r.Ref != "" && r.Pin != "":
		return &usageError{verb: "repo", err: errors.New("use --ref or --pin, not both")}
	}
	r.Name, r.URL = pos[0], pos[1]
	r, err = repo.Default().Add(ctx, r)
	if err != nil {
		return repoAdvice(err, r.URL)
	}
	fmt.Fprintf(s.out, "added %s at commit %s (%s)\n", r.Name, repo.Short(r.Commit), manifestPlace(r))
	return nil
}

// repoAdvice adds what to do to a ref that names nothing.
func repoAdvice(err error, url string) error {
	if errors.Is(err, repo.ErrBadRef) {
		return fmt.Errorf("%w: see the branches and tags with `git ls-remote %s`", err, url)
	}
	return err
}

func manifestPlace(r repo.Repo) string {
	if r.ManifestDir == "" {
		return "manifests at the root"
	}
	return "manifests in " + r.ManifestDir + "/"
}

func repoRemove(_ context.Context, s *streams, args []string) error {
	fs := newFlagSet(verbs["repo"])
	pos, err := parseAnywhere(fs, s, args)
	if err == nil && len(pos) != 1 {
		err = &usageError{verb: "repo", err: errors.New("repo remove wants one NAME")}
	}
	if err == nil {
		err = repo.Default().Remove(pos[0])
	}
	if err == nil {
		fmt.Fprintf(s.out, "removed %s\n", pos[0])
	}
	return err
}

// pinLabel is how list and which show a repo's ref.
func pinLabel(r repo.Repo) string {
	switch {
	case r.Pin != "":
		return "pinned"
	case r.Ref != "":
		return r.Ref
	}
	return "(default)"
}
