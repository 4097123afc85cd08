package main

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"time"

	"github.com/sshell/sshell/cache"
	"github.com/sshell/sshell/resolve"
	"github.com/sshell/sshell/run"
)

// execute resolves the tool, then runs it. The Docker client is created only
// after resolving, so an unknown command never touches the daemon.
func (o *runOptions) execute(ctx context.Context, s *streams) error {
	began := time.Now()
	t, err := o.tool(s)
	if err != nil {
		return err
	}
	resolved := time.Since(began)
	spec, err := o.spec(t)
	if err != nil {
		return err
	}
	spec.Image = pinnedImage(o.command, t) // REPO@DIGEST while pinned (docs/upgrades.md)
	if leanBuild && o.bounds.privileged {
		return run.ErrFullBuild // its warning is the full build's to print
	}
	o.bounds.apply(s, t, &spec)
	rt, err := runtimeFor(o.runtime, spec.Network)
	if err != nil {
		return err
	}
	if leanBuild && rt != runtimeNative {
		return run.ErrFullBuild
	}
	res, err := start(ctx, s, rt, spec, cmp.Or(o.tty, t.TTY)) // --tty, else the manifest's, else auto
	if errors.Is(err, run.ErrFullBuild) {
		return err // before the tool ran (a pull): the full build does the whole call, and records it
	}
	res, err = offline(ctx, s, rt, spec, cmp.Or(o.tty, t.TTY), res, err) // registry down: the cached image, with a notice
	rec := cache.NewRecord(o.command, t.Image, began, resolved, res, err)
	rec.Runtime = rt
	record(s, rec)
	if err != nil {
		return &runError{image: t.Image, source: sourceOf(t), pull: o.pull, err: err}
	}
	track(s, rt, o.command, t, res.Digest, began) // digest history; a background check once stale
	if err := stoppedBy(spec, res, limitsTable(t)); err != nil {
		return err
	}
	return toolExit(res.ExitCode)
}

// sourceOf is the manifest's "file:line" for t, empty for --image.
func sourceOf(t resolve.Tool) string {
	if t.Source.File == "" {
		return ""
	}
	return t.Source.String()
}

// tool is what runs: the manifest's entry for COMMAND, or --image.
func (o *runOptions) tool(s *streams) (resolve.Tool, error) {
	if o.image != "" {
		t := resolve.Tool{Name: o.command, Image: o.image}
		if o.entrypoint != "" {
			t.Entrypoint = []string{o.entrypoint}
		}
		return t, nil
	}
	// Load keeps every valid tool when some manifest is broken: a broken
	// file only matters when it may be why COMMAND is missing.
	warnings := s.err
	var held bytes.Buffer
	if leanBuild { // a warning is the full build's to print, if that one has to run
		warnings = &held
	}
	t, ok, err := findManifest(warnings, o.command) // every layer; warns once about a team repo that failed to update
	if held.Len() > 0 {
		return resolve.Tool{}, run.ErrFullBuild
	}
	switch {
	case ok:
		return t, nil
	case err != nil:
		return resolve.Tool{}, err
	}
	return resolve.Tool{}, &unknownCommandError{name: o.command, dir: resolve.UserDir()}
}

// spec turns the tool and the flags into one invocation.
func (o *runOptions) spec(t resolve.Tool) (run.Spec, error) {
	env, err := run.ComposeEnv(os.Environ(), t.Env, o.env)
	if err != nil {
		return run.Spec{}, err
	}
	wd, err := os.Getwd()
	if err != nil {
		return run.Spec{}, fmt.Errorf("finding the current directory: %w", err)
	}
	network := t.Network
	if o.network != "" {
		network = o.network
	}
	return run.Spec{
		Command: o.command, Image: t.Image, Platform: t.Platform, Entrypoint: t.Entrypoint, Args: append(slices.Clone(t.Args), o.args...),
		Env: env, Network: network, WorkDir: wd, User: userOf(t), Pull: o.pull,
	}, nil
}

// userOf is the "uid:gid" t runs as: the caller's, or root's when the
// manifest says user = "root".
func userOf(t resolve.Tool) string {
	if t.User == resolve.UserRoot {
		return "0:0"
	}
	return callerUser()
}

// start runs spec on the runtime rt, connected to the caller's streams.
func start(ctx context.Context, s *streams, rt string, spec run.Spec, tty string) (run.Result, error) {
	r, closeRunner, err := newRunner(rt)
	if err != nil {
		return run.Result{}, err
	}
	defer closeRunner()
	spec.TTY = wantTTY(tty, s.in, s.out)
	stdio, release, err := connect(s, spec.TTY)
	if err != nil {
		return run.Result{}, err
	}
	defer release()
	return r.Run(ctx, spec, stdio)
}

// toolExit passes the tool's exit code through.
func toolExit(code int) error {
	switch {
	case code == 0:
		return nil
	case code < 0 || code > 255:
		return fmt.Errorf("the runner reported exit code %d, outside 0-255", code)
	}
	return exitStatus(code)
}
