package main

import (
	"os"

	"github.com/sshell/sshell/run"
)

// connect wires the caller's streams, signals and terminal to a run.
// release undoes everything (the terminal's mode first of all) and must
// always be called, also when the run fails.
func connect(s *streams, tty bool) (stdio run.IO, release func(), err error) {
	stdio = run.IO{Stdin: s.in, Stdout: s.out, Stderr: s.err}
	if isTerminal(s.err) {
		stdio.Progress = s.err
	}
	sigs, stopSignals := catchSignals()
	stdio.Signals = sigs
	if !tty {
		return stdio, stopSignals, nil
	}
	restore, err := makeRaw(s.in)
	if err != nil {
		stopSignals()
		return run.IO{}, nil, err
	}
	if f, ok := stdio.Progress.(*os.File); ok && isTerminal(s.in) {
		stdio.Progress = crlfWriter{f}
	}
	resize, stopResize := watchResize()
	stdio.Terminal, stdio.Resize = terminalFile(s.in, s.out), resize
	return stdio, func() { stopResize(); restore(); stopSignals() }, nil
}
