package cache

import (
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"
)

func TestTrackedHistoryPinRollback(t *testing.T) {
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	tr := &Tracked{Image: "127.0.0.1:5000/jq:1", Checked: now}
	for _, d := range []string{"sha256:a", "sha256:a", "sha256:b", "sha256:c"} {
		tr.Observe(d, now)
	}
	if len(tr.History) != 3 || tr.Current() != "sha256:c" || tr.Previous() != "sha256:b" {
		t.Fatalf("history %+v current %q previous %q", tr.History, tr.Current(), tr.Previous())
	}
	tr.Pinned = tr.Previous()
	if tr.Current() != "sha256:b" || tr.Previous() != "sha256:a" || tr.Stale(0, now.Add(48*time.Hour)) {
		t.Errorf("pinned to b: current %q previous %q stale %v", tr.Current(), tr.Previous(), tr.Stale(0, now))
	}
	tr.Pinned = ""
	if tr.Stale(time.Hour, now.Add(time.Minute)) || !tr.Stale(time.Hour, now.Add(time.Hour)) {
		t.Error("stale: want after the TTL only")
	}
	st := UpgradeState{Commands: map[string]*Tracked{"jq": tr}}
	if st.Pinned(tr.Image) {
		t.Error("unpinned command reported pinned")
	}
	tr.Pinned = "sha256:b"
	var pins interface{ Pinned(string) bool } = st
	for _, ref := range []string{tr.Image, "sha256:b", "127.0.0.1:5000/jq@sha256:b"} {
		if !pins.Pinned(ref) {
			t.Errorf("Pinned(%q) = false", ref)
		}
	}
	if pins.Pinned("127.0.0.1:5000/other:1") {
		t.Error("another image reported pinned")
	}
	if got := DigestRef(tr.Image, "sha256:b"); got != "127.0.0.1:5000/jq@sha256:b" {
		t.Errorf("DigestRef = %q", got)
	}
}

// Concurrent updates under the lock lose none.
func TestUpgradesConcurrentUpdates(t *testing.T) {
	u := &Upgrades{Path: filepath.Join(t.TempDir(), "s", "upgrades.json")}
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := u.Update(func(s *UpgradeState) error {
				s.Commands[string(rune('a'+i))] = &Tracked{Image: "x"}
				return nil
			})
			if err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	st, err := u.Load()
	if err != nil || len(st.Commands) != 20 {
		t.Fatalf("%d commands (%v), want 20", len(st.Commands), err)
	}
}

func TestUpgradeTTL(t *testing.T) {
	env := map[string]string{}
	getenv := func(k string) string { return env[k] }
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(cfg, []byte("[cache]\nupgrade_ttl = \"2h\"\nmax_bytes = 10\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if got := configTTL(cfg); got != "2h" {
		t.Errorf("configTTL = %q, want 2h", got)
	}
	env[UpgradeTTLEnv] = "90m"
	if d, ok := UpgradeTTL(getenv); d != 90*time.Minute || !ok {
		t.Errorf("env 90m: %v %v", d, ok)
	}
	env[UpgradeTTLEnv] = "off"
	if _, ok := UpgradeTTL(getenv); ok {
		t.Error("off: want ok false")
	}
	env[UpgradeTTLEnv] = "junk"
	if d, _ := UpgradeTTL(getenv); d != DefaultUpgradeTTL {
		t.Errorf("junk: %v, want the default", d)
	}
}

// Only what sshell itself pulled is purge's: digests seen on warm runs
// (the user's own image, maybe) are not.
func TestPulledRefs(t *testing.T) {
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	seen := &Tracked{Image: "127.0.0.1:5000/seen:1"}
	seen.Observe("sha256:a", now) // a run found it
	upgraded := &Tracked{Image: "127.0.0.1:5000/up:1"}
	upgraded.Observe("sha256:b", now)
	upgraded.Observe("sha256:c", now)
	upgraded.MarkPulled("sha256:c", true) // an upgrade check pulled the tag
	pinned := &Tracked{Image: "127.0.0.1:5000/pin:1", Pinned: "sha256:d"}
	pinned.Observe("sha256:d", now)
	pinned.MarkPulled("sha256:d", false) // a prefetch pulled REPO@DIGEST
	st := UpgradeState{Commands: map[string]*Tracked{"seen": seen, "up": upgraded, "pin": pinned}}
	got := st.PulledRefs()
	slices.Sort(got)
	want := []string{"127.0.0.1:5000/pin@sha256:d", "127.0.0.1:5000/up:1", "127.0.0.1:5000/up@sha256:c"}
	if !slices.Equal(got, want) {
		t.Errorf("PulledRefs = %q, want %q", got, want)
	}
}

// An upgrade leaves the previous digest behind: it is sshell's to remove
// when sshell pulled it, unless it is the latest or pinned.
func TestSupersededImages(t *testing.T) {
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	up := &Tracked{Image: "127.0.0.1:5000/up:1"}
	for _, d := range []string{"sha256:a", "sha256:b", "sha256:c", "sha256:d"} {
		up.Observe(d, now)
	}
	up.MarkPulled("sha256:c", true) // an upgrade check
	up.MarkPulled("sha256:d", true)
	up.Pinned = "sha256:c" // rolled back: kept
	recs := []Record{
		{V: 1, Command: "up", Image: up.Image, Digest: "sha256:a", Cold: true}, // a run pulled a
		{V: 1, Command: "up", Image: up.Image, Digest: "sha256:b"},             // b was found: maybe the user's
	}
	got := SupersededImages(UpgradeState{Commands: map[string]*Tracked{"up": up}}, recs)
	if len(got) != 1 || got[0].Ref != "127.0.0.1:5000/up@sha256:a" || got[0].Command != "up" || got[0].Latest != "sha256:d" {
		t.Errorf("superseded %+v, want only a", got)
	}
}
