package hook

import "strings"

// Known is the decision behind `sshell hook --known NAME` (and the run form's
// first step): true when name can be a command (not empty, no slash, no NUL),
// the hook is on for it, and provides(name) says a manifest provides it.
// provides is a lookup over the loaded manifests; it is not called when the
// answer is already no.
func Known(name string, cfg Config, provides func(name string) bool) bool {
	if name == "" || strings.ContainsAny(name, "/\x00") {
		return false
	}
	return cfg.Enabled(name) && provides(name)
}

// KnownExit maps Known's answer to the exit status of `sshell hook --known`.
func KnownExit(known bool) int {
	if known {
		return ExitKnown
	}
	return ExitUnknown
}
