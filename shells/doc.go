// Package shells generates the bash, zsh and fish hook text that `sshell init`
// prints, quoted and syntax-checked through mvdan.cc/sh/v3. It arrives with
// the shell-integration issue.
package shells
