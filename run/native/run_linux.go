package native

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/sshell/sshell/run"
	"github.com/sshell/sshell/run/native/sandbox"
	"github.com/sshell/sshell/run/native/store"
)

// Run runs spec to completion: it makes the image present, sets the
// sandbox up, runs the tool and removes everything the run made, also when
// ctx is cancelled. The tool's exit code is in the Result; errors are
// sshell's own and wrap a run.Err* kind when one applies. The Result is
// valid (timings, exit code when the tool ran) also with an error.
func (r *Runner) Run(ctx context.Context, spec run.Spec, stdio run.IO) (res run.Result, err error) {
	if err := supported(spec); err != nil { // before any pull
		return res, err
	}
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	sigs := run.NewRelay(ctx, stdio.Signals)
	var img *store.Image
	if dir, ok := r.readyFor(spec); ok {
		var done bool
		if res, img, done, err = r.runReady(ctx, dir, spec, stdio, sigs); done {
			return res, err
		}
	}
	res, err = r.runCold(ctx, spec, stdio, sigs, img, res)
	r.keepReady(spec, res, err)
	return res, err
}

// runCold runs spec in a sandbox of its own, made for it. img, when not
// nil, is spec's image, looked up already.
func (r *Runner) runCold(ctx context.Context, spec run.Spec, stdio run.IO, sigs *run.Relay, img *store.Image, res run.Result) (_ run.Result, err error) {
	// The sandbox's init starts first: a Go process takes milliseconds to
	// start up, which the image's lookup and the run's preparation overlap.
	sb, err := r.startSandbox(spec, stdio)
	if err != nil {
		return res, err
	}
	defer sb.end()
	if img == nil {
		if img, err = r.image(sigs.Setup(), spec, stdio.Progress, &res); err != nil {
			return sigs.InterruptedOr(res, err)
		}
	}
	swept := r.startSweep()
	defer func() { <-swept }()
	began := time.Now()
	b, err := r.create(sigs.Setup(), spec, img, sb.p.Pid())
	res.Timing.Create = time.Since(began)
	if err != nil {
		sb.end() // first: a cgroup holding a process cannot go
		_ = b.remove()
		return sigs.InterruptedOr(res, err)
	}
	defer func() {
		sb.end() // before the removal: the sandbox uses the state directory
		if rerr := b.remove(); err == nil && rerr != nil {
			err = fmt.Errorf("removing the run of %q: %w", spec.Command, rerr)
		}
	}()
	if code, ok := sigs.Interrupted(); ok {
		res.ExitCode = code
		return res, nil
	}
	if err := sb.p.Configure(b.cfg); err != nil {
		return res, err
	}
	res.ExitCode, err = r.execute(ctx, sb.p, sb.p.Go, sb.streams, b, spec, stdio, sigs, &res)
	sb.ended = true
	return res, err
}

// sandboxRun is a started sandbox and the streams it was given.
type sandboxRun struct {
	p       *sandbox.Process
	streams *streams
	ended   bool
}

// startSandbox connects the streams and starts the sandbox's init, in the
// namespaces spec needs.
func (r *Runner) startSandbox(spec run.Spec, stdio run.IO) (*sandboxRun, error) {
	s, err := openStreams(spec, stdio)
	if err != nil {
		return nil, fmt.Errorf("connecting the streams of %q: %w", spec.Command, err)
	}
	ns := sandbox.Namespaces{HostNetwork: spec.Network == run.NetworkHost, UserNS: r.userns}
	p, err := sandbox.Start(ns, s.child)
	if err != nil {
		s.abort()
		return nil, fmt.Errorf("starting the sandbox of %q: %w", spec.Command, err)
	}
	s.started()
	return &sandboxRun{p: p, streams: s}, nil
}

// end waits for the sandbox to exit, killing it first unless it ran the
// tool to its end, and for its output; later calls do nothing.
func (sb *sandboxRun) end() {
	if sb.ended {
		return
	}
	sb.ended = true
	_ = sb.p.Kill()
	_, _ = sb.p.Wait()
	_ = sb.streams.drain()
}

// sandboxProcess is a sandbox a run talks to: a cold one's init
// (*sandbox.Process) or a claimed ready one (*sandbox.Call).
type sandboxProcess interface {
	Signal(os.Signal) error
	Kill() error
	Wait() (int, error)
}

// execute starts the tool (start lets it start: the sandbox is configured
// and in the run's cgroup already), forwards signals and
// resizes, enforces the timeout, and waits for the tool's exit and the end
// of its output. It returns the tool's exit code and sets res's timing and
// which bound stopped the tool.
func (r *Runner) execute(ctx context.Context, p sandboxProcess, start func() error, s *streams, b *box, spec run.Spec, stdio run.IO, sigs *run.Relay, res *run.Result) (int, error) {
	began := time.Now()
	ended := make(chan struct{})
	defer close(ended)
	go func() { // a cancelled run kills the sandbox, at any stage
		select {
		case <-ctx.Done():
			_ = p.Kill()
		case <-ended:
		}
	}()
	if stdio.OnStart != nil {
		stdio.OnStart()
	}
	s.startInput(stdio)
	startErr := start()
	res.Timing.Start = time.Since(began)
	if startErr == nil {
		sigs.Started(func(sig os.Signal) { _ = p.Signal(sig) })
		s.followResize(ctx, stdio)
	}
	limit := limitTime(p, spec.Limits.Timeout)
	code, _ := p.Wait()
	timedOut := limit.stop()
	res.Timing.Exec = time.Since(began) - res.Timing.Start
	outErr := s.drain()
	if startErr != nil && ctx.Err() != nil { // killed before the tool started
		return code, fmt.Errorf("running %q: %w", spec.Command, ctx.Err())
	}
	if startErr != nil {
		return code, startFailure(spec, b.cfg, startErr)
	}
	res.Stopped, code = b.stopped(code, timedOut)
	if ctx.Err() != nil && res.Stopped == "" {
		return code, fmt.Errorf("running %q: %w", spec.Command, ctx.Err())
	}
	if outErr != nil {
		return code, fmt.Errorf("copying the output of %q: %w", spec.Command, outErr)
	}
	return code, nil
}

// startFailure is the error of a tool that never started: the caller's
// "cannot invoke" when its command could not be executed.
func startFailure(spec run.Spec, cfg *sandbox.Config, err error) error {
	argv0 := spec.Command
	if len(cfg.Args) > 0 {
		argv0 = cfg.Args[0]
	}
	var se *sandbox.Error
	if errors.As(err, &se) && (se.Code == sandbox.CodeNotFound || se.Code == sandbox.CodeCannotExec) {
		return fmt.Errorf("starting %q: %w: %s", argv0, run.ErrCannotInvoke, se.Msg)
	}
	return fmt.Errorf("setting up the sandbox of %q: %w", spec.Command, err)
}

// timeLimit kills the sandbox when its wall-clock timeout passes.
type timeLimit struct{ timer *time.Timer }

// limitTime kills p once d has passed; d <= 0 is no timeout. KILL, not
// TERM: a timeout is a bound, and a tool may ignore TERM.
func limitTime(p sandboxProcess, d time.Duration) *timeLimit {
	if d <= 0 {
		return &timeLimit{}
	}
	return &timeLimit{timer: time.AfterFunc(d, func() { _ = p.Kill() })}
}

// stop ends the timer and reports whether it fired.
func (l *timeLimit) stop() bool { return l.timer != nil && !l.timer.Stop() }
