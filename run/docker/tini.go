//go:build !lean

package docker

import (
	"bytes"
	"io"
	"regexp"
	"sync"
)

// tini, as the container's init, execs the tool itself; when it cannot, it
// prints this line (from its forked child, whence the pid) and exits 127
// (ENOENT) or 126 (EACCES).
var (
	tiniPrefix = []byte("[FATAL tini (")
	tiniFailed = regexp.MustCompile(`^\[FATAL tini \(\d+\)\] exec (.*) failed: (.*?)\r?\n$`)
)

// maxHeld bounds what tiniLine holds back while it looks like tini's line.
const maxHeld = 4096

// tiniLine passes a stream through unchanged, except that it holds back
// the stream's first line while it may be tini's exec failure, so that Run
// can replace that line with its own error. Anything else is released as
// soon as it cannot be that line; finish releases the rest.
type tiniLine struct {
	mu   sync.Mutex
	w    io.Writer
	buf  []byte
	open bool // holding back
	line bool // buf is exactly one such line
}

func newTiniLine(w io.Writer) *tiniLine { return &tiniLine{w: w, open: true} }

func (t *tiniLine) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if !t.open {
		return t.w.Write(p)
	}
	t.buf = append(t.buf, p...)
	t.line = tiniFailed.Match(t.buf)
	if t.line || t.mayBecome() {
		return len(p), nil
	}
	return len(p), t.release()
}

// mayBecome reports that more bytes could still make buf tini's line.
func (t *tiniLine) mayBecome() bool {
	n := min(len(t.buf), len(tiniPrefix))
	return bytes.HasPrefix(t.buf, tiniPrefix[:n]) && !bytes.Contains(t.buf, []byte("\n")) && len(t.buf) < maxHeld
}

func (t *tiniLine) release() error {
	t.open, t.line = false, false
	_, err := t.w.Write(t.buf)
	t.buf = nil
	return err
}

// failure returns what tini said after "failed: " (e.g. "No such file or
// directory") when the whole stream was its exec-failure line, else "".
func (t *tiniLine) failure() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	if !t.line {
		return ""
	}
	return string(tiniFailed.FindSubmatch(t.buf)[2])
}

// finish drops a held line of tini's when drop is set and releases
// anything else held back.
func (t *tiniLine) finish(drop bool) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if drop && t.line {
		t.buf = nil
	}
	if !t.open {
		return nil
	}
	return t.release()
}
