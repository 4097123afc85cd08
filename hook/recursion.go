package hook

import (
	"errors"
	"fmt"
)

// ErrRecursion means a command-not-found handler ran in a shell that was
// itself started, directly or not, by a `sshell hook` process: a tool handed
// off back into the hook. The CLI refuses instead of looping.
var ErrRecursion = errors.New("command-not-found hook called from within a command sshell runs")

// CheckRecursion reads SSHELL_HOOK_DEPTH through getenv. The handlers set it
// in the environment of the sshell process only: "1" when the calling shell's
// environment had no SSHELL_HOOK_DEPTH, "2" when it had one (the shell runs
// under a hook call). Unset, "" and "1" are fine; anything else is
// ErrRecursion. The handlers never do arithmetic on the inherited value, so a
// hostile value cannot inject code into them.
func CheckRecursion(getenv func(string) string) error {
	switch v := getenv(EnvDepth); v {
	case "", "1":
		return nil
	default:
		return fmt.Errorf("%s=%q: %w", EnvDepth, v, ErrRecursion)
	}
}
