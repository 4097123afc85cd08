package native

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"golang.org/x/sys/unix"

	"github.com/sshell/sshell/run"
	"github.com/sshell/sshell/run/native/sandbox"
)

// keeperLock is the file a keeper holds locked (flock) while it lives,
// holding its pid.
const keeperLock = "keeper.lock"

// keepReady asks for a keeper after a cold run that went well, when
// none keeps spec's kind of call ready: the next call finds a sandbox
// ready. A call pays one stat and, without a keeper, one flock. A keeper
// whose sandbox is of another digest than the call's (the image was
// upgraded since) has it claimed and dropped: it gets the next one ready
// with the image the store has now.
func (r *Runner) keepReady(spec run.Spec, res run.Result, err error) {
	if r.spawn == nil || err != nil || !r.overlay || res.Digest == "" {
		return
	}
	dir := r.readyDir(spec)
	if !keeperAlive(dir) {
		if !failedLately(dir) {
			r.spawn(KeeperSpec(spec))
		}
		return
	}
	socks, _ := filepath.Glob(filepath.Join(dir, "*.sock"))
	for _, s := range socks {
		if filepath.Base(s) != socketName(res.Digest) {
			if c, err := sandbox.Claim(s); err == nil {
				c.Close()
			}
		}
	}
}

// failedMark is written in a ready directory by a keeper whose first
// sandbox could not get ready (an old kernel, no overlayfs in a user
// namespace: what the sandbox reports, not a missing image): no keeper is
// started for that kind of call for failedFor.
const (
	failedMark = "failed"
	failedFor  = time.Hour
)

// failedLately reports a keeper of dir that failed within failedFor.
func failedLately(dir string) bool {
	st, err := os.Stat(filepath.Join(dir, failedMark))
	return err == nil && time.Since(st.ModTime()) < failedFor
}

// keeperAlive reports a keeper holding dir's lock.
func keeperAlive(dir string) bool {
	f, err := os.Open(filepath.Join(dir, keeperLock))
	if err != nil {
		return false
	}
	defer f.Close()
	if err := unix.Flock(int(f.Fd()), unix.LOCK_SH|unix.LOCK_NB); err != nil {
		return true
	}
	return false
}

// Keep keeps a sandbox ready for spec's kind of call (its image, which
// must be in the store, and everything but the command line, environment,
// working directory, user and terminal) until idle passes without a call,
// or ctx ends: each call claims the ready sandbox and Keep gets the next
// one ready while it runs. It returns nil at once when another keeper
// keeps spec's calls already, and an error when no sandbox can be made
// ready here. It removes what it made before it returns.
func (r *Runner) Keep(ctx context.Context, spec run.Spec, idle time.Duration) error {
	return r.keep(ctx, spec, idle, false)
}

// keep is Keep; once stops it after the first call (a test's).
func (r *Runner) keep(ctx context.Context, spec run.Spec, idle time.Duration, once bool) error {
	if !r.overlay {
		return errors.New("keeping a sandbox ready: it needs overlayfs, which is unavailable here")
	}
	spec = KeeperSpec(spec)
	spec.Pull = run.PullNever
	dir := r.readyDir(spec)
	unlock, ok, err := lockKeeper(dir)
	if err != nil || !ok {
		return err
	}
	defer unlock()
	var calls sync.WaitGroup
	defer calls.Wait()
	deadline := time.Now().Add(idle)
	for first := true; ctx.Err() == nil; first = false {
		k, err := r.getReady(ctx, spec, dir)
		var se *sandbox.Error
		if first && errors.As(err, &se) { // the sandbox cannot get ready here: no keeper for a while
			_ = os.WriteFile(filepath.Join(dir, failedMark), []byte(err.Error()+"\n"), 0o600)
		}
		if err != nil {
			return err
		}
		switch k.await(ctx, deadline, &calls) {
		case served:
			if once {
				return nil
			}
			deadline = time.Now().Add(idle)
		case idled:
			return nil
		case died:
			return fmt.Errorf("keeping %q ready: its sandbox exited unclaimed", spec.Command)
		}
	}
	return nil
}

// How a ready sandbox's wait ended.
type outcome int

const (
	served    outcome = iota // a call claimed it
	refreshed                // it was replaced by a fresh one (refreshEvery)
	idled                    // no call came by the deadline
	stopped                  // ctx ended
	died                     // it exited unclaimed
)

// await waits for k's call until the deadline, replacing k every
// refreshEvery: a ready sandbox's copy of the host's mounts keeps them in
// use (a file system unmounted on the host stays busy while it lives) and
// does not see those mounted since. After a call it returns once the call
// is over, or has run for replenishAfter.
func (k *kept) await(ctx context.Context, deadline time.Time, calls *sync.WaitGroup) outcome {
	claimed := make(chan bool, 1)
	go func() { claimed <- k.sb.p.Claimed() }()
	timer := time.NewTimer(min(refreshEvery, time.Until(deadline)))
	defer timer.Stop()
	select {
	case ok := <-claimed:
		done := k.finishLater(calls)
		if !ok {
			return died
		}
		// The next one is made once the call is over, or has run for a
		// while: not on the CPU the call starts on.
		select {
		case <-done:
		case <-time.After(replenishAfter):
		case <-ctx.Done():
		}
		return served
	case <-timer.C:
		switch {
		case k.retire(claimed, calls):
			return served
		case time.Now().Before(deadline):
			return refreshed
		}
		return idled
	case <-ctx.Done():
		k.retire(claimed, calls)
		return stopped
	}
}

// refreshEvery is how long a ready sandbox waits for a call before its
// keeper replaces it with a fresh one.
var refreshEvery = time.Minute

// lockKeeper takes dir's keeper lock; ok is false when another keeper
// holds it.
func lockKeeper(dir string) (unlock func(), ok bool, err error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, false, fmt.Errorf("keeping a sandbox ready: %w", err)
	}
	f, err := os.OpenFile(filepath.Join(dir, keeperLock), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, false, fmt.Errorf("keeping a sandbox ready: %w", err)
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		f.Close()
		return nil, false, nil
	}
	_ = f.Truncate(0)
	_, _ = f.WriteAt([]byte(strconv.Itoa(os.Getpid())), 0)
	return func() { f.Close() }, true, nil
}

// kept is one ready sandbox and what it was made with.
type kept struct {
	sb   *sandboxRun
	b    *box
	sock string
}

// getReady makes a sandbox ready for spec and publishes its socket.
func (r *Runner) getReady(ctx context.Context, spec run.Spec, dir string) (*kept, error) {
	sb, err := r.startSandbox(spec, run.IO{})
	if err != nil {
		return nil, err
	}
	var res run.Result
	img, err := r.image(ctx, spec, nil, &res)
	if err != nil {
		sb.end()
		return nil, err
	}
	b, err := r.create(ctx, spec, img, sb.p.Pid())
	if err != nil {
		sb.end()
		_ = b.remove()
		return nil, err
	}
	k := &kept{sb: sb, b: b, sock: filepath.Join(dir, socketName(img.Digest))}
	b.cfg.Ready = filepath.Join(dir, b.id[:12]+".new")
	b.cfg.Binds = nil // each call's, made at the call from the host's files as they are then
	err = sb.p.Configure(b.cfg)
	if err == nil {
		err = sb.p.Ready()
	}
	if err == nil {
		err = os.Rename(b.cfg.Ready, k.sock)
	}
	if err != nil {
		k.finish()
		return nil, fmt.Errorf("keeping %q ready: %w", spec.Command, err)
	}
	return k, nil
}

// finish waits for the sandbox to exit (its call done) and removes it.
func (k *kept) finish() {
	if !k.sb.ended {
		_, _ = k.sb.p.Wait()
		k.sb.ended = true
		_ = k.sb.streams.drain()
	}
	_ = k.b.remove()
	os.Remove(k.b.cfg.Ready)
}

// retire ends an unclaimed sandbox: its socket is taken away first, so no
// call can claim it. One claimed just before runs to its end (retire then
// reports true), unless its caller never connects.
func (k *kept) retire(claimed <-chan bool, calls *sync.WaitGroup) bool {
	taken := false
	if os.Rename(k.sock, k.sock+".retired") == nil {
		os.Remove(k.sock + ".retired")
		k.sb.end()
	} else {
		select {
		case taken = <-claimed:
		case <-time.After(claimGrace):
			k.sb.end()
		}
	}
	k.finishLater(calls)
	return taken
}

// finishLater finishes k in the background; done is closed when it has.
func (k *kept) finishLater(calls *sync.WaitGroup) (done <-chan struct{}) {
	c := make(chan struct{})
	calls.Add(1)
	go func() { defer calls.Done(); k.finish(); close(c) }()
	return c
}

// replenishAfter is how long a call may run before its keeper gets the
// next sandbox ready anyway.
const replenishAfter = 50 * time.Millisecond

// claimGrace is how long a retiring keeper waits for a caller that took
// the socket to connect.
const claimGrace = 10 * time.Second

// KeeperPIDs are the pids of the keepers running in the state directory
// stateDir, for a purge to stop them. It reads that directory only.
func KeeperPIDs(stateDir string) []int {
	entries, err := os.ReadDir(ReadyDir(stateDir))
	if err != nil {
		return nil
	}
	var pids []int
	for _, e := range entries {
		dir := filepath.Join(ReadyDir(stateDir), e.Name())
		if !keeperAlive(dir) {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, keeperLock))
		if pid, perr := strconv.Atoi(string(b)); err == nil && perr == nil && pid > 0 {
			pids = append(pids, pid)
		}
	}
	return pids
}
