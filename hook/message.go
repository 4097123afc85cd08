package hook

import (
	"fmt"
	"strings"
)

// NotFoundMessage is the line (without newline) the shell itself prints for
// a command it cannot find, for an interactive shell: what `sshell hook` prints
// on stderr before exiting ExitNotFound when nothing provides the command.
// shell "" (no --shell) gives a neutral sshell line.
func NotFoundMessage(shell, name string) string {
	switch shell {
	case "bash":
		return "bash: " + name + ": command not found"
	case "zsh":
		return "zsh: command not found: " + name
	case "fish":
		// fish 3.6, __fish_default_command_not_found_handler:
		// printf "fish: Unknown command: %s\n" (string escape -- $argv[1])
		return "fish: Unknown command: " + fishEscape(name)
	default:
		return "sshell: " + name + ": command not found"
	}
}

// fishSpecial are the characters fish's `string escape` (style script, fish
// 3.6) escapes, and that alone make it single-quote the whole string.
const fishSpecial = "&$ #<>()[]{}?*|;\"%~"

// fishEscape mirrors fish 3.6's `string escape -- NAME` so the message is
// byte-for-byte fish's own. mvdan.cc/sh knows no fish, hence by hand:
// plain when nothing needs escaping; 'single-quoted' when only fishSpecial
// characters do; otherwise every special character is backslash-escaped.
func fishEscape(s string) string {
	if s == "" {
		return "''"
	}
	var b strings.Builder
	special, complexEsc := false, false
	for _, r := range s {
		esc, isSpecial, isComplex := fishEscapeRune(r)
		special, complexEsc = special || isSpecial, complexEsc || isComplex
		b.WriteString(esc)
	}
	switch {
	case complexEsc:
		return b.String()
	case special:
		return "'" + s + "'"
	}
	return s
}

// fishNamed are the control characters fish escapes by name.
var fishNamed = map[rune]string{'\t': `\t`, '\n': `\n`, '\b': `\b`, '\r': `\r`, 0x1b: `\e`}

// fishEscapeRune returns r escaped, and whether it is special (quotable) or
// needs a backslash escape even inside quotes (complex).
func fishEscapeRune(r rune) (string, bool, bool) {
	switch {
	case r == '\\' || r == '\'':
		return `\` + string(r), true, true
	case strings.ContainsRune(fishSpecial, r):
		return `\` + string(r), true, false
	}
	if named, ok := fishNamed[r]; ok {
		return named, true, true
	}
	switch {
	case r > 0 && r < 27:
		return `\c` + string(rune('a'+r-1)), true, true
	case r < 32 || r == 0x7f:
		return fmt.Sprintf(`\x%02x`, r), true, true
	}
	return string(r), false, false
}
