package shells

import (
	"fmt"
	"testing"
)

// Chaining to the handler that was there before, and loading twice.
func TestChainsToPreviousHandlerOnce(t *testing.T) {
	forEachShell(t, func(t *testing.T, sp spec) {
		f := newFake(t)
		s := sp.start(t, f)
		s.run(sp.prev)
		sp.load(t, s, f.Bin)
		sp.load(t, s, f.Bin) // twice: must not chain to itself
		out, st := s.run(unknown + " a")
		wantStatus(t, out, st, sp.handlerStatus(3))
		wantOnce(t, out, prevLabel+unknown)
		wantCalls(t, f, fmt.Sprintf(knownCall, unknown))
		out, st = s.run(lateTool)
		wantStatus(t, out, st, sp.handlerStatus(42))
		wantOnce(t, out, "ran hook --shell "+sp.name+" -- "+lateTool)
	})
}

func TestDoubleLoadWithoutPreviousHandler(t *testing.T) {
	forEachShell(t, func(t *testing.T, sp spec) {
		f := newFake(t)
		s := sp.start(t, f)
		sp.load(t, s, f.Bin)
		sp.load(t, s, f.Bin)
		out, st := s.run(unknown)
		wantStatus(t, out, st, 127)
		wantOnce(t, out, fmt.Sprintf(sp.notFound, unknown))
		wantCalls(t, f, fmt.Sprintf(knownCall, unknown))
	})
}

// A handler defined after the hook replaces it; loading the hook again chains
// to that handler.
func TestReloadAfterAnotherHandler(t *testing.T) {
	forEachShell(t, func(t *testing.T, sp spec) {
		f := newFake(t)
		s := sp.start(t, f)
		sp.load(t, s, f.Bin)
		s.run(sp.prev)
		out, _ := s.run(unknown)
		wantOnce(t, out, prevLabel+unknown)
		wantCalls(t, f) // replaced: sshell is out of the loop
		sp.load(t, s, f.Bin)
		out, st := s.run(unknown)
		wantStatus(t, out, st, sp.handlerStatus(3))
		wantOnce(t, out, prevLabel+unknown)
		out, st = s.run(tool)
		wantStatus(t, out, st, 42)
	})
}
