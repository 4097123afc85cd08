package cache

import (
	"path/filepath"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/adrg/xdg"
)

// DefaultUpgradeTTL is how long a tag's digest is trusted before a
// background check.
const DefaultUpgradeTTL = 24 * time.Hour

// UpgradeTTLEnv overrides the config file's [cache] upgrade_ttl.
const UpgradeTTLEnv = "SSHELL_UPGRADE_TTL"

// UpgradeTTL is the TTL from the environment, else from
// $XDG_CONFIG_HOME/sshell/config.toml ([cache] upgrade_ttl = "24h"), else
// the default. A Go duration; "off" disables background checks (ok false).
// A value that does not parse is ignored.
func UpgradeTTL(getenv func(string) string) (ttl time.Duration, ok bool) {
	v := getenv(UpgradeTTLEnv)
	if v == "" {
		v = configTTL(filepath.Join(xdg.ConfigHome, "sshell", "config.toml"))
	}
	if v == "off" {
		return 0, false
	}
	if d, err := time.ParseDuration(v); err == nil && d >= 0 {
		return d, true
	}
	return DefaultUpgradeTTL, true
}

// configTTL is [cache] upgrade_ttl from the config file at path; empty
// when the file, the key or a valid file is missing. Other keys are left
// to their readers.
func configTTL(path string) string {
	var cfg struct {
		Cache struct {
			UpgradeTTL string `toml:"upgrade_ttl"`
		} `toml:"cache"`
	}
	if _, err := toml.DecodeFile(path, &cfg); err != nil {
		return ""
	}
	return cfg.Cache.UpgradeTTL
}
