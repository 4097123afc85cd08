package bench

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/adrg/xdg"
	"github.com/sshell/sshell/resolve"
)

// BenchmarkManyRepos times `sshell hook --known` with 1,000 tools across 10
// team repos (100 each, pinned, so no background update starts), for a
// mistyped name and a known one, alternating rounds, with the name index
// warm. Resolving itself is also timed in-process (resolve.Find), and a
// full load (resolve.LoadAll) for scale, since the process start alone is
// ~3 ms. Targets: resolving a median of 2 ms or less; the hook's unknown
// path 5 ms or less.
func BenchmarkManyRepos(b *testing.B) {
	sshell := buildSshell(b)
	root := b.TempDir()
	env := manyRepos(b, root, 10, 100)
	var unknown, known, findUnknown, findKnown, full samples
	hookKnown(b, env, sshell, "t0_0", 0) // builds the index
	b.ResetTimer()
	for range b.N {
		unknown = append(unknown, hookKnown(b, env, sshell, "sshell_bench_no_such_cmd", 1))
		known = append(known, hookKnown(b, env, sshell, "t7_42", 0))
		findUnknown = append(findUnknown, find(b, "sshell_bench_no_such_cmd", false))
		findKnown = append(findKnown, find(b, "t7_42", true))
		full = append(full, loadAll(b))
	}
	b.StopTimer()
	report(b, "hook-unknown-ms", unknown.median())
	report(b, "hook-known-ms", known.median())
	report(b, "resolve-unknown-ms", findUnknown.median())
	report(b, "resolve-known-ms", findKnown.median())
	report(b, "full-load-ms", full.median())
	b.Logf("1,000 tools in 10 repos, %d rounds: hook --known unknown %.2f ms, known %.2f ms; resolving in-process unknown %.2f ms, known %.2f ms (a full load %.2f ms): %s",
		len(unknown), ms(unknown.median()), ms(known.median()), ms(findUnknown.median()), ms(findKnown.median()), ms(full.median()),
		verdict(unknown.median() <= 5*time.Millisecond && findUnknown.median() <= 2*time.Millisecond && findKnown.median() <= 2*time.Millisecond))
}

// manyRepos writes a team-repo state of repos pinned repos with tools
// tools each under root, and returns the environment that uses it (also set
// in this process, for the in-process timings).
func manyRepos(b *testing.B, root string, repos, tools int) []string {
	var state struct {
		Repos []map[string]any `json:"repos"`
	}
	old := time.Now().Add(-time.Hour)
	for r := range repos {
		name := fmt.Sprintf("team%d", r)
		dir := filepath.Join(root, "data", "sshell", "repos", name, "manifests")
		must(b, "mkdir", os.MkdirAll(dir, 0o755))
		file := filepath.Join(dir, "tools.toml")
		must(b, "writing manifest", os.WriteFile(file, []byte(manifest(r, tools)), 0o644))
		must(b, "aging manifest", os.Chtimes(file, old, old)) // the index leaves out files changed just now
		state.Repos = append(state.Repos, map[string]any{"name": name, "url": "file:///nonexistent/" + name,
			"commit": strings.Repeat("1", 40), "pin": strings.Repeat("1", 40), "manifest_dir": "manifests"})
	}
	data, err := json.Marshal(state)
	must(b, "state", err)
	must(b, "writing state", os.WriteFile(filepath.Join(root, "data", "sshell", "repos.json"), data, 0o644))
	vars := map[string]string{"XDG_CONFIG_HOME": filepath.Join(root, "config"), "XDG_DATA_HOME": filepath.Join(root, "data"),
		"XDG_CACHE_HOME": filepath.Join(root, "cache"), "XDG_STATE_HOME": filepath.Join(root, "state"),
		"DOCKER_HOST": "unix:///nonexistent/docker.sock"}
	env := os.Environ()
	for k, v := range vars {
		b.Setenv(k, v)
		env = append(env, k+"="+v)
	}
	xdg.Reload()
	b.Cleanup(xdg.Reload)
	return env
}

// manifest is repo r's file of n tools, each with an entrypoint, env,
// network and why, like a team's.
func manifest(r, n int) string {
	var s strings.Builder
	for m := range n {
		fmt.Fprintf(&s, "[tools.t%d_%d]\nimage = \"registry.example.com/team%d/tool%d:1.%d\"\nentrypoint = [\"tool%d\"]\n"+
			"network = \"host\"\nenv = { TOOL_HOME = \"/opt/tool%d\", LANG = \"C.UTF-8\" }\nwhy = { network = \"talks to the team's API\" }\n\n",
			r, m, r, m, m, m, m)
	}
	return s.String()
}

// hookKnown times `sshell hook --known NAME`, which must exit want.
func hookKnown(b *testing.B, env []string, sshell, name string, want int) time.Duration {
	start := time.Now()
	err := runQuiet(env, sshell, "hook", "--known", name)
	d := time.Since(start)
	if code := exitCode(err); code != want {
		b.Fatalf("sshell hook --known %s exited %d, want %d", name, code, want)
	}
	return d
}

// find times resolve.Find of name in this process.
func find(b *testing.B, name string, want bool) time.Duration {
	start := time.Now()
	_, ok, _, err := resolve.Find(name)
	d := time.Since(start)
	if ok != want || err != nil {
		b.Fatalf("Find(%q) = %v, %v; want %v, no error", name, ok, err, want)
	}
	return d
}

// loadAll times a full load, for scale.
func loadAll(b *testing.B) time.Duration {
	start := time.Now()
	set, _, err := resolve.LoadAll()
	d := time.Since(start)
	if len(set.Names()) < 1000 || err != nil {
		b.Fatalf("LoadAll found %d tools, error %v", len(set.Names()), err)
	}
	return d
}
