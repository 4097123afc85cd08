package native

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/sshell/sshell/run"
	"github.com/sshell/sshell/run/native/sandbox"
	"github.com/sshell/sshell/run/native/store"
)

// readyFor is the directory of spec's ready sandboxes, when this runner
// uses them and a keeper was started for spec's kind of call.
func (r *Runner) readyFor(spec run.Spec) (string, bool) {
	if r.spawn == nil || !r.overlay {
		return "", false
	}
	dir := r.readyDir(spec)
	_, err := os.Stat(dir)
	return dir, err == nil
}

// readyDir is where spec's kind of call is kept ready.
func (r *Runner) readyDir(spec run.Spec) string {
	return filepath.Join(ReadyDir(r.state), readyKey(spec, r.userns))
}

// readyKey names the calls one ready sandbox can serve: the same image
// reference and everything a sandbox is set up with before its call (not
// the command line, environment, working directory, user or terminal,
// which each call brings), in the same mount namespace. The lean and the
// full build of sshell share their keepers; one of another version serves
// a call only if it speaks the same sandbox.Protocol, else the call runs
// cold.
func readyKey(spec run.Spec, userns bool) string {
	mnt, _ := os.Readlink("/proc/self/ns/mnt")
	limits := spec.Limits.Effective()
	limits.Timeout = 0 // the caller's to enforce
	b, _ := json.Marshal(struct {
		Command, Image, Platform, Network string
		Mounts                            []run.Mount
		Limits                            run.Limits
		CapAdd                            []string
		ReadWriteRoot, Privileged, UserNS bool
		Labels                            map[string]string
		Mnt                               string
		Protocol                          int
	}{spec.Command, spec.Image, spec.Platform, spec.Network, spec.Mounts, limits, spec.CapAdd,
		spec.ReadWriteRoot, spec.Privileged, userns, spec.Labels, mnt, sandbox.Protocol})
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:12])
}

// socketName is the ready socket of a sandbox of the image with digest,
// in its ready directory: a call for another digest (the image was
// upgraded since) finds none.
func socketName(digest string) string {
	if _, hex, ok := strings.Cut(digest, ":"); ok {
		digest = hex
	}
	return digest[:min(len(digest), 16)] + ".sock"
}

// runReady runs spec in a ready sandbox when one is there for its image:
// done is false when there was none (or it went away before running
// anything), and the caller then runs spec cold, with img when not nil.
func (r *Runner) runReady(ctx context.Context, dir string, spec run.Spec, stdio run.IO, sigs *run.Relay) (res run.Result, img *store.Image, done bool, err error) {
	if img, err = r.image(sigs.Setup(), spec, stdio.Progress, &res); err != nil {
		res, err = sigs.InterruptedOr(res, err)
		return res, nil, true, err
	}
	began := time.Now()
	c, err := sandbox.Claim(filepath.Join(dir, socketName(img.Digest)))
	if err != nil {
		return res, img, false, nil
	}
	defer c.Close() // after the exit: the keeper then removes the cgroup
	// A signal during the lookup: nothing runs.
	if code, ok := sigs.Interrupted(); ok {
		res.ExitCode = code
		return res, img, true, nil
	}
	b := &box{called: true}
	req, err := r.request(spec, img, b)
	if err != nil {
		return res, img, true, err
	}
	s, err := openStreams(spec, stdio)
	if err != nil {
		return res, img, true, fmt.Errorf("connecting the streams of %q: %w", spec.Command, err)
	}
	perr := c.Prepare(req, s.child)
	s.started()
	b.id = c.ID
	if errors.Is(perr, sandbox.ErrNotReady) { // gone before it ran anything
		s.abort()
		return res, img, false, nil
	}
	res.Timing.Ready = true
	res.Timing.Create = time.Since(began)
	// Without a terminal the tool started with Prepare: a signal kept since
	// goes to it (run.Relay.Started). With one, it waits for Go: a signal
	// during the set-up stops the call there, the sandbox hung up first so
	// that the streams' copies end.
	if code, ok := sigs.Interrupted(); ok && !req.Go {
		c.Close()
		_ = s.drain()
		res.ExitCode = code
		return res, img, true, nil
	}
	start := func() error {
		if perr != nil {
			return perr
		}
		return c.Go()
	}
	res.ExitCode, err = r.execute(ctx, c, start, s, b, spec, stdio, sigs, &res)
	return res, img, true, err
}

// request is the call's part of the sandbox's config, with its binds as
// this process sees them. It sets b's config, for the errors.
func (r *Runner) request(spec run.Spec, img *store.Image, b *box) (sandbox.Request, error) {
	cfg, err := r.config(spec, img, "", "") // the ID comes with the sandbox's answer
	if err != nil {
		return sandbox.Request{}, err
	}
	b.cfg = cfg
	req := sandbox.Request{Protocol: sandbox.Protocol, Args: cfg.Args, Env: cfg.Env, Dir: cfg.Dir, User: cfg.User, TTY: cfg.TTY,
		Go:       !cfg.TTY, // with a terminal, the caller's goes raw first (IO.OnStart)
		Hostname: slices.Contains(cfg.Env, "HOSTNAME=")}
	for _, bind := range cfg.Binds {
		var st syscall.Stat_t
		if err := syscall.Stat(bind.Source, &st); err != nil {
			return req, fmt.Errorf("binding %s: %w", bind.Source, err)
		}
		req.Binds = append(req.Binds, sandbox.CallBind{Bind: bind, Dev: st.Dev, Ino: st.Ino})
	}
	return req, nil
}
