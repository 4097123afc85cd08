package shells

import (
	"fmt"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// checkSyntax parses the generated bash or zsh text with mvdan.cc/sh, so a
// quoting mistake is an error at init time rather than a broken shell. fish
// has no parser in Go; its text is checked by the tests with fish itself.
func checkSyntax(shell, text string) error {
	lang := map[string]syntax.LangVariant{"bash": syntax.LangBash, "zsh": syntax.LangZsh}
	l, ok := lang[shell]
	if !ok {
		return nil
	}
	if _, err := syntax.NewParser(syntax.Variant(l)).Parse(strings.NewReader(text), shell); err != nil {
		return fmt.Errorf("checking the generated syntax: %w", err)
	}
	return nil
}
