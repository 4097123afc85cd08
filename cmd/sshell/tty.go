package main

import (
	"fmt"
	"os"

	"golang.org/x/term"
)

// wantTTY applies --tty: auto gives the tool a terminal only when both stdin
// and stdout are terminals, so that pipes stay pipes.
func wantTTY(mode string, in, out any) bool {
	switch mode {
	case "always":
		return true
	case "never":
		return false
	}
	return isTerminal(in) && isTerminal(out)
}

// isTerminal reports whether v is a file open on a terminal.
func isTerminal(v any) bool {
	f, ok := v.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// terminalFile is the caller's terminal, whose size the tool's terminal
// follows: stdout, else stdin; nil with --tty always and no terminal, where
// the tool's terminal keeps the runtime's default size.
func terminalFile(in, out any) *os.File {
	for _, v := range []any{out, in} {
		if isTerminal(v) {
			return v.(*os.File)
		}
	}
	return nil
}

// makeRaw puts stdin in raw mode when it is a terminal, so that keys (Ctrl-C
// included) go to the tool. restore undoes it and is always safe to call.
func makeRaw(in any) (restore func(), err error) {
	if !isTerminal(in) {
		return func() {}, nil
	}
	fd := int(in.(*os.File).Fd())
	state, err := term.MakeRaw(fd)
	if err != nil {
		return nil, fmt.Errorf("setting the terminal to raw mode: %w", err)
	}
	return func() { _ = term.Restore(fd, state) }, nil
}
