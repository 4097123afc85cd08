//go:build linux

package main

import (
	"bytes"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"time"

	"golang.org/x/sys/unix"
)

func killSelf(args []string) int {
	if len(args) != 1 {
		return fail(fmt.Errorf("kill SIG"))
	}
	sig := unix.SignalNum("SIG" + args[0])
	if sig == 0 {
		return fail(fmt.Errorf("unknown signal %q", args[0]))
	}
	signal.Reset(sig)
	if err := unix.Kill(os.Getpid(), sig); err != nil {
		return fail(err)
	}
	// Still alive: as PID 1 without an init the kernel drops such signals.
	time.Sleep(2 * time.Second)
	return fail(fmt.Errorf("still alive after SIG%s (running as pid %d without an init?)", args[0], os.Getpid()))
}

func waitSignal([]string) int {
	c := make(chan os.Signal, 1)
	signal.Notify(c, unix.SIGINT, unix.SIGTERM, unix.SIGHUP, unix.SIGQUIT)
	os.Stdout.WriteString("ready\n")
	sig := (<-c).(unix.Signal)
	fmt.Printf("got %s\n", unix.SignalName(sig))
	return 128 + int(sig)
}

func sleepFor(args []string) int {
	if len(args) != 1 {
		return fail(fmt.Errorf("sleep SECONDS"))
	}
	d, err := time.ParseDuration(args[0] + "s")
	if err != nil {
		return fail(err)
	}
	time.Sleep(d)
	return 0
}

// zombie forks children (re-executing itself with "exit 0") and never waits
// for them, so a missing init leaves zombies behind.
func zombie(args []string) int {
	n := 3
	if len(args) == 1 {
		fmt.Sscan(args[0], &n)
	}
	for i := 0; i < n; i++ {
		attr := &os.ProcAttr{Files: []*os.File{nil, os.Stdout, os.Stderr}}
		if _, err := os.StartProcess("/proc/self/exe", []string{"testtool", "exit", "0"}, attr); err != nil {
			return fail(err)
		}
	}
	return 0
}

// reapCheck makes orphans: a middle process (`zombie N`) forks N children
// and exits without waiting, so they are re-parented to PID 1. Then it
// prints "zombies=K", K the zombies left in the container. An init that
// reaps gets K to 0 at once; the count is polled for a few seconds only so
// that a slow machine does not count zombies an init is about to reap.
func reapCheck(args []string) int {
	n := "3"
	if len(args) == 1 {
		n = args[0]
	}
	middle, err := os.StartProcess("/proc/self/exe", []string{"testtool", "zombie", n},
		&os.ProcAttr{Files: []*os.File{nil, os.Stdout, os.Stderr}})
	if err != nil {
		return fail(err)
	}
	if _, err := middle.Wait(); err != nil {
		return fail(err)
	}
	k := zombies()
	for i := 0; i < 50 && k > 0; i++ {
		time.Sleep(100 * time.Millisecond)
		k = zombies()
	}
	fmt.Printf("zombies=%d\n", k)
	return 0
}

// zombies counts the processes in state Z, from /proc/PID/stat.
func zombies() int {
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	k := 0
	for _, p := range stats {
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		if i := bytes.LastIndexByte(b, ')'); i > 0 && i+2 < len(b) && b[i+2] == 'Z' {
			k++
		}
	}
	return k
}
