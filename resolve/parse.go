package resolve

import (
	"bytes"
	"cmp"
	"errors"
	"maps"
	"slices"

	"github.com/BurntSushi/toml"
)

// ParseFile reads one manifest; path names the file in Sources and errors.
// It returns the tools defined validly, in file order, and, joined, one
// *Error (wrapping ErrManifest) per problem, by line. A problem in one tool
// drops only that tool; a TOML syntax error drops the whole file.
func ParseFile(path string, data []byte) ([]Tool, error) {
	var top map[string]toml.Primitive
	md, err := toml.Decode(string(data), &top)
	if err != nil {
		return nil, syntaxError(path, data, err)
	}
	d := newDoc(path, &md, top)
	if p, ok := top["schema"]; ok && !d.schema(p) {
		return nil, d.err() // a format this sshell cannot read: none of it is used
	}
	var tools []Tool
	for _, k := range slices.Sorted(maps.Keys(top)) {
		switch k {
		case "schema":
		case "tools":
			tools = d.tools(d.value(top[k]))
		default:
			d.unknown(toml.Key{k})
		}
	}
	return tools, d.err()
}

func syntaxError(path string, data []byte, err error) error {
	var pe toml.ParseError
	if !errors.As(err, &pe) {
		return &Error{Source: Source{File: path}, Err: err}
	}
	return &Error{Source: Source{path, syntaxLine(data, pe.Position)}, Err: errors.New(pe.Message)}
}

// syntaxLine is pos.Line, except that toml counts an unexpected line end
// as on the next line ("[tools.jq" + "\n" is reported on line 2); the
// line is then counted from the byte offset, to point at the line at fault.
func syntaxLine(data []byte, pos toml.Position) int {
	if pos.Start >= 0 && pos.Start < len(data) && (data[pos.Start] == '\n' || data[pos.Start] == '\r') {
		return 1 + bytes.Count(data[:pos.Start], []byte("\n"))
	}
	return pos.Line
}

// tools reads the [tools] table: one table per tool.
func (d *doc) tools(v any) []Tool {
	tables, _ := d.table(v, toml.Key{"tools"})
	var tools []Tool
	for _, name := range slices.Sorted(maps.Keys(tables)) {
		if t, ok := d.tool(name, tables[name]); ok {
			tools = append(tools, t)
			if aliases, ok := tables[name].(map[string]any)["aliases"]; ok {
				tools = append(tools, d.aliases(t, aliases)...)
			}
		}
	}
	slices.SortStableFunc(tools, func(a, b Tool) int { return cmp.Compare(a.Source.Line, b.Source.Line) })
	return d.once(tools)
}

// tool reads [tools.NAME]; ok is false when anything in it is wrong.
func (d *doc) tool(name string, v any) (t Tool, ok bool) {
	at := toml.Key{"tools", name}
	before := len(d.errs)
	if err := validName(name); err != nil {
		d.fail(at, err)
	}
	t = Tool{Name: name, Network: NetworkNone, Source: Source{d.path, d.line(at)}}
	fields, isTable := d.table(v, at)
	for _, k := range slices.Sorted(maps.Keys(fields)) {
		if k != "aliases" { // read by aliases, once the tool is known good
			d.field(&t, child(at, k), fields[k])
		}
	}
	if _, found := fields["image"]; isTable && !found {
		d.fail(at, errors.New(`missing required key "image"`))
	}
	if aliases, found := fields["aliases"]; found {
		d.table(aliases, child(at, "aliases"))
	}
	d.checkWhy(&t, at)
	return t, len(d.errs) == before
}

// field reads one key of a tool's table into t.
func (d *doc) field(t *Tool, at toml.Key, v any) {
	var err error
	switch at[len(at)-1] {
	case "image":
		t.Image, err = str(v, validImage)
	case "network":
		t.Network, err = str(v, validNetwork)
	case "entrypoint":
		t.Entrypoint, err = entrypoint(v)
	case "env":
		t.Env = d.env(v, at)
	case "cap_add":
		t.CapAdd, err = capList(v)
	case "limits":
		t.Limits = d.limits(v, at)
	case "args":
		t.Args, err = stringList(v)
	case "mounts":
		t.Mounts = d.mounts(v, at)
	case "user":
		t.User, err = str(v, validUser)
	case "platform":
		t.Platform, err = str(v, validPlatform)
	case "tty":
		t.TTY, err = str(v, validTTY)
	case "description":
		t.Description, err = str(v, validLine)
	case "why":
		t.Why = d.why(v, at)
	default:
		d.unknown(at)
	}
	if err != nil {
		d.fail(at, err)
	}
}

// env reads the env table, reporting each bad variable at its own line.
func (d *doc) env(v any, at toml.Key) map[string]string {
	vars, _ := d.table(v, at)
	var env map[string]string
	for _, name := range slices.Sorted(maps.Keys(vars)) {
		value, err := str(vars[name], func(s string) error { return validEnv(name, s) })
		if err != nil {
			d.fail(child(at, name), err)
			continue
		}
		if env == nil {
			env = make(map[string]string, len(vars))
		}
		env[name] = value
	}
	return env
}
