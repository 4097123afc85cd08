package main

import (
	"context"
	"fmt"
	"os"

	"github.com/sshell/sshell/hook"
	"github.com/sshell/sshell/run"
)

func init() {
	register(&verb{name: "hook", summary: "the command-not-found hand-off the shell hooks call", help: hookHelpText, run: runHook})
}

const hookHelpText = `Usage:
  sshell hook --known NAME
  sshell hook [--shell bash|zsh|fish] -- NAME [ARGS...]

Called by the handlers that ` + "`sshell init`" + ` prints, not by people.
--known exits 0 when a manifest provides NAME and the hook is on for it, 1
when not, printing nothing. The second form runs NAME like ` + "`sshell run`" + `, or
prints the shell's own "command not found" line and exits 127.
See docs/shell-integration.md.
`

func runHook(ctx context.Context, s *streams, args []string) error {
	if len(args) == 1 && (args[0] == "-h" || args[0] == "--help") {
		fmt.Fprint(s.out, hookHelpText)
		return nil
	}
	req, err := hook.ParseArgs(args)
	if err != nil {
		return &usageError{verb: "hook", err: err}
	}
	if err := hook.CheckRecursion(os.Getenv); err != nil {
		return err
	}
	known, warning := hookKnown(req.Name)
	if leanBuild && warning != nil && !req.Known {
		return run.ErrFullBuild // the full build prints it, then runs or says not found
	}
	if warning != nil {
		fmt.Fprintln(s.err, "sshell: warning: "+describe(warning))
	}
	switch {
	case req.Known:
		return exitStatus(hook.KnownExit(known))
	case !known:
		return &notFoundError{line: hook.NotFoundMessage(req.Shell, req.Name)}
	}
	o := &runOptions{pull: run.PullMissing, command: req.Name, args: req.Args,
		env: []string{hook.EnvDepth + "=1"}}
	return o.execute(ctx, s)
}

// hookKnown says whether a manifest provides name and the hook is on for
// it. When no valid manifest provides it and some manifest is broken, the
// broken one may be why: that comes back as a warning, to be printed as one
// line before the shell's usual behaviour, so that a typo still says
// "command not found" (and a chained handler still runs) while a manifest is
// broken. With the hook off for name the manifests are not read at all.
func hookKnown(name string) (known bool, warning error) {
	known = hook.Known(name, hook.ConfigFromEnv(os.Getenv), func(name string) bool {
		_, ok, err := findManifest(nil, name) // no repo warning here: a run warns
		if !ok {
			warning = err
		}
		return ok
	})
	return known, warning
}
