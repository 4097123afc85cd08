package repo

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sshell/sshell/internal/testgit"
)

func read(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestAddUpdate(t *testing.T) {
	o, s, ctx := testgit.New(t), Store{t.TempDir()}, context.Background()
	first := o.Commit(map[string]string{"manifests/jq.toml": "v1"})
	r, err := s.Add(ctx, Repo{Name: "team", URL: o.URL()})
	if err != nil || r.Commit != first || r.ManifestDir != "manifests" {
		t.Fatalf("Add = %+v, %v; want commit %s in manifests/", r, err, first)
	}
	second := o.Commit(map[string]string{"manifests/jq.toml": "v2"})
	st, err := s.Update(ctx)
	if err != nil || st.Repos[0].Commit != second {
		t.Fatalf("Update = %+v, %v; want commit %s", st, err, second)
	}
	if got := read(t, filepath.Join(s.ManifestDir(st.Repos[0]), "jq.toml")); got != "v2" {
		t.Errorf("after update the manifest reads %q, want v2", got)
	}
	if saved, _ := s.State(); saved.Repos[0].Commit != second {
		t.Errorf("state file records %s, want %s", saved.Repos[0].Commit, second)
	}
}

func TestAddAtRootAndRef(t *testing.T) {
	o, s, ctx := testgit.New(t), Store{t.TempDir()}, context.Background()
	o.Commit(map[string]string{"jq.toml": "main"})
	o.Git("checkout", "--quiet", "-b", "stable")
	stable := o.Commit(map[string]string{"jq.toml": "stable"})
	o.Git("tag", "v1")
	o.Git("checkout", "--quiet", "main")
	for _, ref := range []string{"stable", "v1", stable[:10]} {
		name := "r" + strings.ReplaceAll(ref, ".", "")
		r, err := s.Add(ctx, Repo{Name: name, URL: o.URL(), Ref: ref})
		if err != nil || r.Commit != stable || r.ManifestDir != "" {
			t.Errorf("Add --ref %s = %+v, %v; want commit %s at the root", ref, r, err, stable)
		}
	}
}

func TestPinStays(t *testing.T) {
	o, s, ctx := testgit.New(t), Store{t.TempDir()}, context.Background()
	pinned := o.Commit(map[string]string{"jq.toml": "v1"})
	if _, err := s.Add(ctx, Repo{Name: "team", URL: o.URL(), Pin: pinned[:8]}); err != nil {
		t.Fatal(err)
	}
	o.Commit(map[string]string{"jq.toml": "v2"})
	st, err := s.Update(ctx)
	if err != nil || st.Repos[0].Commit != pinned || st.Repos[0].Pin != pinned {
		t.Fatalf("Update = %+v, %v; want it pinned at %s", st.Repos, err, pinned)
	}
	if st.Repos[0].Stale(time.Nanosecond, time.Now().Add(time.Hour)) {
		t.Error("a pinned repo is stale; want never")
	}
}

func TestBadRef(t *testing.T) {
	o, s, ctx := testgit.New(t), Store{t.TempDir()}, context.Background()
	o.Commit(map[string]string{"jq.toml": "v1"})
	_, err := s.Add(ctx, Repo{Name: "team", URL: o.URL(), Ref: "nosuch"})
	if !errors.Is(err, ErrBadRef) || strings.Contains(err.Error(), "\n") {
		t.Fatalf("Add --ref nosuch = %v; want one line wrapping ErrBadRef", err)
	}
	if st, _ := s.State(); len(st.Repos) != 0 {
		t.Errorf("state after a failed add: %+v; want no repos", st)
	}
	for _, dir := range []string{s.Dir("team"), s.hidden("team")} {
		if _, err := os.Lstat(dir); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s left behind after a failed add: %v", dir, err)
		}
	}
}

func TestDisappearedKeepsLastGoodAndWarnsOnce(t *testing.T) {
	o, s, ctx := testgit.New(t), Store{t.TempDir()}, context.Background()
	good := o.Commit(map[string]string{"jq.toml": "v1"})
	if _, err := s.Add(ctx, Repo{Name: "team", URL: o.URL()}); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(o.Dir); err != nil {
		t.Fatal(err)
	}
	st, err := s.Update(ctx, "team")
	if err == nil || !strings.Contains(err.Error(), "keeping commit "+Short(good)) {
		t.Fatalf("Update of a vanished repo = %v; want an error keeping %s", err, Short(good))
	}
	if r := st.Repos[0]; r.Commit != good || r.Error == "" || r.Warned {
		t.Fatalf("after the failure: %+v; want commit %s, an error, not warned yet", r, good)
	}
	if got := read(t, filepath.Join(s.Dir("team"), "jq.toml")); got != "v1" {
		t.Errorf("manifest after the failure reads %q, want v1", got)
	}
	if w := s.TakeWarnings(); len(w) != 1 || w[0].Name != "team" {
		t.Fatalf("first TakeWarnings = %+v; want team", w)
	}
	if w := s.TakeWarnings(); len(w) != 0 {
		t.Errorf("second TakeWarnings = %+v; want none (warn once)", w)
	}
	if _, err := s.Update(ctx, "team"); err == nil {
		t.Fatal("second update worked")
	}
	if w := s.TakeWarnings(); len(w) != 0 {
		t.Errorf("TakeWarnings after the same failure again = %+v; want none", w)
	}
}

func TestUpdateStaleAndLock(t *testing.T) {
	o, s, ctx := testgit.New(t), Store{t.TempDir()}, context.Background()
	o.Commit(map[string]string{"jq.toml": "v1"})
	if _, err := s.Add(ctx, Repo{Name: "team", URL: o.URL()}); err != nil {
		t.Fatal(err)
	}
	next := o.Commit(map[string]string{"jq.toml": "v2"})
	unlock, ok, err := s.lock(false)
	if !ok || err != nil {
		t.Fatal("lock:", ok, err)
	}
	if err := s.UpdateStale(ctx, time.Nanosecond, time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if st, _ := s.State(); st.Repos[0].Commit == next {
		t.Error("UpdateStale updated while another process held the lock")
	}
	unlock()
	if err := s.UpdateStale(ctx, time.Hour, time.Now()); err != nil {
		t.Fatal(err)
	}
	if st, _ := s.State(); st.Repos[0].Commit == next {
		t.Error("UpdateStale updated a repo that is not stale")
	}
	if err := s.UpdateStale(ctx, time.Nanosecond, time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if st, _ := s.State(); st.Repos[0].Commit != next {
		t.Errorf("UpdateStale left %s, want %s", st.Repos[0].Commit, next)
	}
}

func TestRemoveAndNames(t *testing.T) {
	o, s, ctx := testgit.New(t), Store{t.TempDir()}, context.Background()
	o.Commit(map[string]string{"jq.toml": "v1"})
	for _, bad := range []string{"", "../x", ".hidden", "a/b", "-x"} {
		if _, err := s.Add(ctx, Repo{Name: bad, URL: o.URL()}); err == nil {
			t.Errorf("Add(name %q) worked; want an error", bad)
		}
	}
	if _, err := s.Add(ctx, Repo{Name: "team", URL: o.URL()}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Add(ctx, Repo{Name: "team", URL: o.URL()}); err == nil {
		t.Error("adding a name twice worked")
	}
	if err := s.Remove("team"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(s.Dir("team")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("clone still there after Remove: %v", err)
	}
	if err := s.Remove("team"); !errors.Is(err, ErrUnknown) {
		t.Errorf("Remove of an unknown repo = %v; want ErrUnknown", err)
	}
}

func TestTTL(t *testing.T) {
	for v, want := range map[string]time.Duration{"": DefaultTTL, "junk": DefaultTTL, "30m": 30 * time.Minute, "0": 0, "off": 0, "90": 90 * time.Second} {
		if got := TTL(func(string) string { return v }); got != want {
			t.Errorf("TTL(%q) = %v, want %v", v, got, want)
		}
	}
}

func TestGitMessage(t *testing.T) {
	text := "fatal: '/x' does not appear to be a git repository\nfatal: Could not read from remote repository.\n\nPlease make sure you have the correct access rights\nand the repository exists.\n"
	if got, want := lastLine(text, errors.New("exit 128")), "'/x' does not appear to be a git repository"; got != want {
		t.Errorf("lastLine = %q, want %q", got, want)
	}
	if got := lastLine("", errors.New("exit 128")); got != "exit 128" {
		t.Errorf("lastLine of nothing = %q", got)
	}
}

func TestUpdateReclonesADeletedClone(t *testing.T) {
	o, s, ctx := testgit.New(t), Store{t.TempDir()}, context.Background()
	o.Commit(map[string]string{"jq.toml": "v1"})
	if _, err := s.Add(ctx, Repo{Name: "team", URL: o.URL()}); err != nil {
		t.Fatal(err)
	}
	next := o.Commit(map[string]string{"jq.toml": "v2"})
	if err := os.RemoveAll(s.Dir("team")); err != nil {
		t.Fatal(err)
	}
	st, err := s.Update(ctx)
	if err != nil || st.Repos[0].Commit != next || read(t, filepath.Join(s.Dir("team"), "jq.toml")) != "v2" {
		t.Fatalf("Update after the clone was deleted = %+v, %v; want a fresh clone at %s", st.Repos, err, next)
	}
}

func TestUpdateSwapsCopies(t *testing.T) {
	o, s, ctx := testgit.New(t), Store{t.TempDir()}, context.Background()
	c1 := o.Commit(map[string]string{"jq.toml": "v1"})
	if _, err := s.Add(ctx, Repo{Name: "team", URL: o.URL()}); err != nil {
		t.Fatal(err)
	}
	c2 := o.Commit(map[string]string{"jq.toml": "v2"})
	if _, err := s.Update(ctx); err != nil {
		t.Fatal(err)
	}
	c3 := o.Commit(map[string]string{"jq.toml": "v3"})
	if _, err := s.Update(ctx); err != nil {
		t.Fatal(err)
	}
	if link, err := os.Readlink(s.Dir("team")); err != nil || filepath.Base(link) != c3 {
		t.Errorf("repos/team links to %q, %v; want the copy of %s", link, err, c3)
	}
	entries, _ := os.ReadDir(s.hidden("team"))
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if strings.Join(names, " ") != strings.Join(sorted(c2, c3, "git"), " ") {
		t.Errorf("repos/.team holds %q; want the clone and the copies of %s (previous) and %s (current), not %s", names, c2, c3, c1)
	}
	if got := read(t, filepath.Join(s.hidden("team"), c2, "jq.toml")); got != "v2" {
		t.Errorf("the previous copy reads %q, want v2", got)
	}
}

func sorted(s ...string) []string { slices.Sort(s); return s }
