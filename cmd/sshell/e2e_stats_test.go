//go:build linux

package main

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sshell/sshell/cache"
	"github.com/sshell/sshell/internal/testimage"
)

// Two runs of a fresh image are recorded, the first cold and the second
// warm, and `sshell stats` reports them with the image's digest and size.
func TestStatsAfterTwoRuns(t *testing.T) {
	ref := e2eImage(t, "sshell-e2e/statstool")
	bin, state := sshellBin(t), t.TempDir()
	sshell := func(args ...string) string {
		cmd := sshellCmd(t, bin, args...)
		cmd.Env = append(cmd.Env, "XDG_STATE_HOME="+state, "SSHELL_DEBUG=1")
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("sshell %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	for range 2 {
		sshell("run", "--image", ref, "--", "echo-split", "out", "err")
	}
	var st cache.Stats
	if err := json.Unmarshal([]byte(sshell("stats", "--json")), &st); err != nil {
		t.Fatal(err)
	}
	if len(st.Commands) != 1 {
		t.Fatalf("stats = %+v, want one command", st.Commands)
	}
	c := st.Commands[0]
	if c.Command != "statstool" || c.Image != ref || c.Calls != 2 || c.Cold != 1 || c.Warm != 1 || c.Failed != 0 {
		t.Errorf("stats: command %q image %q calls %d cold %d warm %d failed %d; want statstool %s 2 1 1 0",
			c.Command, c.Image, c.Calls, c.Cold, c.Warm, c.Failed, ref)
	}
	if !strings.HasPrefix(c.Digest, "sha256:") || c.ImageBytes == nil || *c.ImageBytes <= 0 || c.Cost == nil {
		t.Errorf("stats: digest %q size %v cost %v; want both from the daemon", c.Digest, c.ImageBytes, c.Cost)
	}
	if c.MTBC == nil || c.MTBC.N != 1 || c.MTTSCold == nil || c.MTTSWarm == nil || c.MTTE == nil {
		t.Errorf("stats: MTBC %+v MTTS cold %v warm %v MTTE %v; want all", c.MTBC, c.MTTSCold, c.MTTSWarm, c.MTTE)
	}
	text := sshell("stats", "statstool")
	if !strings.Contains(text, "\nstatstool ") {
		t.Errorf("sshell stats statstool:\n%s", text)
	}
	t.Logf("sshell stats statstool:\n%s", text)
	checkDigests(t, filepath.Join(state, "sshell", "calls.jsonl"))
}

// checkDigests wants the cold call's digest, from the pull, to be the warm
// one's, from the inspection.
func checkDigests(t *testing.T, path string) {
	t.Helper()
	recs, err := (&cache.Log{Path: path}).Read()
	if err != nil || len(recs) != 2 {
		t.Fatalf("the log holds %d records (%v), want 2", len(recs), err)
	}
	if recs[0].Digest == "" || recs[0].Digest != recs[1].Digest || !recs[0].Cold || recs[1].Cold {
		t.Errorf("records: cold %v digest %q, then cold %v digest %q; want one digest",
			recs[0].Cold, recs[0].Digest, recs[1].Cold, recs[1].Digest)
	}
}

// Stats record the runtime of each call: a command run on Docker, then on
// native, shows both (the latest first) and the size of its image in the
// native store, where its latest call ran.
func TestStatsRuntimes(t *testing.T) {
	testimage.RequireDocker(t)
	reg := testimage.StartRegistry(t)
	ref := testimage.Push(t, reg, "sshell-e2e/statsruntimes")
	e := newNativeEnv(t, "srt", ref)
	t.Cleanup(func() { _ = exec.Command("docker", "rmi", "-f", ref).Run() })
	e.ok("run", "--runtime", "docker", "srt", "echo-split", "a", "b")
	e.ok("run", "srt", "echo-split", "a", "b") // native: SSHELL_RUNTIME
	out, _ := e.ok("stats", "--json")
	var st cache.Stats
	if err := json.Unmarshal([]byte(out), &st); err != nil || len(st.Commands) != 1 {
		t.Fatalf("stats --json: %v\n%s", err, out)
	}
	c := st.Commands[0]
	want := e.storeEntries()[canonicalRef(t, ref)].Size
	if c.Runtime != runtimeNative || c.Runtimes[runtimeNative] != 1 || c.Runtimes[runtimeDocker] != 1 || c.Cold != 2 {
		t.Errorf("stats: runtime %q runtimes %v cold %d; want native, one call on each, both cold", c.Runtime, c.Runtimes, c.Cold)
	}
	if c.ImageBytes == nil || *c.ImageBytes != want || want <= 0 {
		t.Errorf("stats: image size %v, want the native store's %d", c.ImageBytes, want)
	}
	text, _ := e.ok("stats")
	t.Logf("sshell stats:\n%s", text)
	if !strings.Contains(text, "RUNTIME") || !strings.Contains(text, "\nsrt      native+docker ") {
		t.Errorf("sshell stats does not show the runtimes:\n%s", text)
	}
}
