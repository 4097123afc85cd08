package main

import (
	"sync"

	"github.com/sshell/sshell/run"
)

// connect wires the caller's streams, signals and terminal to a run.
// release undoes everything (the terminal's mode first of all) and must
// always be called, also when the run fails. With a TTY the terminal goes
// raw only when the tool starts (IO.OnStart), so that Ctrl-C still stops a
// long pull and its progress prints as usual.
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
	raw := &rawOnStart{in: s.in}
	stdio.OnStart = raw.start
	resize, stopResize := watchResize()
	stdio.Terminal, stdio.Resize = terminalFile(s.in, s.out), resize
	return stdio, func() { stopResize(); raw.restore(); stopSignals() }, nil
}

// rawOnStart puts the terminal in raw mode when the tool starts and gives
// its mode back afterwards, whether or not the tool started.
type rawOnStart struct {
	in      any
	mu      sync.Mutex
	undo    func()
	stopped bool
}

func (r *rawOnStart) start() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.stopped || r.undo != nil {
		return
	}
	if undo, err := makeRaw(r.in); err == nil { // a terminal that refuses raw mode stays cooked
		r.undo = undo
	}
}

func (r *rawOnStart) restore() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.stopped = true
	if r.undo != nil {
		r.undo()
	}
}
