//go:build unix

package cache

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// Processes SIGKILLed while they append, with rotation on: the log they
// leave reads without error, every line is one whole record, and stats
// over it count exactly the records read.
func TestKilledWhileAppending(t *testing.T) {
	l := tempLog(t, 64<<10)
	if err := os.MkdirAll(filepath.Dir(l.Path), 0o700); err != nil {
		t.Fatal(err)
	}
	var cmds []*exec.Cmd
	for range 4 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestAppendChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), childEnv+"="+l.Path, childEnv+"_N=100000000", childEnv+"_MAX="+strconv.Itoa(64<<10))
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds = append(cmds, cmd)
	}
	// Kill them once they have rotated the log at least once and written
	// more since: they are then mid-way through appends.
	for deadline := time.Now().Add(3 * time.Minute); ; { // the deadline only bounds a hang
		if time.Now().After(deadline) {
			t.Fatal("gave up waiting for the children to rotate the log")
		}
		fi1, err1 := os.Stat(l.Path + ".1")
		fi, err := os.Stat(l.Path)
		if err1 == nil && err == nil && fi1.Size() > 0 && fi.Size() > 16<<10 {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	for _, cmd := range cmds {
		_ = cmd.Process.Signal(syscall.SIGKILL)
		_ = cmd.Wait()
	}
	recs, err := l.Read()
	n := strictLines(t, l.Path) + strictLines(t, l.Path+".1")
	if err != nil || len(recs) == 0 || len(recs) != n {
		t.Fatalf("after the kill: %d records read (%v), %d whole lines", len(recs), err, n)
	}
	st := Summarize(recs, Options{Now: t0.Add(time.Hour * 24 * 365 * 10)})
	if st.Total.Calls != len(recs) {
		t.Errorf("stats count %d calls, the log holds %d", st.Total.Calls, len(recs))
	}
}

// A power loss can leave a file's tail as zeros (ext4's delayed
// allocation), with or without a newline after: the records on either
// side are read, the zeros are not.
func TestZeroFilledTail(t *testing.T) {
	l := tempLog(t, 0)
	mustAppend(t, l, call("jq", 0, true, 0, 0))
	writeRaw(t, l.Path, bytes.Repeat([]byte{0}, 300))
	mustAppend(t, l, call("jq", 1, false, 0, 0))
	writeRaw(t, l.Path, append(bytes.Repeat([]byte{0}, 300), '\n'))
	mustAppend(t, l, call("jq", 2, false, 0, 0))
	recs := readAll(t, l)
	if len(recs) != 3 || !recs[2].Time.Equal(t0.Add(2*time.Second)) {
		t.Errorf("records around zeros: %+v, want 3", recs)
	}
}
