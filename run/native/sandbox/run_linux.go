package sandbox

import (
	"errors"
	"os"
	"os/signal"
	"runtime"
	"syscall"
)

// forwarded are the signals the init passes on to the tool. The terminal's
// own (SIGINT from Ctrl-C, SIGWINCH on a resize) reach the tool from its
// terminal directly.
var forwarded = []os.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT,
	syscall.SIGUSR1, syscall.SIGUSR2, syscall.SIGWINCH}

// runInit sets the sandbox up, waits for the parent's go, starts the tool
// and reaps until it exits.
func runInit(cfg *Config, in, status *os.File) int {
	// Signals the parent sends before the tool starts wait here: pid 1
	// ignores those it has no handler for.
	sigs := make(chan os.Signal, 8)
	signal.Notify(sigs, forwarded...)
	if err := setup(cfg); err != nil {
		return report(status, failure{code: codeSetup, msg: err.Error()})
	}
	path, cred, f := resolveTool(cfg)
	if f != nil {
		return report(status, *f)
	}
	// Capabilities are per thread: the bounding set is dropped on this one,
	// which is also the one that forks the tool.
	runtime.LockOSThread()
	if err := restrict(cfg); err != nil {
		return report(status, failure{code: codeSetup, msg: err.Error()})
	}
	if _, err := in.Read(make([]byte, 1)); err != nil {
		return codeSetup // the parent gave up: nobody is listening
	}
	in.Close()
	pid, err := syscall.ForkExec(path, cfg.Args, &syscall.ProcAttr{
		Dir: cfg.Dir, Env: cfg.Env, Files: []uintptr{0, 1, 2},
		Sys: toolAttr(cfg, cred),
	})
	if err != nil {
		return report(status, execFailure(cfg.Args[0], err))
	}
	runtime.UnlockOSThread() // reaping may block on any thread
	_, _ = status.WriteString(started)
	status.Close()
	for _, fd := range []int{0, 1, 2} { // the tool's alone: EOF and hang-ups work
		syscall.Close(fd)
	}
	go forward(sigs, pid)
	return reap(pid)
}

// forward passes each signal on to the tool.
func forward(sigs <-chan os.Signal, pid int) {
	for s := range sigs {
		_ = syscall.Kill(pid, s.(syscall.Signal))
	}
}

// reap waits for every child, the orphans the kernel hands pid 1 included,
// until the tool exits, and returns its exit code.
func reap(tool int) int {
	for {
		var ws syscall.WaitStatus
		pid, err := syscall.Wait4(-1, &ws, 0, nil)
		if errors.Is(err, syscall.EINTR) {
			continue
		}
		if err != nil {
			return codeSetup // no child left: cannot happen while the tool lives
		}
		if pid != tool {
			continue
		}
		if ws.Signaled() {
			return 128 + int(ws.Signal())
		}
		return ws.ExitStatus()
	}
}
