package main

import (
	"fmt"
	"os"
	"os/signal"
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
