package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/adrg/xdg"

	"github.com/sshell/sshell/internal/testgit"
	"github.com/sshell/sshell/resolve"
	"github.com/sshell/sshell/resolve/repo"
)

// teamHome points the user's manifests and the team repos at temp dirs,
// and the system layer at an empty one; it returns the user's manifest dir.
func teamHome(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	t.Cleanup(xdg.Reload)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(root, "config"))
	t.Setenv("XDG_DATA_HOME", filepath.Join(root, "data"))
	t.Setenv("XDG_CACHE_HOME", filepath.Join(root, "cache")) // the manifests' name index
	t.Setenv("SSHELL_REPO_TTL", "off")
	t.Setenv(resolve.CatalogEnv, "off") // the fixtures' names (jq, yq) are the catalog's too
	xdg.Reload()
	old := resolve.SystemDir
	resolve.SystemDir = filepath.Join(root, "etc")
	t.Cleanup(func() { resolve.SystemDir = old })
	return resolve.UserDir()
}

// writeManifests writes files (path: TOML) under dir.
func writeManifests(t *testing.T, dir string, files map[string]string) {
	testgit.WriteFiles(t, dir, files)
}

func toolTOML(name, image string) string { return "[tools." + name + "]\nimage = \"" + image + "\"\n" }

// want checks a call's exit code and that stdout holds each line.
func want(t *testing.T, args []string, code int, lines ...string) (stdout, stderr string) {
	t.Helper()
	got, out, errs := call(t, args...)
	if got != code {
		t.Fatalf("sshell %q exited %d, want %d\nstdout: %s\nstderr: %s", args, got, code, out, errs)
	}
	for _, l := range lines {
		if !strings.Contains(out, l) {
			t.Errorf("sshell %q: stdout lacks %q:\n%s", args, l, out)
		}
	}
	return out, errs
}

func TestRepoAddUpdateWhich(t *testing.T) {
	teamHome(t)
	o := testgit.New(t)
	first := o.Commit(map[string]string{"manifests/team.toml": toolTOML("yq", "team/yq:1")})
	want(t, []string{"repo", "add", "team", o.URL()}, 0, "added team at commit "+repo.Short(first)+" (manifests in manifests/)")
	want(t, []string{"which", "yq"}, 0, "yq: team/yq:1\n", "team.toml:1 (repo team at "+repo.Short(first)+")")
	second := o.Commit(map[string]string{"manifests/team.toml": toolTOML("yq", "team/yq:2")})
	want(t, []string{"repo", "update"}, 0, "team: "+repo.Short(first)+" -> "+repo.Short(second))
	want(t, []string{"which", "yq"}, 0, "yq: team/yq:2\n", "(repo team at "+repo.Short(second)+")")
	want(t, []string{"repo", "update", "team"}, 0, "team: at "+repo.Short(second)+", up to date")
	want(t, []string{"repo", "list"}, 0, "team  (default)  "+repo.Short(second))
	want(t, []string{"repo", "remove", "team"}, 0, "removed team\n")
	want(t, []string{"which", "yq"}, 127)
	if _, err := os.Stat(repo.Default().Dir("team")); !os.IsNotExist(err) {
		t.Errorf("the clone is still there after remove: %v", err)
	}
}

func TestRepoPinAndRef(t *testing.T) {
	teamHome(t)
	o := testgit.New(t)
	pinned := o.Commit(map[string]string{"jq.toml": toolTOML("jq", "team/jq:1")})
	o.Git("tag", "v1")
	want(t, []string{"repo", "add", "pinned", o.URL(), "--pin", pinned[:10]}, 0, "at commit "+repo.Short(pinned)+" (manifests at the root)")
	want(t, []string{"repo", "add", "--ref", "v1", "tagged", o.URL()}, 0, "at commit "+repo.Short(pinned))
	o.Commit(map[string]string{"jq.toml": toolTOML("jq", "team/jq:2")})
	want(t, []string{"repo", "update"}, 0, "pinned: at "+repo.Short(pinned)+", up to date", "tagged: at "+repo.Short(pinned)+", up to date")
	want(t, []string{"repo", "list"}, 0, "pinned  pinned", "tagged  v1")
	want(t, []string{"which", "jq"}, 0, "jq: team/jq:1\n")
	want(t, []string{"repo", "add", "x", o.URL(), "--pin", pinned, "--ref", "main"}, 2)
	want(t, []string{"repo", "add", "x"}, 2)
	want(t, []string{"repo", "frobnicate"}, 2)
}

func TestRepoBadRef(t *testing.T) {
	teamHome(t)
	o := testgit.New(t)
	o.Commit(map[string]string{"jq.toml": toolTOML("jq", "team/jq:1")})
	_, errs := want(t, []string{"repo", "add", "team", o.URL(), "--ref", "nosuch"}, 125)
	if strings.Count(errs, "\n") != 1 || !strings.Contains(errs, `"nosuch"`) || !strings.Contains(errs, "git ls-remote "+o.URL()) {
		t.Errorf("stderr = %q; want one line naming the ref and what to do", errs)
	}
	want(t, []string{"repo", "list"}, 0, "no team repos")
	_, errs = want(t, []string{"repo", "update", "nosuch"}, 125)
	if !strings.Contains(errs, "no such team repo") {
		t.Errorf("update of an unknown repo: stderr %q", errs)
	}
}

func TestRepoDisappearedKeepsLastGoodAndWarnsOnce(t *testing.T) {
	teamHome(t)
	o := testgit.New(t)
	good := o.Commit(map[string]string{"jq.toml": toolTOML("jq", "team/jq:1")})
	want(t, []string{"repo", "add", "team", o.URL()}, 0)
	if err := os.RemoveAll(o.Dir); err != nil {
		t.Fatal(err)
	}
	_, errs := want(t, []string{"repo", "update"}, 125)
	if strings.Count(errs, "\n") != 1 || !strings.Contains(errs, "keeping commit "+repo.Short(good)) || !strings.Contains(errs, "does not appear to be a git repository") {
		t.Errorf("stderr = %q; want one line keeping %s", errs, repo.Short(good))
	}
	want(t, []string{"which", "jq"}, 0, "jq: team/jq:1\n", "(repo team at "+repo.Short(good)+")")
	want(t, []string{"repo", "list"}, 0, "team: last update failed: ")
	var first, second bytes.Buffer
	if set, _ := loadManifests(&first); !has(set, "jq") {
		t.Error("the last good state lost jq")
	}
	loadManifests(&second)
	if !strings.Contains(first.String(), "sshell: warning: team repo team could not be updated") || strings.Count(first.String(), "\n") != 1 {
		t.Errorf("first run's warning = %q; want one line", first.String())
	}
	if second.Len() != 0 {
		t.Errorf("second run warned again: %q", second.String())
	}
}

func has(set *resolve.Set, name string) bool { _, ok := set.Lookup(name); return ok }

func TestLayeringAndConflicts(t *testing.T) {
	user := teamHome(t)
	a, b := testgit.New(t), testgit.New(t)
	ca := a.Commit(map[string]string{"manifests/a.toml": toolTOML("jq", "a/jq") + toolTOML("yq", "a/yq")})
	cb := b.Commit(map[string]string{"b.toml": toolTOML("yq", "b/yq") + toolTOML("only", "b/only")})
	writeManifests(t, resolve.SystemDir, map[string]string{"sys.toml": toolTOML("jq", "sys/jq")})
	writeManifests(t, user, map[string]string{"me.toml": toolTOML("jq", "me/jq")})
	want(t, []string{"repo", "add", "a", a.URL()}, 0)
	want(t, []string{"repo", "add", "b", b.URL()}, 0)
	out, _ := want(t, []string{"manifests", "list", "--conflicts"}, 0)
	rows := fields(out)
	wantRows := [][]string{
		{"COMMAND", "IMAGE", "LAYER", "SOURCE"},
		{"jq", "me/jq", "user", filepath.Join(user, "me.toml") + ":1"},
		{"jq", "(shadowed)", "repo", "a", "at", repo.Short(ca), filepath.Join(repo.Default().Dir("a"), "manifests", "a.toml") + ":1"},
		{"jq", "(shadowed)", "system", filepath.Join(resolve.SystemDir, "sys.toml") + ":1"},
		{"yq", "b/yq", "repo", "b", "at", repo.Short(cb), filepath.Join(repo.Default().Dir("b"), "b.toml") + ":1"},
		{"yq", "(shadowed)", "repo", "a", "at", repo.Short(ca), filepath.Join(repo.Default().Dir("a"), "manifests", "a.toml") + ":3"},
	}
	if !equalRows(rows, wantRows) {
		t.Errorf("manifests list --conflicts:\n%s\nwant rows %q", out, wantRows)
	}
	out, _ = want(t, []string{"manifests", "list"}, 0, "only ", "b/only")
	if strings.Contains(out, "(shadowed)") || len(fields(out)) != 4 {
		t.Errorf("manifests list:\n%s\nwant one row per command", out)
	}
	want(t, []string{"which", "jq"}, 0, "jq: me/jq\n  defined at "+filepath.Join(user, "me.toml")+":1 (user)\n  shadows    "+
		filepath.Join(repo.Default().Dir("a"), "manifests", "a.toml")+":1 (repo a at "+repo.Short(ca)+")\n  shadows    "+
		filepath.Join(resolve.SystemDir, "sys.toml")+":1 (system)\n")
}

func fields(out string) [][]string {
	var rows [][]string
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		rows = append(rows, strings.Fields(l))
	}
	return rows
}

func equalRows(a, b [][]string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if strings.Join(a[i], " ") != strings.Join(b[i], " ") {
			return false
		}
	}
	return true
}
