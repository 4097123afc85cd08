package main

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestManifestsLint(t *testing.T) {
	user := teamHome(t)
	want(t, []string{"manifests", "lint"}, 0)
	writeManifests(t, user, map[string]string{"ok.toml": toolTOML("jq", "me/jq")})
	want(t, []string{"manifests", "lint"}, 0)
	want(t, []string{"manifests", "lint", user, filepath.Join(user, "ok.toml")}, 0)
	bad := t.TempDir()
	writeManifests(t, bad, map[string]string{
		"a.toml": "[tools.x]\nimage = 1\n",
		"b.toml": toolTOML("y", "y") + "[tools.z]\nimgae = \"z\"\n",
		"c.toml": toolTOML("y", "y2"),
	})
	out, errs := want(t, []string{"manifests", "lint", bad}, 1,
		"manifest "+filepath.Join(bad, "a.toml")+":2: tools.x.image: must be a string, not integer\n",
		"manifest "+filepath.Join(bad, "b.toml")+":4: tools.z: unknown key \"imgae\"\n",
		"manifest "+filepath.Join(bad, "c.toml")+":1: tools.y: already defined at "+filepath.Join(bad, "b.toml")+":1\n")
	if strings.Count(out, "\n") != 4 || !strings.Contains(errs, "4 problem") || strings.Count(errs, "\n") != 1 {
		t.Errorf("lint: stdout\n%s\nstderr %q; want 4 problems", out, errs)
	}
	want(t, []string{"manifests", "lint", filepath.Join(bad, "a.toml")}, 1, "a.toml:2: ")
	want(t, []string{"manifests", "lint", filepath.Join(bad, "absent.toml")}, 1, "absent.toml")
	writeManifests(t, user, map[string]string{"bad.toml": "[tools.q\n"})
	want(t, []string{"manifests", "lint"}, 1, filepath.Join(user, "bad.toml")+":1: ")
	_, errs = want(t, []string{"manifests", "list"}, 0, "jq ")
	if !strings.Contains(errs, "sshell: warning: manifest "+filepath.Join(user, "bad.toml")) {
		t.Errorf("manifests list with a broken file: stderr %q; want a warning", errs)
	}
	want(t, []string{"manifests", "lint", "--bogus"}, 2)
	want(t, []string{"manifests"}, 2)
	want(t, []string{"manifests", "list", "extra"}, 2)
}

func TestWhichUnknown(t *testing.T) {
	teamHome(t)
	_, errs := want(t, []string{"which", "nosuch"}, 127)
	if !strings.HasPrefix(errs, "sshell: nosuch: no manifest provides this command") {
		t.Errorf("which nosuch: stderr %q", errs)
	}
	want(t, []string{"which"}, 2)
	want(t, []string{"which", "--help"}, 0, "Usage: sshell which COMMAND")
}
