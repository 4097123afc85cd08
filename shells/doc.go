// Package shells generates the bash, zsh and fish hook text that
// `sshell init SHELL` prints, from one text/template per shell (templates/).
// Every user-influenced word (the sshell binary's path, command names) is
// quoted for its shell: through mvdan.cc/sh/v3's syntax.Quote for bash and
// zsh, by hand for fish (see fishQuote); the bash and zsh output is parsed
// back with mvdan.cc/sh before it is returned.
//
// The generated code catches "command not found" (bash's
// command_not_found_handle, zsh's command_not_found_handler, fish's
// fish_command_not_found plus one wrapper function per command the manifests
// provide, because fish drops a handler's status), keeps any handler that was
// there before and chains to it, and talks to sshell through the protocol
// documented in package hook and docs/shell-integration.md.
package shells
