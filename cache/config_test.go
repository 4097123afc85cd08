package cache

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestLoadConfig(t *testing.T) {
	dir := t.TempDir()
	write := func(s string) string {
		p := filepath.Join(dir, "config.toml")
		if err := os.WriteFile(p, []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	if c, err := LoadConfig(filepath.Join(dir, "none.toml")); err != nil || c.MaxBytes != 0 {
		t.Errorf("missing file: %+v %v", c, err)
	}
	for in, want := range map[string]int64{"[cache]\nmax_bytes = 1024\n": 1024, "[cache]\nmax_bytes = \"2GiB\"\n": 2 << 30} {
		if c, err := LoadConfig(write(in)); err != nil || c.MaxBytes != want {
			t.Errorf("%q: %+v %v, want %d", in, c, err, want)
		}
	}
	for in, want := range map[string]string{
		"[cache]\n\nmax_bytes = \"lots\"\n": "config.toml:3: cache.max_bytes",
		"[cache]\nmax_bytes = = 1\n":        "config.toml:2:",
		"[cache]\nmax_byte = 1\n":           "unknown key cache.max_byte",
	} {
		if _, err := LoadConfig(write(in)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: err %v, want %q", in, err, want)
		}
	}
}

// upgrade_ttl belongs to the same table (read by UpgradeTTL): not an
// unknown key here. prewarm = false turns the pre-warm off.
func TestLoadConfigPrewarmAndTTL(t *testing.T) {
	p := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(p, []byte("[cache]\nupgrade_ttl = \"12h\"\nprewarm = false\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := LoadConfig(p)
	if err != nil || !c.NoPrewarm || !c.Apply(DefaultPolicy()).NoPrewarm {
		t.Fatalf("config %+v, %v; want the pre-warm off", c, err)
	}
	if d := decideAt(c.Apply(DefaultPolicy()), sixHourly(time.Hour), 10*time.Minute); d.Window.Prewarm || d.Remove {
		t.Errorf("pre-warm off: %+v", d)
	}
	if c, err := LoadConfig(p[:len(p)-len("config.toml")] + "none.toml"); err != nil || c.NoPrewarm {
		t.Errorf("no file: %+v %v, want the pre-warm on", c, err)
	}
}

func TestKeyLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.toml")
	text := "runtime = \"native\"\nnative.ready = \"1m\"\n\n[cache] # the cache's\nmax_bytes = 1\nruntime = \"x\"\n[native]\n ready = \"2m\"\n"
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]int{"runtime": 1, "native.ready": 2, "cache.max_bytes": 5, "cache.runtime": 6, "max_bytes": 0, "nope.x": 0} {
		if got := KeyLine(path, key); got != want {
			t.Errorf("KeyLine(%q) = %d, want %d", key, got, want)
		}
	}
}
