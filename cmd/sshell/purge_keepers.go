package main

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strconv"
	"syscall"
	"time"

	"github.com/sshell/sshell/run"
	"github.com/sshell/sshell/run/native"
)

// keeperGrace is how long purge waits for a keeper it sent SIGTERM to (it
// retires its ready sandbox and removes it: milliseconds) before SIGKILL.
// One still running a call waits for that call to end: it is killed.
const keeperGrace = 5 * time.Second

// liveKeepers are the pids of the keepers living in the native state
// directory stateDir ("" when there is none).
func liveKeepers(stateDir string) []int {
	if stateDir == "" {
		return nil
	}
	return native.KeeperPIDs(stateDir)
}

// keptBy reports a run whose owner is one of the keepers pids (on this
// host): a keeper's ready sandbox.
func (r nativeRun) keptBy(pids []int) bool {
	host, _ := os.Hostname()
	pid, err := strconv.Atoi(r.labels[run.LabelOwnerPID])
	return err == nil && r.labels[run.LabelOwnerHost] == host && slices.Contains(pids, pid)
}

// stopKeepers stops the live keepers, SIGTERM then, after keeperGrace,
// SIGKILL; removes what a killed one left of its sandboxes (their state
// and cgroups); then removes the keepers' directory.
func (p nativePurge) stopKeepers(s *streams) error {
	if p.stateDir == "" {
		return nil
	}
	var errs []error
	if len(p.keepers) > 0 {
		signalAll(p.keepers, syscall.SIGTERM)
		if left := waitKeepers(p.stateDir, p.keepers, keeperGrace); len(left) > 0 {
			signalAll(left, syscall.SIGKILL)
			if left = waitKeepers(p.stateDir, left, keeperGrace); len(left) > 0 {
				errs = append(errs, fmt.Errorf("the keepers of ready sandboxes %v did not exit after SIGKILL", left))
			}
		}
		for _, pid := range p.keepers {
			fmt.Fprintf(s.out, "stopped the keeper of ready sandboxes, pid %d\n", pid)
		}
		errs = append(errs, removeKept(p.keepers))
	}
	dir := native.ReadyDir(p.stateDir)
	if _, err := os.Stat(dir); err == nil {
		errs = append(errs, report(s, "directory "+dir+" (the keepers' of ready sandboxes)", os.RemoveAll(dir)))
	}
	return errors.Join(errs...)
}

func signalAll(pids []int, sig os.Signal) {
	for _, pid := range pids {
		if p, err := os.FindProcess(pid); err == nil {
			_ = p.Signal(sig)
		}
	}
}

// waitKeepers waits up to grace for the keepers pids to let go of their
// locks (a keeper's last act); it returns the ones that did not.
func waitKeepers(stateDir string, pids []int, grace time.Duration) []int {
	deadline := time.Now().Add(grace)
	for {
		live := liveKeepers(stateDir)
		left := slices.DeleteFunc(slices.Clone(pids), func(pid int) bool { return !slices.Contains(live, pid) })
		if len(left) == 0 || time.Now().After(deadline) {
			return left
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// removeKept removes what the stopped keepers pids left of their ready
// sandboxes: nothing, unless one was killed.
func removeKept(pids []int) error {
	runs, err := nativeRuns()
	if err != nil {
		return fmt.Errorf("listing the native runs: %w", err)
	}
	var errs []error
	for _, r := range runs {
		if r.keptBy(pids) {
			errs = append(errs, removeNativeRun(r.id, r.dir))
		}
	}
	return errors.Join(errs...)
}
