package resolve

import (
	"errors"
	"fmt"
	"strings"
	"unicode"

	"github.com/distribution/reference"
)

// The checks below work on plain values, not TOML, so a later layer of
// command-line flags can share them. Each returns what is wrong, or nil.

// validName accepts a name a shell can run as a command: not empty, no '/'
// (that would be a path), no whitespace or unprintable characters (the shell
// would split it, argv cannot carry it, or it would pass for another name:
// a zero-width space), no leading '-' (an option). The same rule as
// shells' for fish function names, so every valid tool gets its wrapper.
func validName(name string) error {
	switch {
	case name == "":
		return errors.New("tool name must not be empty")
	case strings.HasPrefix(name, "-"):
		return fmt.Errorf("tool name %q must not start with '-'", name)
	case strings.ContainsRune(name, '/'):
		return fmt.Errorf("tool name %q must not contain '/'", name)
	case strings.IndexFunc(name, isSpaceOrUnprintable) >= 0:
		return fmt.Errorf("tool name %q must not contain whitespace or unprintable characters", name)
	}
	return nil
}

func isSpaceOrUnprintable(r rune) bool { return unicode.IsSpace(r) || !unicode.IsPrint(r) }

// validImage checks the syntax of an image reference the way Docker reads
// it: "jq", "ghcr.io/jqlang/jq:1.7.1" and "jq@sha256:…" all pass. It never
// looks the image up.
func validImage(ref string) error {
	if ref == "" {
		return errors.New("must not be empty")
	}
	if _, err := reference.ParseNormalizedNamed(ref); err != nil {
		return fmt.Errorf("invalid image reference %q: %w", ref, err)
	}
	return nil
}

func validNetwork(mode string) error {
	switch mode {
	case NetworkNone, NetworkHost, NetworkBridge:
		return nil
	}
	return fmt.Errorf("%q is not one of %s, %s, %s", mode, NetworkNone, NetworkHost, NetworkBridge)
}

// validEntrypoint wants a command to run: at least one element, the first
// not empty, and no NUL byte anywhere (execve cannot pass one).
func validEntrypoint(argv []string) error {
	if len(argv) == 0 {
		return errors.New("must not be empty (leave it out to use the image's own)")
	}
	if argv[0] == "" {
		return errors.New("the command (first element) must not be empty")
	}
	for i, arg := range argv {
		if strings.ContainsRune(arg, 0) {
			return fmt.Errorf("element %d contains a NUL byte", i)
		}
	}
	return nil
}

// validEnv checks one variable: a name that is not empty and has no '=',
// and no NUL byte in name or value. The caller names the variable.
func validEnv(name, value string) error {
	switch {
	case name == "":
		return errors.New("variable name must not be empty")
	case strings.ContainsRune(name, '='):
		return errors.New("variable name must not contain '='")
	case strings.ContainsRune(name, 0) || strings.ContainsRune(value, 0):
		return errors.New("must not contain a NUL byte")
	}
	return nil
}
