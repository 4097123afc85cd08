package shells

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"mvdan.cc/sh/v3/syntax"
)

// quoterFor returns the function that quotes one word for shell.
func quoterFor(shell string) func(string) (string, error) {
	switch shell {
	case "bash":
		return func(s string) (string, error) { return syntax.Quote(s, syntax.LangBash) }
	case "zsh":
		return func(s string) (string, error) { return syntax.Quote(s, syntax.LangZsh) }
	}
	return fishQuote
}

var errFishQuote = errors.New("cannot be quoted safely for fish")

// fishQuote quotes s as one fish word. It is by hand because mvdan.cc/sh
// knows only POSIX-like shells and fish is not one: fish's single quotes
// interpret exactly two escapes, \\ and \', and nothing else (no $, no
// command substitution, newlines are literal). NUL cannot be in an argument,
// and invalid UTF-8 is refused because fish decodes its input as text and
// would not hand the same bytes back.
func fishQuote(s string) (string, error) {
	if strings.ContainsRune(s, 0) || !utf8.ValidString(s) {
		return "", fmt.Errorf("%q: %w (NUL or invalid UTF-8)", s, errFishQuote)
	}
	r := strings.NewReplacer(`\`, `\\`, `'`, `\'`)
	return "'" + r.Replace(s) + "'", nil
}

// fishCommands validates and quotes the wrapper names. A wrapper is a fish
// function named after the command, so the name must also be one fish can
// define and a user can type: no slash, no leading dash, no space or
// control character.
func fishCommands(names []string) ([]string, error) {
	quoted := make([]string, 0, len(names))
	for _, n := range names {
		if err := checkCommandName(n); err != nil {
			return nil, err
		}
		q, err := fishQuote(n)
		if err != nil {
			return nil, fmt.Errorf("command name: %w", err)
		}
		quoted = append(quoted, q)
	}
	return quoted, nil
}

func checkCommandName(n string) error {
	bad := n == "" || strings.HasPrefix(n, "-") || strings.ContainsRune(n, '/') ||
		strings.ContainsFunc(n, func(r rune) bool { return unicode.IsSpace(r) || !unicode.IsPrint(r) })
	if bad {
		return fmt.Errorf("command name %q cannot be a fish function (empty, leading -, slash, space or control character)", n)
	}
	return nil
}
