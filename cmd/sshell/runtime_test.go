package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/adrg/xdg"
)

func TestConfigRuntime(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct{ name, text, want, err string }{
		{"missing", "", "", ""},
		{"unset", "[cache]\nmax_bytes = 1\n", "", ""},
		{"docker", "runtime = \"docker\"\n", "docker", ""},
		{"native", "# mine\nruntime = \"native\"\n", "native", ""},
		{"bad value", "\n\nruntime = \"podman\"\n", "", ":3: runtime = \"podman\": want \"auto\", \"native\" or \"docker\""},
		{"bad syntax", "runtime = \n", "", ":1: "},
	} {
		path := filepath.Join(dir, c.name+".toml")
		if c.name != "missing" {
			if err := os.WriteFile(path, []byte(c.text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		got, err := configRuntime(path)
		switch {
		case c.err == "" && (err != nil || got != c.want):
			t.Errorf("%s: configRuntime = %q, %v; want %q", c.name, got, err, c.want)
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), path+c.err)):
			t.Errorf("%s: configRuntime error %v; want it to hold %q", c.name, err, path+c.err)
		}
	}
}

func TestChooseRuntimeOrder(t *testing.T) {
	cfg := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", cfg)
	xdg.Reload()
	t.Cleanup(xdg.Reload)
	if err := os.MkdirAll(filepath.Join(cfg, "sshell"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(cfg, "sshell", "config.toml"), []byte("runtime = \"docker\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv(envRuntime, "")
	if got, err := chooseRuntime(""); got != runtimeDocker || err != nil {
		t.Errorf("config says docker: chooseRuntime = %q, %v", got, err)
	}
	t.Setenv(envRuntime, "native")
	if got, err := chooseRuntime(""); got != runtimeNative || err != nil {
		t.Errorf("$%s=native over the config: chooseRuntime = %q, %v", envRuntime, got, err)
	}
	if got, err := chooseRuntime("docker"); got != runtimeDocker || err != nil {
		t.Errorf("--runtime docker over $%s: chooseRuntime = %q, %v", envRuntime, got, err)
	}
	t.Setenv(envRuntime, "podman")
	if _, err := chooseRuntime(""); err == nil || !strings.Contains(err.Error(), "SSHELL_RUNTIME=\"podman\"") {
		t.Errorf("bad $%s: %v; want an error naming it", envRuntime, err)
	}
	t.Setenv(envRuntime, "auto")
	if got, _ := chooseRuntime(""); got != autoRuntime() {
		t.Errorf("auto: chooseRuntime = %q, want %q", got, autoRuntime())
	}
}

// TestRuntimeForBridge: auto sends a tool that needs a bridge network to
// Docker (native has none); a runtime asked for by name is kept.
func TestRuntimeForBridge(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	xdg.Reload()
	t.Cleanup(xdg.Reload)
	for _, c := range []struct{ env, flag, network, want string }{
		{"auto", "", "bridge", runtimeDocker},
		{"auto", "", "none", autoRuntime()},
		{"auto", "", "host", autoRuntime()},
		{"native", "", "bridge", runtimeNative},
		{"auto", "native", "bridge", runtimeNative},
		{"", "", "bridge", runtimeDocker},
	} {
		t.Setenv(envRuntime, c.env)
		if got, err := runtimeFor(c.flag, c.network); got != c.want || err != nil {
			t.Errorf("$%s=%q, --runtime %q, network %q: runtimeFor = %q, %v; want %q", envRuntime, c.env, c.flag, c.network, got, err, c.want)
		}
	}
}
