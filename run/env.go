package run

import (
	"fmt"
	"sort"
	"strings"
)

// passthrough lists the host variables every tool sees without being asked:
// the terminal, the locale, the time zone and the proxies. Anything else of
// the host stays out unless the manifest or the caller names it.
var passthrough = map[string]bool{
	"TERM": true, "LANG": true, "TZ": true,
	"HTTP_PROXY": true, "HTTPS_PROXY": true, "NO_PROXY": true,
	"http_proxy": true, "https_proxy": true, "no_proxy": true,
}

// Passthrough reports whether the host variable key reaches a tool by default.
func Passthrough(key string) bool {
	return passthrough[key] || strings.HasPrefix(key, "LC_")
}

// DefaultHome is the tool's HOME unless the manifest or the caller sets one:
// the image root is read-only and the caller's uid has no home in the image,
// so the writable, throwaway /tmp is where a tool's dot-files can go.
const DefaultHome = "/tmp"

// ComposeEnv builds a tool's complete environment (Spec.Env) from, in rising
// precedence: HOME=DefaultHome, the passthrough subset of host (KEY=VALUE entries, as from
// os.Environ), the manifest's env, and overrides. An override is KEY=VALUE,
// or a bare KEY that copies the host's value (and does nothing when the host
// has no KEY, as `docker run -e KEY` does). The result is sorted by key.
func ComposeEnv(host []string, manifest map[string]string, overrides []string) ([]string, error) {
	hostVars := toMap(host)
	env := map[string]string{"HOME": DefaultHome}
	for k, v := range hostVars {
		if Passthrough(k) {
			env[k] = v
		}
	}
	for k, v := range manifest {
		env[k] = v
	}
	for _, o := range overrides {
		if err := applyOverride(env, hostVars, o); err != nil {
			return nil, err
		}
	}
	return fromMap(env), nil
}

// applyOverride sets one KEY=VALUE or KEY (host value) entry in env.
func applyOverride(env, host map[string]string, o string) error {
	k, v, hasValue := strings.Cut(o, "=")
	if err := CheckEnvKey(k); err != nil {
		return err
	}
	if !hasValue {
		var ok bool
		if v, ok = host[k]; !ok {
			return nil
		}
	}
	env[k] = v
	return nil
}

// CheckEnvKey rejects names no process environment can hold.
func CheckEnvKey(k string) error {
	if k == "" || strings.ContainsAny(k, "=\x00") {
		return fmt.Errorf("invalid environment variable name %q", k)
	}
	return nil
}

// toMap turns KEY=VALUE entries into a map; later entries win, entries
// without "=" are ignored.
func toMap(entries []string) map[string]string {
	m := make(map[string]string, len(entries))
	for _, e := range entries {
		if k, v, ok := strings.Cut(e, "="); ok && k != "" {
			m[k] = v
		}
	}
	return m
}

// fromMap returns KEY=VALUE entries sorted by key.
func fromMap(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = k + "=" + m[k]
	}
	return out
}
