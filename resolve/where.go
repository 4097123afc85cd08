package resolve

import (
	"errors"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
)

// line is the line where the key at is defined. A key with no position of
// its own (toml v1.6.0 keeps none for a variable named "") takes its
// table's; 0 if none is known.
func (d *doc) line(at toml.Key) int {
	for n := len(at); n > 0; n-- {
		if p, ok := d.primitive(at[:n]); ok {
			if line := d.where(p); line > 0 {
				return line
			}
		}
	}
	return 0
}

// primitive finds the key at, opening each table on the way once.
func (d *doc) primitive(at toml.Key) (toml.Primitive, bool) {
	p, ok := d.top[at[0]]
	for i := 1; ok && i < len(at); i++ {
		p, ok = d.open(at[:i], p)[at[i]]
	}
	return p, ok
}

// open is the keys of table p (nil when p is not a table), memoised so
// that finding each tool's line stays linear in the number of tools.
func (d *doc) open(at toml.Key, p toml.Primitive) map[string]toml.Primitive {
	name := at.String()
	m, done := d.children[name]
	if !done {
		_ = d.md.PrimitiveDecode(p, &m) // fails, leaving m nil, unless p is a table
		d.children[name] = m
	}
	return m
}

// where is the line where p's key is defined, 0 if unknown.
//
// toml.MetaData records every key's position but does not export it
// (v1.6.0). Two of its errors carry it: the message of a decode into an
// unsupported type ("toml: line 3 (last key ...): ..."), which costs O(1),
// and the ParseError an Unmarshaler's failure becomes (Position.Line),
// which is structured but costs O(file size) (it splits the whole file to
// find a column), so a file of many tools would parse in quadratic time.
// where reads the message, and falls back on the ParseError only if the
// message ever changes form (TestWhereReadsTheMessage guards that).
// A table made implicitly (by a dotted key, or a header [a.b] without
// [a]) has no position; where takes its first key's instead.
func (d *doc) where(p toml.Primitive) int {
	line, ok := lineInMessage(d.md.PrimitiveDecode(p, new(chan struct{})))
	if !ok {
		line = d.lineInParseError(p)
	}
	if line > 0 {
		return line
	}
	return d.firstLine(p)
}

// lineInMessage reads N from "toml: line N (last key ...", and reports
// whether err has that form or "toml: (last key ..." (no position).
func lineInMessage(err error) (int, bool) {
	if err == nil {
		return 0, false
	}
	msg := err.Error()
	if strings.HasPrefix(msg, "toml: (last key ") {
		return 0, true
	}
	rest, found := strings.CutPrefix(msg, "toml: line ")
	digits, _, _ := strings.Cut(rest, " (last key ")
	line, err := strconv.Atoi(digits)
	return line, found && err == nil && line > 0
}

func (d *doc) lineInParseError(p toml.Primitive) int {
	var pe toml.ParseError
	if errors.As(d.md.PrimitiveDecode(p, locator{}), &pe) {
		return pe.Position.Line
	}
	return 0
}

// locator is an Unmarshaler that always fails, for lineInParseError.
type locator struct{}

func (locator) UnmarshalTOML(any) error { return errors.New("locating key") }

// firstLine is the first line among the keys of table p, 0 if none.
func (d *doc) firstLine(p toml.Primitive) int {
	var children map[string]toml.Primitive
	_ = d.md.PrimitiveDecode(p, &children) // fails, leaving it nil, unless p is a table
	first := 0
	for _, c := range children {
		if line := d.where(c); line > 0 && (first == 0 || line < first) {
			first = line
		}
	}
	return first
}
