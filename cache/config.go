package cache

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/adrg/xdg"
	"github.com/docker/go-units"
)

// Config is the [cache] table of $XDG_CONFIG_HOME/sshell/config.toml.
type Config struct {
	// MaxBytes is the disk budget for the images sshell pulled: an integer
	// of bytes, or a string such as "10GiB"; absent or 0: no budget.
	MaxBytes int64
	// GiBHourSeconds overrides Policy.DiskPrice when above 0.
	GiBHourSeconds float64
	// NoPrewarm turns the pre-warm off (prewarm = false): no image is
	// removed after a call to be pulled back before the next.
	NoPrewarm bool
}

// ConfigPath is $XDG_CONFIG_HOME/sshell/config.toml.
func ConfigPath() string { return filepath.Join(xdg.ConfigHome, "sshell", "config.toml") }

type configFile struct {
	Cache struct {
		MaxBytes       any     `toml:"max_bytes"`
		GiBHourSeconds float64 `toml:"gib_hour_seconds"`
		Prewarm        *bool   `toml:"prewarm"`
		UpgradeTTL     string  `toml:"upgrade_ttl"` // read by UpgradeTTL
	} `toml:"cache"`
}

// LoadConfig reads the [cache] table of the file at path; a missing file
// is the zero Config. Errors name the file, and the line when TOML knows it.
func LoadConfig(path string) (Config, error) {
	var f configFile
	md, err := toml.DecodeFile(path, &f)
	var perr toml.ParseError
	switch {
	case errors.Is(err, os.ErrNotExist):
		return Config{}, nil
	case errors.As(err, &perr):
		return Config{}, fmt.Errorf("%s:%d: %s", path, perr.Position.Line, perr.Message)
	case err != nil:
		return Config{}, fmt.Errorf("%s: %w", path, err)
	}
	for _, k := range md.Undecoded() {
		if len(k) > 1 && k[0] == "cache" {
			return Config{}, fmt.Errorf("%s: unknown key %s in [cache] (known: max_bytes, gib_hour_seconds, prewarm, upgrade_ttl)", path, strings.Join(k, "."))
		}
	}
	n, err := maxBytes(f.Cache.MaxBytes)
	if err != nil {
		return Config{}, fmt.Errorf("%s:%d: cache.max_bytes: %w", path, KeyLine(path, "cache.max_bytes"), err)
	}
	return Config{MaxBytes: n, GiBHourSeconds: f.Cache.GiBHourSeconds, NoPrewarm: f.Cache.Prewarm != nil && !*f.Cache.Prewarm}, nil
}

func maxBytes(v any) (int64, error) {
	switch v := v.(type) {
	case nil:
		return 0, nil
	case int64:
		if v >= 0 {
			return v, nil
		}
	case string:
		if n, err := units.RAMInBytes(v); err == nil && n >= 0 {
			return n, nil
		}
	}
	return 0, fmt.Errorf("%v: want bytes, as a number or a size such as \"10GiB\"", v)
}

// KeyLine is the line of key in the TOML file at path, 0 when not found:
// the toml package reports lines of syntax errors only. key is "name" at
// the top, or "table.name" for name in [table] (or written dotted at the
// top).
func KeyLine(path, key string) int {
	table, name := "", key
	if i := strings.LastIndex(key, "."); i >= 0 {
		table, name = key[:i], key[i+1:]
	}
	data, _ := os.ReadFile(path)
	in := ""
	for i, l := range strings.Split(string(data), "\n") {
		l = strings.TrimSpace(l)
		if strings.HasPrefix(l, "[") {
			in = strings.Trim(strings.TrimSpace(strings.SplitN(l, "#", 2)[0]), "[] \t")
			continue
		}
		k, _, ok := strings.Cut(l, "=")
		k = strings.Join(strings.Fields(strings.ReplaceAll(k, ".", " . ")), "")
		if ok && ((in == table && k == name) || (in == "" && k == key)) {
			return i + 1
		}
	}
	return 0
}

// Apply sets what c configures on p.
func (c Config) Apply(p Policy) Policy {
	p.MaxBytes = c.MaxBytes
	if c.GiBHourSeconds > 0 {
		p.DiskPrice = c.GiBHourSeconds
	}
	p.NoPrewarm = c.NoPrewarm
	return p
}
