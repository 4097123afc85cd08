package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

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

// TestReadyIdle: [native] ready in the config file, overridden by
// $SSHELL_READY; a bad value is one error naming the file and line, or the
// variable.
func TestReadyIdle(t *testing.T) {
	cfg := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", cfg)
	xdg.Reload()
	t.Cleanup(xdg.Reload)
	path := filepath.Join(cfg, "sshell", "config.toml")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, text, env string
		want            time.Duration
		err             string
	}{
		{"missing", "", "", defaultReadyIdle, ""},
		{"unset", "runtime = \"native\"\n[native]\n", "", defaultReadyIdle, ""},
		{"set", "[mirrors]\n\n[native]\nready = \"90s\"\n", "", 90 * time.Second, ""},
		{"dotted", "native.ready = \"1h\"\n", "", time.Hour, ""},
		{"zero", "[native]\nready = \"0\"\n", "", 0, ""},
		{"off", "[native]\nready = \"off\"\n", "", 0, ""},
		{"env over file", "[native]\nready = \"off\"\n", "2m", 2 * time.Minute, ""},
		{"env off", "", "off", 0, ""},
		{"bad", "[cache]\nready = 1\n[native]\n\nready = \"soon\"\n", "", 0, path + `:5: native.ready = "soon": want a duration such as "10m", or "off"`},
		{"negative", "[native]\nready = \"-1m\"\n", "", 0, path + `:2: native.ready = "-1m"`},
		{"not a string", "[native]\nready = 600\n", "", 0, path + `:2: native.ready = 600`},
		{"unknown key", "[native]\nredy = \"10m\"\n", "", 0, path + ":2: unknown key native.redy in [native]"},
		{"bad env", "", "10 minutes", 0, `SSHELL_READY="10 minutes": want a duration`},
	} {
		if err := os.WriteFile(path, []byte(c.text), 0o644); err != nil {
			t.Fatal(err)
		}
		if c.name == "missing" {
			os.Remove(path)
		}
		t.Setenv(envReady, c.env)
		got, err := readyIdle()
		switch {
		case c.err == "" && (err != nil || got != c.want):
			t.Errorf("%s: readyIdle = %v, %v; want %v", c.name, got, err, c.want)
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err) || strings.Contains(err.Error(), "\n")):
			t.Errorf("%s: readyIdle error %v; want one line holding %q", c.name, err, c.err)
		}
	}
}

// TestBadReadyStopsNative: a bad ready setting fails the choice of the
// native runtime with exit 125, and leaves Docker's alone.
func TestBadReadyStopsNative(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	xdg.Reload()
	t.Cleanup(xdg.Reload)
	t.Setenv(envReady, "sometimes")
	if _, err := runtimeFor("native", ""); err == nil || exitCode(err) != exitFailure || !strings.Contains(message(err), envReady) {
		t.Errorf("native with $%s=sometimes: %v (exit %d); want exit %d naming it", envReady, err, exitCode(err), exitFailure)
	}
	if rt, err := runtimeFor("docker", ""); rt != runtimeDocker || err != nil {
		t.Errorf("docker with $%s=sometimes: %q, %v", envReady, rt, err)
	}
}
