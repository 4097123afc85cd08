package cache

import (
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkAppend is the latency a run pays to record itself.
func BenchmarkAppend(b *testing.B) {
	l := &Log{Path: filepath.Join(b.TempDir(), "calls.jsonl")}
	rec := call("jq", 0, true, time.Second, time.Second)
	for b.Loop() {
		if err := l.Append(rec); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadSummarize is `sshell stats` on a full log and its rotated file.
func BenchmarkReadSummarize(b *testing.B) {
	l := &Log{Path: filepath.Join(b.TempDir(), "calls.jsonl"), MaxBytes: DefaultMaxBytes}
	for i := range 30000 {
		if err := l.Append(call(string(rune('a'+i%20)), i, i%7 == 0, time.Second, time.Second)); err != nil {
			b.Fatal(err)
		}
	}
	for b.Loop() {
		recs, err := l.Read()
		if err != nil {
			b.Fatal(err)
		}
		Summarize(recs, Options{Now: t0.Add(time.Hour * 24)})
	}
}
