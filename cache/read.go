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
	var recs []Record
	for _, p := range []string{l.Path + ".1", l.Path} {
		f, err := os.Open(p)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return recs, fmt.Errorf("reading the call log: %w", err)
		}
		recs, err = readLines(f, recs)
		f.Close()
		if err != nil {
			return recs, fmt.Errorf("reading the call log %s: %w", p, err)
		}
	}
	return recs, nil
}

func readLines(r io.Reader, recs []Record) ([]Record, error) {
	br := bufio.NewReader(r)
	for {
		line, err := br.ReadBytes('\n')
		if rec, ok := parse(line); ok {
			recs = append(recs, rec)
		}
		if err == io.EOF {
			return recs, nil
		}
		if err != nil {
			return recs, err
		}
	}
}

// parse reads one line as a record, else its tail from the last recordStart.
func parse(line []byte) (Record, bool) {
	var rec Record
	if json.Unmarshal(line, &rec) == nil && rec.V > 0 {
		return rec, true
	}
	i := bytes.LastIndex(line, recordStart)
	if i <= 0 {
		return Record{}, false
	}
	rec = Record{}
	return rec, json.Unmarshal(line[i:], &rec) == nil && rec.V > 0
}
