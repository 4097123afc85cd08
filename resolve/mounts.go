package resolve

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
)

// mounts reads the mounts array: tables {source, target, readonly}. A bad
// element is reported at the mounts key, with its index.
func (d *doc) mounts(v any, at toml.Key) []Mount {
	list, ok := tableList(v)
	if !ok {
		d.fail(at, fmt.Errorf("must be an array of tables {source, target, readonly}, not %s", typeName(v)))
		return nil
	}
	var out []Mount
	for i, fields := range list {
		m, err := mountOf(fields)
		if err != nil {
			d.fail(at, fmt.Errorf("element %d: %w", i, err))
			continue
		}
		out = append(out, m)
	}
	return out
}

// tableList reads v as an array of tables, in either TOML form.
func tableList(v any) ([]map[string]any, bool) {
	if list, ok := v.([]map[string]any); ok {
		return list, true
	}
	list, ok := v.([]any)
	out := make([]map[string]any, len(list))
	for i := 0; ok && i < len(list); i++ {
		out[i], ok = list[i].(map[string]any)
	}
	return out, ok
}

// mountOf reads one mount; the target defaults to the source.
func mountOf(fields map[string]any) (m Mount, err error) {
	for _, k := range slices.Sorted(maps.Keys(fields)) {
		switch v := fields[k]; k {
		case "source":
			m.Source, err = str(v, nonEmpty)
		case "target":
			m.Target, err = str(v, nonEmpty)
		case "readonly":
			var ok bool
			if m.ReadOnly, ok = v.(bool); !ok {
				err = fmt.Errorf("must be a boolean, not %s", typeName(v))
			}
		default:
			err = fmt.Errorf("unknown key %q", k)
		}
		if err != nil {
			return m, fmt.Errorf("%s: %w", k, err)
		}
	}
	if m.Source == "" {
		return m, errors.New(`missing required key "source"`)
	}
	if m.Source, err = hostPath(m.Source); err != nil {
		return m, fmt.Errorf("source: %w", err)
	}
	if m.Target == "" {
		m.Target = m.Source
	} else if m.Target, err = hostPath(m.Target); err != nil {
		return m, fmt.Errorf("target: %w", err)
	}
	return m, nil
}

func nonEmpty(s string) error {
	if s == "" {
		return errors.New("must not be empty")
	}
	return nil
}

// hostPath expands a leading "~" to the caller's home and wants an
// absolute path with no NUL byte. Written by hand: filepath has no "~".
func hostPath(p string) (string, error) {
	if strings.ContainsRune(p, 0) {
		return "", errors.New("contains a NUL byte")
	}
	if p == "~" || strings.HasPrefix(p, "~/") {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("cannot expand %q: %w", p, err)
		}
		p = home + p[1:]
	}
	if !filepath.IsAbs(p) {
		return "", fmt.Errorf("%q must be absolute or start with ~/", p)
	}
	return filepath.Clean(p), nil
}
