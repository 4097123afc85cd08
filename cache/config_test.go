package cache

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
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
