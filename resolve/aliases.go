package resolve

import (
	"fmt"
	"maps"
	"slices"

	"github.com/BurntSushi/toml"
)

// aliases reads [tools.NAME.aliases.ALIAS]: more commands from the image
// of parent, which has been read without error. An alias shares the tool's
// image and platform, and nothing else: every other key is its own, with
// the same defaults as a tool's, so an alias is granted only what it asks
// for (docs/manifests.md).
func (d *doc) aliases(parent Tool, v any) []Tool {
	at := toml.Key{"tools", parent.Name, "aliases"}
	tables, _ := d.table(v, at)
	var out []Tool
	for _, name := range slices.Sorted(maps.Keys(tables)) {
		if t, ok := d.alias(parent, name, tables[name], child(at, name)); ok {
			out = append(out, t)
		}
	}
	return out
}

func (d *doc) alias(parent Tool, name string, v any, at toml.Key) (Tool, bool) {
	before := len(d.errs)
	if err := validName(name); err != nil {
		d.fail(at, err)
	}
	t := Tool{Name: name, Image: parent.Image, Platform: parent.Platform, Network: NetworkNone,
		AliasOf: parent.Name, Source: Source{d.path, d.line(at)}}
	fields, _ := d.table(v, at)
	for _, k := range slices.Sorted(maps.Keys(fields)) {
		switch k {
		case "image", "platform":
			d.fail(child(at, k), fmt.Errorf("an alias runs its tool's %s: set it on [tools.%s]", k, parent.Name))
		case "aliases", "schema":
			d.unknown(child(at, k))
		default:
			d.field(&t, child(at, k), fields[k])
		}
	}
	d.checkWhy(&t, at)
	return t, len(d.errs) == before
}

// once drops the second definition of a name in one file (a tool and an
// alias, or two aliases), reporting it where the first one is.
func (d *doc) once(tools []Tool) []Tool {
	seen := map[string]Source{}
	out := tools[:0]
	for _, t := range tools {
		if first, dup := seen[t.Name]; dup {
			d.errs = append(d.errs, &Error{Source: t.Source, Key: keyOf(t).String(),
				Err: fmt.Errorf("already defined at %s", first)})
			continue
		}
		seen[t.Name] = t.Source
		out = append(out, t)
	}
	return out
}

// keyOf is the table that defines t.
func keyOf(t Tool) toml.Key {
	if t.AliasOf != "" {
		return toml.Key{"tools", t.AliasOf, "aliases", t.Name}
	}
	return toml.Key{"tools", t.Name}
}
