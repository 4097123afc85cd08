package resolve

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/BurntSushi/toml"
)

// doc is one decoded manifest. Its values are read as plain Go data; the
// toml.Primitive form of the same keys is kept only to find their lines.
type doc struct {
	path     string
	md       *toml.MetaData
	top      map[string]toml.Primitive
	children map[string]map[string]toml.Primitive // tables opened by primitive, by key
	errs     []*Error
}

func newDoc(path string, md *toml.MetaData, top map[string]toml.Primitive) *doc {
	return &doc{path: path, md: md, top: top, children: map[string]map[string]toml.Primitive{}}
}

// value is p as plain Go data: string, int64, float64, bool, time.Time,
// []any, []map[string]any or map[string]any.
func (d *doc) value(p toml.Primitive) any {
	var v any
	_ = d.md.PrimitiveDecode(p, &v) // cannot fail: any takes every TOML value
	return v
}

// table reads v as a table, reporting the key at when it is not one.
func (d *doc) table(v any, at toml.Key) (map[string]any, bool) {
	m, ok := v.(map[string]any)
	if !ok {
		d.fail(at, fmt.Errorf("must be a table, not %s", typeName(v)))
	}
	return m, ok
}

// str reads v as a string that check accepts.
func str(v any, check func(string) error) (string, error) {
	s, ok := v.(string)
	if !ok {
		return "", fmt.Errorf("must be a string, not %s", typeName(v))
	}
	return s, check(s)
}

// entrypoint reads v as an array of strings.
func entrypoint(v any) ([]string, error) {
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

// fail records a problem with the key at.
func (d *doc) fail(at toml.Key, err error) {
	d.errs = append(d.errs, &Error{Source: Source{d.path, d.line(at)}, Key: at.String(), Err: err})
}

// unknown records that the key at is not part of the format; the error
// names the table it is in.
func (d *doc) unknown(at toml.Key) {
	table := at[: len(at)-1 : len(at)-1]
	err := fmt.Errorf("unknown key %q", at[len(at)-1])
	d.errs = append(d.errs, &Error{Source: Source{d.path, d.line(at)}, Key: table.String(), Err: err})
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
