//go:build linux

package main

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// maxForks ends a fork bomb that no pids limit stops.
const maxForks = 100000

// attackForkBomb forks until the kernel refuses. Each child only pauses
// until killed; the fork is the raw system call, so that a child is one
// task (a Go child process would start several threads) and the parent
// never needs a new thread while none can be made. Blocked when a fork
// failed before maxForks; forks=N is how many succeeded.
func attackForkBomb([]string) (bool, string) {
	runtime.GOMAXPROCS(1)
	pids := make([]int, 0, maxForks)
	var err error
	for len(pids) < maxForks {
		pid, _, errno := syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0)
		if errno != 0 {
			err = errno
			break
		}
		if pid == 0 { // the child
			for {
				syscall.RawSyscall(syscall.SYS_PAUSE, 0, 0, 0)
			}
		}
		pids = append(pids, int(pid))
	}
	for _, p := range pids {
		syscall.Kill(p, syscall.SIGKILL)
	}
	for range pids {
		var ws syscall.WaitStatus
		syscall.Wait4(-1, &ws, 0, nil)
	}
	if err == nil {
		return false, fmt.Sprintf("forks=%d and no limit", len(pids))
	}
	return true, fmt.Sprintf("forks=%d then %v", len(pids), err)
}

// attackMemory allocates and touches memory until it is killed; it should
// never print. Blocked never: the runner reports the kill.
func attackMemory([]string) (bool, string) {
	var hold [][]byte
	for total := 0; total < 64<<30; total += 16 << 20 {
		b := make([]byte, 16<<20)
		for i := 0; i < len(b); i += 4096 {
			b[i] = 1
		}
		hold = append(hold, b)
	}
	return false, fmt.Sprintf("allocated %d chunks of 16MiB", len(hold))
}

// attackCPU spins on every CPU it can see for SECONDS of wall-clock time,
// then reports its own CPU time (getrusage) against the wall time:
// usage=CPU-seconds wall=seconds cpus=usage/wall, and the kernel's
// throttling count when the cgroup shows it (throttled=N, -1 unknown).
// Always "blocked": the suite judges the numbers.
func attackCPU(args []string) (bool, string) {
	secs := 2.0
	if len(args) == 1 {
		secs, _ = strconv.ParseFloat(args[0], 64)
	}
	start, stop := time.Now(), make(chan struct{})
	for range runtime.NumCPU() + 1 {
		go spin(stop)
	}
	time.Sleep(time.Duration(secs * float64(time.Second)))
	close(stop)
	wall := time.Since(start).Seconds()
	var ru unix.Rusage
	unix.Getrusage(unix.RUSAGE_SELF, &ru)
	usage := tv(ru.Utime) + tv(ru.Stime)
	return true, fmt.Sprintf("usage=%.3f wall=%.3f cpus=%.3f throttled=%d", usage, wall, usage/wall, throttled())
}

func spin(stop <-chan struct{}) {
	for n := 0; ; n++ {
		if n%1_000_000 == 0 {
			select {
			case <-stop:
				return
			default:
			}
		}
	}
}

func tv(t unix.Timeval) float64 { return float64(t.Sec) + float64(t.Usec)/1e6 }

// throttled is nr_throttled from the cgroup's cpu.stat (v1 or v2), or -1.
func throttled() int {
	for _, f := range []string{"/sys/fs/cgroup/cpu/cpu.stat", "/sys/fs/cgroup/cpu,cpuacct/cpu.stat", "/sys/fs/cgroup/cpu.stat"} {
		data, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		for _, line := range strings.Split(string(data), "\n") {
			if v, ok := strings.CutPrefix(line, "nr_throttled "); ok {
				n, _ := strconv.Atoi(v)
				return n
			}
		}
	}
	return -1
}

// attackFillTmp writes to /tmp until a write fails: blocked when it fails
// for lack of space; bytes=N is how much was written.
func attackFillTmp([]string) (bool, string) {
	f, err := os.Create("/tmp/fill")
	if err != nil {
		return false, err.Error()
	}
	defer f.Close()
	chunk, n := make([]byte, 1<<20), int64(0)
	for n < 64<<30 {
		w, err := f.Write(chunk)
		n += int64(w)
		if errors.Is(err, unix.ENOSPC) {
			return true, fmt.Sprintf("bytes=%d then %v", n, err)
		}
		if err != nil {
			return false, fmt.Sprintf("bytes=%d then %v, not ENOSPC", n, err)
		}
	}
	return false, fmt.Sprintf("bytes=%d and no limit", n)
}
