//go:build linux

package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sshell/sshell/cache"
)

// xdgEnv is sshell with its own XDG directories and one manifest, kept
// across calls (sshellCmd gives every call a fresh HOME).
type xdgEnv struct {
	t                              *testing.T
	bin                            string
	config, state, data, cacheHome string
	env                            []string // added to every call's, after the rest: SSHELL_RUNTIME=native
}

// newXDGEnv writes a manifest providing cmd from image.
func newXDGEnv(t *testing.T, cmd, image string) *xdgEnv {
	t.Helper()
	root := t.TempDir()
	e := &xdgEnv{t: t, bin: sshellBin(t), config: filepath.Join(root, "config"), state: filepath.Join(root, "state"),
		data: filepath.Join(root, "data"), cacheHome: filepath.Join(root, "cache")}
	dir := filepath.Join(e.config, "sshell", "manifests")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	toml := "[tools." + cmd + "]\nimage = \"" + image + "\"\n"
	if err := os.WriteFile(filepath.Join(dir, cmd+".toml"), []byte(toml), 0o644); err != nil {
		t.Fatal(err)
	}
	return e
}

// try runs sshell with args and extra environment; it returns stdout,
// stderr and the exit code.
func (e *xdgEnv) try(extra []string, args ...string) (string, string, int) {
	e.t.Helper()
	cmd := sshellCmd(e.t, e.bin, args...)
	cmd.Env = append(cmd.Env, "XDG_CONFIG_HOME="+e.config, "XDG_STATE_HOME="+e.state,
		"XDG_DATA_HOME="+e.data, "XDG_CACHE_HOME="+e.cacheHome, "SSHELL_DEBUG=1")
	cmd.Env = append(cmd.Env, e.env...)
	cmd.Env = append(cmd.Env, extra...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		e.t.Fatalf("sshell %s: %v", strings.Join(args, " "), err)
	}
	return string(out), stderr.String(), cmd.ProcessState.ExitCode()
}

// ok runs sshell and wants exit 0; it returns stdout and stderr.
func (e *xdgEnv) ok(args ...string) (string, string) {
	e.t.Helper()
	out, errOut, code := e.try(nil, args...)
	if code != 0 {
		e.t.Fatalf("sshell %s: exit %d\n%s%s", strings.Join(args, " "), code, out, errOut)
	}
	return out, errOut
}

// lastDigest is the digest of the last call recorded.
func (e *xdgEnv) lastDigest() string {
	e.t.Helper()
	recs, err := (&cache.Log{Path: filepath.Join(e.state, "sshell", "calls.jsonl")}).Read()
	if err != nil || len(recs) == 0 {
		e.t.Fatalf("call log: %d records (%v)", len(recs), err)
	}
	return recs[len(recs)-1].Digest
}

// upgrades is sshell's upgrade state in this environment.
func (e *xdgEnv) upgrades() *cache.Upgrades {
	return &cache.Upgrades{Path: filepath.Join(e.state, "sshell", "upgrades.json")}
}

// latest is the latest digest the upgrade state holds for cmd.
func (e *xdgEnv) latest(cmd string) string {
	e.t.Helper()
	st, err := e.upgrades().Load()
	if err != nil {
		e.t.Fatal(err)
	}
	if tr, ok := st.Commands[cmd]; ok {
		return tr.Latest()
	}
	return ""
}
