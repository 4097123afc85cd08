package resolve

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/BurntSushi/toml"
)

// doc is one decoded manifest. Values stay toml.Primitive until read, so
// each keeps its key path and line() can find where it is defined.
type doc struct {
	path string
	md   *toml.MetaData
	errs []*Error
}

// line is the line where p's key is defined.
//
// toml.MetaData records every key's position but does not export it
// (v1.6.0); it does put it in the ParseError it returns when an Unmarshaler
// fails, so line decodes p into one that always fails and reads the
// position there. A table made implicitly (by a dotted key, or a header
// [a.b] without [a]) has no position; line takes its first key's instead.
func (d *doc) line(p toml.Primitive) int {
	var pe toml.ParseError
	if errors.As(d.md.PrimitiveDecode(p, locator{}), &pe) && pe.Position.Line > 0 {
		return pe.Position.Line
	}
	var children map[string]toml.Primitive
	if d.md.PrimitiveDecode(p, &children) != nil {
		return 0
	}
	first := 0
	for _, c := range children {
		if l := d.line(c); l > 0 && (first == 0 || l < first) {
			first = l
		}
	}
	return first
}

// locator is the always-failing Unmarshaler line() needs.
type locator struct{}

func (locator) UnmarshalTOML(any) error { return errors.New("locating key") }

// value is p as plain Go data: string, int64, float64, bool, time.Time,
// []any, []map[string]any or map[string]any.
func (d *doc) value(p toml.Primitive) any {
	var v any
	_ = d.md.PrimitiveDecode(p, &v) // cannot fail: any takes every TOML value
	return v
}

// table reads p as a table, reporting it at key when it is not one.
func (d *doc) table(p toml.Primitive, key toml.Key) (map[string]toml.Primitive, bool) {
	v := d.value(p)
	if _, ok := v.(map[string]any); !ok {
		d.fail(p, key, fmt.Errorf("must be a table, not %s", typeName(v)))
		return nil, false
	}
	var m map[string]toml.Primitive
	if err := d.md.PrimitiveDecode(p, &m); err != nil {
		d.fail(p, key, err) // not expected: v is a table
		return nil, false
	}
	return m, true
}

// str reads p as a string that check accepts.
func (d *doc) str(p toml.Primitive, check func(string) error) (string, error) {
	v := d.value(p)
	s, ok := v.(string)
	if !ok {
		return "", fmt.Errorf("must be a string, not %s", typeName(v))
	}
	return s, check(s)
}

// strings reads p as an entrypoint: an array of strings.
func (d *doc) strings(p toml.Primitive) ([]string, error) {
	v := d.value(p)
	list, ok := v.([]any)
	if !ok {
		return nil, fmt.Errorf("must be an array of strings, not %s", typeName(v))
	}
	argv := make([]string, len(list))
	for i, e := range list {
		if argv[i], ok = e.(string); !ok {
			return nil, fmt.Errorf("element %d must be a string, not %s", i, typeName(e))
		}
	}
	return argv, validEntrypoint(argv)
}

func typeName(v any) string {
	switch v.(type) {
	case string:
		return "string"
	case int64:
		return "integer"
	case float64:
		return "float"
	case bool:
		return "boolean"
	case time.Time:
		return "datetime"
	case []any:
		return "array"
	case []map[string]any:
		return "array of tables"
	case map[string]any:
		return "table"
	}
	return fmt.Sprintf("%T", v)
}

// fail records a problem with p, reported at key (nil: the file itself).
func (d *doc) fail(p toml.Primitive, key toml.Key, err error) { d.failAt(d.line(p), key, err) }

func (d *doc) failAt(line int, key toml.Key, err error) {
	d.errs = append(d.errs, &Error{Source: Source{d.path, line}, Key: key.String(), Err: err})
}

// err joins the problems found, by line.
func (d *doc) err() error {
	slices.SortStableFunc(d.errs, func(a, b *Error) int { return cmp.Compare(a.Source.Line, b.Source.Line) })
	errs := make([]error, len(d.errs))
	for i, e := range d.errs {
		errs[i] = e
	}
	return errors.Join(errs...)
}

// child is key.piece without sharing key's backing array.
func child(key toml.Key, piece string) toml.Key {
	return append(key[:len(key):len(key)], piece)
}
