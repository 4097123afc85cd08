package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/sshell/sshell/cache"
)

// --dry-run prints one line per image, its reason, and removes nothing
// (the daemon is never asked: it is nil here).
func TestCacheGCDryRunOutput(t *testing.T) {
	now := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	p := cache.DefaultPolicy()
	ds := p.Decide([]cache.Image{
		{Ref: "r/old:1", Command: "old", Bytes: 10 << 20, PullCost: time.Second, LastUse: now.Add(-48 * time.Hour)},
		{Ref: "r/new:1", Command: "new", Bytes: 10 << 20, PullCost: time.Second, LastUse: now.Add(-time.Hour)},
		{Ref: "r/pin:1", Command: "pin", Bytes: 10 << 20, LastUse: now.Add(-48 * time.Hour), Pinned: true},
	}, now)
	var b bytes.Buffer
	applyDecisions(context.Background(), &b, nil, ds, true, now)
	want := "keep r/new:1 (new, docker, 10.0 MiB): idle 1h < keep-alive 24h (fallback: 0 idle times < 5)\n" +
		"would remove r/old:1 (old, docker, 10.0 MiB): idle 48h >= keep-alive 24h (fallback: 0 idle times < 5)\n" +
		"keep r/pin:1 (pin, docker, 10.0 MiB): pinned\n"
	if b.String() != want {
		t.Errorf("gc --dry-run:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestCacheUsage(t *testing.T) {
	for _, args := range [][]string{{"cache"}, {"cache", "nope"}, {"cache", "gc", "x"}, {"cache", "simulate"}} {
		var out, errb bytes.Buffer
		if code := execute(context.Background(), &streams{strings.NewReader(""), &out, &errb}, args); code != 2 {
			t.Errorf("%q: exit %d (%s), want 2", args, code, errb.String())
		}
	}
}

func TestCacheSimulateCLI(t *testing.T) {
	var out, errb bytes.Buffer
	args := []string{"cache", "simulate", "../../cache/testdata/periodic.csv", "--max-bytes", "2GiB"}
	if code := execute(context.Background(), &streams{strings.NewReader(""), &out, &errb}, args); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if !strings.Contains(out.String(), "budget 2.0 GiB") || !strings.Contains(out.String(), "\nadaptive ") {
		t.Errorf("simulate:\n%s", out.String())
	}
}

// cache ls: a row per held image, with the runtime holding it, and per absent image the pre-warm pulls,
// with size, last use, calls, predicted next use ("-" when the histogram
// cannot tell) and the decision with its reason; gc --dry-run says "would
// pull" and "absent" for those.
func TestCacheLsColumns(t *testing.T) {
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	regular := func(ref string, last time.Time, absent bool) cache.Image {
		im := cache.Image{Ref: ref, Command: ref[2:], Bytes: 10 << 20, PullCost: time.Second, LastUse: last, Calls: 21, Absent: absent}
		var gaps []time.Duration
		for i := 20; i >= 0; i-- {
			im.Times = append(im.Times, last.Add(-time.Duration(i)*6*time.Hour))
			if i > 0 {
				gaps = append(gaps, 6*time.Hour)
			}
		}
		for g := im.Times[0]; g.Before(now.Add(24 * time.Hour)); g = g.Add(time.Hour) {
			im.GCRuns = append(im.GCRuns, g.Add(30*time.Minute))
		}
		im.Idle = cache.NewIdleHist(gaps)
		return im
	}
	ds := cache.DefaultPolicy().Decide([]cache.Image{
		regular("r/due", now.Add(-5*time.Hour-20*time.Minute), true),
		regular("r/later", now.Add(-time.Hour), true),
		regular("r/gone", now.Add(-9*time.Hour), true), // past its keep-alive: not listed
		{Ref: "r/new", Command: "new", Bytes: 10 << 20, PullCost: time.Second, LastUse: now.Add(-time.Hour), Calls: 1, Runtime: runtimeNative},
	}, now)
	var b bytes.Buffer
	if err := writeCacheLs(&b, ds, time.UTC); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	want := [][]string{
		{"IMAGE", "COMMAND", "RUNTIME", "SIZE", "LAST USE", "CALLS", "NEXT USE", "DECISION"},
		{"r/due", "due", "docker", "-", "2026-11-26 06:40", "21", "2026-11-26 12:40", "pull now: prewarm: next call expected in ~40m, pulling 5m ahead: due within the gc interval of 1h"},
		{"r/later", "later", "docker", "-", "2026-11-26 11:00", "21", "2026-11-26 17:00", "pull at 2026-11-26 15:55: prewarm: next call expected in ~5h, pulling 5m ahead; a gc in ~3h55m pulls it"},
		{"r/new", "new", "native", "10.0 MiB", "2026-11-26 11:00", "1", "-", "keep: idle 1h < keep-alive 24h (fallback: 0 idle times < 5)"},
	}
	if len(lines) != len(want) {
		t.Fatalf("cache ls:\n%s", b.String())
	}
	for i, cols := range want {
		if got := strings.Join(strings.Fields(lines[i]), " "); got != strings.Join(cols, " ") {
			t.Errorf("row %d:\n got %s\nwant %s", i, got, strings.Join(cols, " "))
		}
	}
	b.Reset()
	applyDecisions(context.Background(), &b, nil, ds, true, now)
	if !strings.Contains(b.String(), "would pull r/due (due, docker, not held): prewarm:") || !strings.Contains(b.String(), "absent r/later (later, docker, not held): prewarm:") || strings.Contains(b.String(), "r/gone") {
		t.Errorf("gc --dry-run:\n%s", b.String())
	}
}
