package cache

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/adrg/xdg"
)

// DefaultMaxBytes is the size at which the log rotates: about 10,000
// records. The log and its one rotated file together hold at most twice it.
const DefaultMaxBytes = 4 << 20

// maxField bounds the strings a record holds, so that a record stays far
// below PIPE_BUF (4 KiB) and is written by one short write() (see Append).
const maxField = 512

// Log is the append-only call-record log: Path and, after rotation, Path.1.
type Log struct {
	Path     string
	MaxBytes int64 // rotate when Path grows past this; <= 0 means DefaultMaxBytes
}

// DefaultLog is the log at $XDG_STATE_HOME/sshell/calls.jsonl.
func DefaultLog() *Log {
	return &Log{Path: filepath.Join(xdg.StateHome, "sshell", "calls.jsonl")}
}

// Append adds rec to the log as one line.
//
// Appends take no lock: the file is opened O_APPEND and each record goes
// out in a single write() of less than 4 KiB. The kernel moves to the end
// and writes under the inode's lock, so concurrent sshell processes never
// interleave or overwrite each other's lines on a local file system, and a
// call pays one open, one write and one fstat, not a lock wait. A process
// killed mid-write can leave at most one torn line, which Read skips. Only
// rotation takes a lock (see rotate).
func (l *Log) Append(rec Record) error {
	line, err := encode(rec)
	if err != nil {
		return err
	}
	return l.appendLine(line)
}

// appendLine writes one whole line with one write() (see Append).
func (l *Log) appendLine(line []byte) error {
	if err := os.MkdirAll(filepath.Dir(l.Path), 0o700); err != nil {
		return fmt.Errorf("creating the directory of the log %s: %w", l.Path, err)
	}
	f, err := os.OpenFile(l.Path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("opening the log %s: %w", l.Path, err)
	}
	defer f.Close()
	if _, err := f.Write(line); err != nil {
		return fmt.Errorf("appending to the log %s: %w", l.Path, err)
	}
	return l.rotateIfFull(f)
}

// encode is rec as one JSON line, its strings cut to maxField bytes.
func encode(rec Record) ([]byte, error) {
	rec.Command, rec.Image, rec.Digest = cut(rec.Command), cut(rec.Image), cut(rec.Digest)
	b, err := json.Marshal(rec)
	if err != nil {
		return nil, fmt.Errorf("encoding a call record: %w", err)
	}
	return append(b, '\n'), nil
}

func cut(s string) string {
	if len(s) <= maxField {
		return s
	}
	return strings.ToValidUTF8(s[:maxField], "")
}

func (l *Log) maxBytes() int64 {
	if l.MaxBytes <= 0 {
		return DefaultMaxBytes
	}
	return l.MaxBytes
}
