package cache

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
)

// recordStart is how every record's JSON begins (Record.V is its first field).
var recordStart = []byte(`{"v":`)

// Read returns every record in the log, the rotated file's first, in file
// order (not necessarily time order). A missing log is no records.
//
// Lines that do not hold a record are skipped: a torn line left by a
// process killed mid-write, or anything else. A torn line has no newline,
// so the next record is appended to it; that record is recovered from its
// last recordStart.
func (l *Log) Read() ([]Record, error) {
	return readLog(l, parse)
}

// readLog reads every line of the rotated file, then the log, keeping what
// parseLine takes; a line it refuses is recovered from its last
// recordStart (a torn line followed by a whole one).
func readLog[T any](l *Log, parseLine func([]byte) (T, bool)) ([]T, error) {
	var out []T
	for _, p := range []string{l.Path + ".1", l.Path} {
		f, err := os.Open(p)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return out, fmt.Errorf("reading the log %s: %w", p, err)
		}
		out, err = readLines(f, out, parseLine)
		f.Close()
		if err != nil {
			return out, fmt.Errorf("reading the log %s: %w", p, err)
		}
	}
	return out, nil
}

func readLines[T any](r io.Reader, out []T, parseLine func([]byte) (T, bool)) ([]T, error) {
	br := bufio.NewReader(r)
	for {
		line, err := br.ReadBytes('\n')
		if v, ok := parseLine(line); ok {
			out = append(out, v)
		} else if i := bytes.LastIndex(line, recordStart); i > 0 {
			if v, ok := parseLine(line[i:]); ok {
				out = append(out, v)
			}
		}
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
	}
}

// parse reads one line as a record.
func parse(line []byte) (Record, bool) {
	var rec Record
	return rec, json.Unmarshal(line, &rec) == nil && rec.V > 0
}
