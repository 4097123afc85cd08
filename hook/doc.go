// Package hook is the shell's command-not-found hand-off: decide fast whether
// a manifest provides the command, guard against recursion, and otherwise keep
// the shell's own behaviour. It arrives with the shell-integration issue; the
// explicit `sshell run` path in cmd/sshell is the flow it will share.
package hook
