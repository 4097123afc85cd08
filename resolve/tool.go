// Package resolve maps a command name to the container image that provides
// it, from TOML manifests (docs/manifests.md). It reads only local files:
// no network, no container runtime, so the hook can answer "unknown command"
// in a few milliseconds.
package resolve

import (
	"errors"
	"fmt"
)

// Tool is one command that sshell runs from an image, as a manifest defines it.
type Tool struct {
	Name       string            // the command name, e.g. "jq"
	Image      string            // the image reference as written, e.g. "ghcr.io/jqlang/jq:1.7.1"
	Entrypoint []string          // nil: the image's own ENTRYPOINT/CMD
	Env        map[string]string // extra environment variables; nil when none
	Network    string            // NetworkNone (the default), NetworkHost or NetworkBridge
	CapAdd     []string          // capabilities the tool keeps ("NET_RAW"); nil: none
	Limits     Limits            // bounds; zero fields keep sshell's defaults
	Source     Source            // where the tool is defined

	Args        []string          // put before the arguments typed after the command
	Mounts      []Mount           // extra host paths, "~" expanded; nil: none
	User        string            // "" or UserCaller (the default: the caller's uid:gid), or UserRoot
	Platform    string            // "os/arch[/variant]" to pull and run; "": the daemon's own
	TTY         string            // "" or TTYAuto (the default), TTYAlways or TTYNever: the default of --tty
	Description string            // one line for people
	Why         map[string]string // the reason for each privilege, by Privileges' names; nil when none
	AliasOf     string            // for an alias, the tool whose table defines it; "" otherwise
}

// Mount is a host path made visible to the tool.
type Mount struct {
	Source   string // absolute host path
	Target   string // absolute path in the container
	ReadOnly bool
}

// The values of Tool.User and Tool.TTY.
const (
	UserCaller = "caller"
	UserRoot   = "root"
	TTYAuto    = "auto"
	TTYAlways  = "always"
	TTYNever   = "never"
)

// The values of Tool.Network.
const (
	NetworkNone   = "none"
	NetworkHost   = "host"
	NetworkBridge = "bridge"
)

// Source is a place in a manifest file: for a Tool, its [tools.NAME] table.
type Source struct {
	File string
	Line int // from 1; 0 when unknown
}

// String is "file:line", or "file" when the line is unknown.
func (s Source) String() string {
	if s.Line == 0 {
		return s.File
	}
	return fmt.Sprintf("%s:%d", s.File, s.Line)
}

// ErrManifest is wrapped by every error about the content of a manifest
// (syntax, types, values), so the CLI can pick the exit code with errors.Is.
// Errors reading the files wrap the fs error instead.
var ErrManifest = errors.New("invalid manifest")

// Error is one problem in one manifest, at the line it concerns.
type Error struct {
	Source Source
	Key    string // the key or table at fault, e.g. "tools.jq"; empty for the whole file
	Err    error  // what is wrong
}

// Error is one line: `manifest FILE:LINE: KEY: what is wrong`.
func (e *Error) Error() string {
	if e.Key == "" {
		return fmt.Sprintf("manifest %s: %v", e.Source, e.Err)
	}
	return fmt.Sprintf("manifest %s: %s: %v", e.Source, e.Key, e.Err)
}

// Unwrap gives ErrManifest and the cause.
func (e *Error) Unwrap() []error { return []error{ErrManifest, e.Err} }
