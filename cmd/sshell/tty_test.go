package main

import (
	"bytes"
	"os"
	"testing"

	"github.com/creack/pty"
	"golang.org/x/term"
)

// openPty gives a real terminal pair, or skips.
func openPty(t *testing.T) (ptmx, tty *os.File) {
	t.Helper()
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skip("no pty on this machine: ", err)
	}
	t.Cleanup(func() { ptmx.Close(); tty.Close() })
	return ptmx, tty
}

func pipe(t *testing.T) *os.File {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close(); w.Close() })
	return r
}

func TestWantTTY(t *testing.T) {
	_, tty := openPty(t)
	p, buf := pipe(t), &bytes.Buffer{}
	tests := []struct {
		mode    string
		in, out any
		want    bool
	}{
		{"auto", tty, tty, true},
		{"auto", p, tty, false}, // echo x | tool
		{"auto", tty, p, false}, // tool > file
		{"auto", buf, buf, false},
		{"always", p, buf, true},
		{"never", tty, tty, false},
	}
	for _, tc := range tests {
		if got := wantTTY(tc.mode, tc.in, tc.out); got != tc.want {
			t.Errorf("wantTTY(%s, %T, %T) = %v, want %v", tc.mode, tc.in, tc.out, got, tc.want)
		}
	}
}

func TestTerminalFile(t *testing.T) {
	_, tty := openPty(t)
	_, tty2 := openPty(t)
	p := pipe(t)
	if got := terminalFile(tty, tty2); got != tty2 {
		t.Errorf("terminalFile(tty, tty2) = %v, want stdout's terminal", got)
	}
	if got := terminalFile(tty, p); got != tty {
		t.Errorf("terminalFile(tty, pipe) = %v, want stdin's terminal", got)
	}
	if got := terminalFile(p, p); got != nil {
		t.Errorf("terminalFile(pipe, pipe) = %v, want nil", got)
	}
}

func TestMakeRawRestores(t *testing.T) {
	_, tty := openPty(t)
	fd := int(tty.Fd())
	before, err := term.GetState(fd)
	if err != nil {
		t.Fatal(err)
	}
	restore, err := makeRaw(tty)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := term.GetState(fd)
	if *raw == *before {
		t.Fatal("makeRaw did not change the terminal's mode")
	}
	restore()
	after, _ := term.GetState(fd)
	if *after != *before {
		t.Error("restore did not bring the terminal's mode back")
	}
}

func TestMakeRawOnPipeIsANoop(t *testing.T) {
	restore, err := makeRaw(pipe(t))
	if err != nil {
		t.Fatal(err)
	}
	restore()
}
