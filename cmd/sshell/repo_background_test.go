//go:build linux

package main

import (
	"bytes"
	"os"
	"testing"

	"github.com/sshell/sshell/internal/testgit"
	"github.com/sshell/sshell/resolve/repo"
)

// TestBackgroundUpdate runs the sshell binary: a hook lookup that finds a
// team repo stale answers as before, at once, and leaves a detached
// `sshell repo update --background` to bring the repo up to date.
func TestBackgroundUpdate(t *testing.T) {
	teamHome(t)
	o := testgit.New(t)
	o.Commit(map[string]string{"jq.toml": toolTOML("jq", "team/jq:1")})
	want(t, []string{"repo", "add", "team", o.URL()}, 0)
	next := o.Commit(map[string]string{"jq.toml": toolTOML("jq", "team/jq:2") + toolTOML("yq", "team/yq")})
	store := repo.Default()

	cmd := sshellCmd(t, sshellBin(t), "hook", "--known", "yq")
	cmd.Env = append(cmd.Env, "XDG_CONFIG_HOME="+os.Getenv("XDG_CONFIG_HOME"), "XDG_DATA_HOME="+os.Getenv("XDG_DATA_HOME"), "SSHELL_REPO_TTL=1ns")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); cmd.ProcessState.ExitCode() != 1 || out.Len() != 0 {
		t.Fatalf("hook --known yq before the update: %v, output %q; want exit 1, silent", err, out.String())
	}
	eventually(t, "the background update", func() bool {
		st, err := store.State()
		return err == nil && st.Repos[0].Commit == next
	})
	eventually(t, "the background update to exit", func() bool { return !store.Busy() })
	want(t, []string{"which", "yq"}, 0, "yq: team/yq\n")
}
