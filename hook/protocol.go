package hook

import (
	"errors"
	"fmt"
	"slices"
)

// Exit statuses of `sshell hook --known NAME`. Any other status means sshell
// itself failed and has printed one line on stderr; the handler returns it.
const (
	ExitKnown   = 0 // a manifest provides NAME and the hook is on for it
	ExitUnknown = 1 // it does not (or the hook is off for it): nothing printed
)

// ExitNotFound is the status of the run form for a command nothing provides,
// after printing the shell's own not-found line (see NotFoundMessage).
const ExitNotFound = 127

// Shells the generated handlers name with --shell.
var shellNames = []string{"bash", "zsh", "fish"}

// Request is one parsed `sshell hook` command line (the arguments after
// the verb). Exactly two forms exist:
//
//	--known NAME                          decide only (Known is true)
//	[--shell bash|zsh|fish] -- NAME [ARG...]  run NAME with ARGs
type Request struct {
	Known bool
	Shell string // "" when --shell was not given
	Name  string
	Args  []string
}

// ErrUsage wraps every ParseArgs error; the CLI reports it as a usage error.
var ErrUsage = errors.New("usage: sshell hook --known NAME | sshell hook [--shell bash|zsh|fish] -- NAME [ARG...]")

// ParseArgs parses the arguments after `sshell hook`.
func ParseArgs(args []string) (Request, error) {
	if len(args) > 0 && args[0] == "--known" {
		if len(args) != 2 || args[1] == "" {
			return Request{}, fmt.Errorf("--known takes exactly one NAME: %w", ErrUsage)
		}
		return Request{Known: true, Name: args[1]}, nil
	}
	var r Request
	if len(args) > 1 && args[0] == "--shell" {
		if !slices.Contains(shellNames, args[1]) {
			return Request{}, fmt.Errorf("unknown shell %q: %w", args[1], ErrUsage)
		}
		r.Shell, args = args[1], args[2:]
	}
	return parseRun(r, args)
}

func parseRun(r Request, args []string) (Request, error) {
	if len(args) < 2 || args[0] != "--" || args[1] == "" {
		return Request{}, fmt.Errorf("want -- NAME [ARG...]: %w", ErrUsage)
	}
	r.Name, r.Args = args[1], args[2:]
	return r, nil
}
