// Package hook is the runtime-neutral half of the shell's command-not-found
// hand-off: the CLI protocol between the handlers that package shells
// generates and the `sshell hook` verb, the user's on/off configuration, the
// recursion guard and the shell's own "command not found" lines. It decides;
// cmd/sshell does the I/O, the exit codes and the actual run.
//
// # Protocol (what `sshell hook` must implement)
//
// The handlers call sshell by the absolute path captured by `sshell init`,
// never through PATH, and set SSHELL_HOOK_DEPTH in sshell's environment only
// ("1", or "2" when the shell already had it: see CheckRecursion). Two forms,
// parsed by ParseArgs:
//
//	sshell hook --known NAME
//
// decides: exit ExitKnown (0) when Known says yes, ExitUnknown (1) when no.
// Nothing is printed on 0 and 1, but for one warning line before 1 when a
// malformed manifest may be why NAME is missing (a typo still says "command
// not found"); it must be fast (no Docker, no network): it only loads the
// manifests. Any other status means sshell itself failed (recursion): it
// prints one line on stderr and exits with the CLI's code for that failure,
// and the handler returns that status without running anything else.
//
//	sshell hook [--shell bash|zsh|fish] -- NAME [ARG...]
//
// runs NAME with ARGs exactly as `sshell run NAME ARG...` would, the tool's
// exit code passing through. If Known(NAME) is false (the manifest went away
// since --known, or the caller skipped --known), it prints
// NotFoundMessage(shell, NAME) on stderr and exits ExitNotFound (127) without
// touching Docker. bash and zsh handlers exec this form after --known said 0;
// fish wrappers call it directly (their names come from the manifests).
//
// Both forms first check CheckRecursion and refuse (one line, non-zero) on
// ErrRecursion, and read the Config with ConfigFromEnv.
//
// Why two calls on the known path: a tool may exit with any status, so no
// status of a single call can tell the handler "nothing provides this, run
// your previous handler". --known answers that before anything runs. An
// unknown command therefore costs one sshell process and a known one two
// (negligible next to starting a container).
//
// # Configuration
//
//	SSHELL_HOOK=off         the handlers hand nothing to sshell (checked at each call)
//	SSHELL_HOOK_SKIP="a b"  the handlers leave these commands alone (at each call)
//	SSHELL_HOOK_SCRIPTS=1   load the hook in non-interactive shells too (at load time)
//
// For an ignored command the handler behaves as if sshell were not there: the
// previous handler runs (Debian's command-not-found, say) or the shell's own
// message is printed, status 127. docs/shell-integration.md is the user guide.
package hook
