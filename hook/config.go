package hook

import (
	"slices"
	"strings"
)

// Environment variables the generated handlers and the CLI read. The
// handlers check SSHELL_HOOK and SSHELL_HOOK_SKIP themselves at every call (no
// process is started for a command the hook is off for) and
// SSHELL_HOOK_SCRIPTS when the hook is loaded; the CLI checks the first two
// again through Config so that every path agrees.
const (
	EnvHook    = "SSHELL_HOOK"         // "off": the hook hands nothing to sshell
	EnvSkip    = "SSHELL_HOOK_SKIP"    // whitespace-separated command names the hook leaves alone
	EnvScripts = "SSHELL_HOOK_SCRIPTS" // "1": load the hook in non-interactive shells too
	EnvDepth   = "SSHELL_HOOK_DEPTH"   // set by the handlers for sshell only; see CheckRecursion
)

// Config is the user's hook configuration, read from the environment.
type Config struct {
	Off     bool     // SSHELL_HOOK=off (exactly "off"; anything else is on)
	Skip    []string // SSHELL_HOOK_SKIP split on whitespace
	Scripts bool     // SSHELL_HOOK_SCRIPTS=1 (exactly "1")
}

// ConfigFromEnv reads the Config through getenv (os.Getenv in the CLI).
func ConfigFromEnv(getenv func(string) string) Config {
	return Config{
		Off:     getenv(EnvHook) == "off",
		Skip:    strings.Fields(getenv(EnvSkip)),
		Scripts: getenv(EnvScripts) == "1",
	}
}

// Enabled reports whether the hook may hand the command name to sshell.
func (c Config) Enabled(name string) bool {
	return !c.Off && !slices.Contains(c.Skip, name)
}
