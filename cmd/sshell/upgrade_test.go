package main

import (
	"strings"
	"testing"
	"time"

	"github.com/sshell/sshell/cache"
)

func TestShortDigestAndNotice(t *testing.T) {
	d := "sha256:" + strings.Repeat("ab", 32)
	if got := shortDigest(d); got != "sha256:abababababab…" {
		t.Errorf("shortDigest = %q", got)
	}
	want := "sshell: notice: registry ghcr.io unreachable; using the cached image (digest " + d + ")"
	if got := offlineNotice("ghcr.io/jqlang/jq:1.7", d); got != want {
		t.Errorf("notice = %q, want %q", got, want)
	}
}

// observe follows the tag's digest, leaves a pinned command alone, and
// starts over when the manifest names another image.
func TestObserve(t *testing.T) {
	now := time.Now()
	st := &cache.UpgradeState{Commands: map[string]*cache.Tracked{}}
	observe(st, "jq", "r/jq:1", "sha256:a", now)
	observe(st, "jq", "r/jq:1", "sha256:b", now)
	if tr := st.Commands["jq"]; len(tr.History) != 2 || tr.Checked != now {
		t.Fatalf("after two digests: %+v", tr)
	}
	st.Commands["jq"].Pinned = "sha256:a"
	observe(st, "jq", "r/jq:1", "sha256:c", now)
	if tr := st.Commands["jq"]; len(tr.History) != 2 {
		t.Errorf("pinned command recorded a digest: %+v", tr)
	}
	observe(st, "jq", "r/jq:2", "sha256:d", now)
	if tr := st.Commands["jq"]; tr.Image != "r/jq:2" || tr.Pinned != "" || len(tr.History) != 1 {
		t.Errorf("new image: %+v, want a fresh history without the pin", tr)
	}
}

func TestPinUsage(t *testing.T) {
	for _, args := range [][]string{{"pin"}, {"pin", "jq", "sha256:a", "x"}, {"unpin"}, {"rollback", "a", "b"}, {"purge", "x"}} {
		if code := execute(t.Context(), &streams{strings.NewReader(""), &strings.Builder{}, &strings.Builder{}}, args); code != exitUsage {
			t.Errorf("sshell %v: exit %d, want %d", args, code, exitUsage)
		}
	}
}
