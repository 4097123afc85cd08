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
	applyDecisions(context.Background(), &b, nil, ds, true)
	want := "keep r/new:1 (new, 10.0 MiB): idle 1h < keep-alive 24h (fallback: 0 idle times < 5)\n" +
		"would remove r/old:1 (old, 10.0 MiB): idle 48h >= keep-alive 24h (fallback: 0 idle times < 5)\n" +
		"keep r/pin:1 (pin, 10.0 MiB): pinned\n"
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
