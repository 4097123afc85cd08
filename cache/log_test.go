package cache

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/adrg/xdg"

	"github.com/sshell/sshell/run"
)

// tempLog is a log in a fresh temp dir.
func tempLog(t *testing.T, maxBytes int64) *Log {
	t.Helper()
	return &Log{Path: filepath.Join(t.TempDir(), "sshell", "calls.jsonl"), MaxBytes: maxBytes}
}

func TestDefaultLogUnderStateHome(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_STATE_HOME", dir)
	xdg.Reload()
	t.Cleanup(xdg.Reload)
	l := DefaultLog()
	if want := filepath.Join(dir, "sshell", "calls.jsonl"); l.Path != want {
		t.Fatalf("path = %q, want %q", l.Path, want)
	}
	rec := NewRecord("jq", "reg/jq:1", t0, time.Millisecond,
		run.Result{ExitCode: 3, Digest: "sha256:ab", Timing: run.Timing{Pulled: true, PullBytes: 9, Pull: time.Second, Exec: 2}}, nil)
	if err := l.Append(rec); err != nil {
		t.Fatal(err)
	}
	got := readAll(t, l)
	if len(got) != 1 || !got[0].Time.Equal(t0) || got[0].Time.IsZero() {
		t.Fatalf("read back %+v", got)
	}
	got[0].Time = t0
	if got[0] != rec {
		t.Errorf("read back %+v\nwant %+v", got[0], rec)
	}
	if fi, err := os.Stat(l.Path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("log mode: %v %v, want 0600", fi, err)
	}
}

func readAll(t *testing.T, l *Log) []Record {
	t.Helper()
	recs, err := l.Read()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func TestReadMissingLog(t *testing.T) {
	if recs := readAll(t, tempLog(t, 0)); len(recs) != 0 {
		t.Errorf("records from nowhere: %v", recs)
	}
}

// A process killed mid-write leaves a torn line with no newline. The next
// record is appended to it and is recovered; the torn one is skipped.
func TestTornLine(t *testing.T) {
	l := tempLog(t, 0)
	mustAppend(t, l, call("jq", 0, true, 0, 0))
	whole, _ := encode(call("jq", 1, false, 0, 0))
	for cut := 1; cut < len(whole)-1; cut += 7 {
		writeRaw(t, l.Path, whole[:cut])
		recs := readAll(t, l) // the torn tail alone
		if len(recs) != 1 {
			t.Fatalf("torn after %d bytes: %d records, want 1", cut, len(recs))
		}
		mustAppend(t, l, call("jq", 2, false, 0, 0))
		recs = readAll(t, l)
		if len(recs) != 2 || !recs[1].Time.Equal(t0.Add(2*time.Second)) {
			t.Fatalf("torn after %d bytes, then an append: %+v", cut, recs)
		}
		os.Remove(l.Path)
		mustAppend(t, l, call("jq", 0, true, 0, 0))
	}
	writeRaw(t, l.Path, []byte("not json\n{\"v\":0}\n\n"))
	if recs := readAll(t, l); len(recs) != 1 {
		t.Errorf("garbage lines were read as records: %+v", recs)
	}
}

func mustAppend(t *testing.T, l *Log, r Record) {
	t.Helper()
	if err := l.Append(r); err != nil {
		t.Fatal(err)
	}
}

func writeRaw(t *testing.T, path string, b []byte) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.Write(b); err != nil {
		t.Fatal(err)
	}
}

func TestRotation(t *testing.T) {
	l := tempLog(t, 2000)
	for i := range 100 {
		mustAppend(t, l, call(fmt.Sprint("cmd", i), i, false, 0, 0))
	}
	for _, p := range []string{l.Path, l.Path + ".1"} {
		fi, err := os.Stat(p)
		if err != nil || fi.Size() > 2000+1000 {
			t.Errorf("%s: %v, size %d; want at most about 2000 bytes", p, err, fi.Size())
		}
	}
	recs := readAll(t, l)
	if len(recs) < 5 || recs[len(recs)-1].Command != "cmd99" {
		t.Fatalf("after rotation: %d records, last %+v", len(recs), recs[len(recs)-1])
	}
	for i := 1; i < len(recs); i++ { // the newest records, none lost in between
		if !recs[i].Time.Equal(recs[i-1].Time.Add(time.Second)) {
			t.Errorf("record %d at %v follows %v", i, recs[i].Time, recs[i-1].Time)
		}
	}
}

func TestLongFieldsCut(t *testing.T) {
	r := call("jq", 0, false, 0, 0)
	r.Image = strings.Repeat("é", 3000)
	b, err := encode(r)
	if err != nil || len(b) > 4096 {
		t.Fatalf("record of %d bytes (%v), want at most PIPE_BUF", len(b), err)
	}
}

// strictLines checks that every line of path is one whole record.
func strictLines(t *testing.T, path string) int {
	t.Helper()
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return 0
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n, sc := 0, bufio.NewScanner(f)
	for sc.Scan() {
		var r Record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil || r.V != Version {
			t.Errorf("%s: line %d is not a whole record: %q", path, n+1, sc.Text())
		}
		n++
	}
	return n
}
