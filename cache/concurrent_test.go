package cache

import (
	"cmp"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
)

const childEnv = "SSHELL_CACHE_TEST_CHILD"

// TestAppendChild is the body of the processes TestConcurrentProcesses
// starts; it does nothing in a normal run.
func TestAppendChild(t *testing.T) {
	path := os.Getenv(childEnv)
	if path == "" {
		t.Skip("only run as a child of TestConcurrentProcesses")
	}
	n, _ := strconv.Atoi(os.Getenv(childEnv + "_N"))
	maxBytes, _ := strconv.ParseInt(os.Getenv(childEnv+"_MAX"), 10, 64)
	l := &Log{Path: path, MaxBytes: cmp.Or(maxBytes, 1<<30)}
	for i := range n {
		mustAppend(t, l, call(fmt.Sprint("p", os.Getpid()), i, false, 0, 0))
	}
}

func TestConcurrentGoroutines(t *testing.T) {
	const writers, each = 16, 200
	l := tempLog(t, 1<<30)
	appendConcurrently(t, l, writers, each)
	if n := strictLines(t, l.Path); n != writers*each {
		t.Errorf("%d lines, want %d", n, writers*each)
	}
}

// Rotating while others append loses only whole, old records.
func TestConcurrentRotation(t *testing.T) {
	const writers, each = 8, 300
	l := tempLog(t, 8<<10)
	appendConcurrently(t, l, writers, each)
	n := strictLines(t, l.Path) + strictLines(t, l.Path+".1")
	if n == 0 || n >= writers*each {
		t.Errorf("%d records kept of %d, want some and not all", n, writers*each)
	}
}

func TestConcurrentProcesses(t *testing.T) {
	const procs, each = 6, 300
	l := tempLog(t, 0)
	if err := os.MkdirAll(filepath.Dir(l.Path), 0o700); err != nil {
		t.Fatal(err)
	}
	var cmds []*exec.Cmd
	for range procs {
		cmd := exec.Command(os.Args[0], "-test.run=^TestAppendChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), childEnv+"="+l.Path, childEnv+"_N="+strconv.Itoa(each))
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds = append(cmds, cmd)
	}
	for _, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Errorf("child: %v", err)
		}
	}
	if n := strictLines(t, l.Path); n != procs*each {
		t.Errorf("%d lines, want %d", n, procs*each)
	}
	perProc := map[string]int{}
	for _, r := range readAll(t, l) {
		perProc[r.Command]++
	}
	if len(perProc) != procs {
		t.Errorf("records from %d processes, want %d: %v", len(perProc), procs, perProc)
	}
}

// appendConcurrently has writers goroutines append each records to l.
func appendConcurrently(t *testing.T, l *Log, writers, each int) {
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			for i := range each {
				if err := l.Append(call(fmt.Sprint("g", w), i, false, 0, 0)); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
}
