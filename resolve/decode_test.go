package resolve

import (
	"testing"
	"time"

	"github.com/BurntSushi/toml"
)

// decodeDoc decodes data into a doc, failing the test on a syntax error.
func decodeDoc(t *testing.T, data string) (*doc, map[string]toml.Primitive) {
	t.Helper()
	var top map[string]toml.Primitive
	md, err := toml.Decode(data, &top)
	if err != nil {
		t.Fatalf("toml.Decode: %v", err)
	}
	return &doc{path: "m.toml", md: &md}, top
}

// primitive walks from top down the key path.
func primitive(t *testing.T, d *doc, top map[string]toml.Primitive, path ...string) toml.Primitive {
	t.Helper()
	p := top[path[0]]
	for _, k := range path[1:] {
		m, ok := d.table(p, nil)
		if !ok {
			t.Fatalf("%v: not a table", path)
		}
		p = m[k]
	}
	return p
}

func TestLine(t *testing.T) {
	const data = `# line 1
[tools.a]
image = "a"
entrypoint = [
  "a",
]

[tools.b.env]
X = "1"

[tools]
c = { image = "c" }
d.image = "d"
"e.f" = { image = "e" }
`
	tests := []struct {
		path []string
		want int
	}{
		{[]string{"tools", "a"}, 2},
		{[]string{"tools", "a", "image"}, 3},
		{[]string{"tools", "a", "entrypoint"}, 4}, // where the value starts
		{[]string{"tools", "b"}, 8},               // implicit: its first key's line
		{[]string{"tools", "b", "env", "X"}, 9},
		{[]string{"tools"}, 11}, // the [tools] header, though its sub-tables come first
		{[]string{"tools", "c"}, 12},
		{[]string{"tools", "d"}, 13},
		{[]string{"tools", "e.f"}, 14},
	}
	d, top := decodeDoc(t, data)
	for _, tt := range tests {
		if got := d.line(primitive(t, d, top, tt.path...)); got != tt.want {
			t.Errorf("line(%v) = %d, want %d", tt.path, got, tt.want)
		}
	}
}

func TestTypeName(t *testing.T) {
	d, top := decodeDoc(t, `s = "x"
i = 1
f = 1.5
b = true
t = 1979-05-27T07:32:00Z
ld = 1979-05-27
a = [1]
h = { x = 1 }
[[aot]]
`)
	want := map[string]string{
		"s": "string", "i": "integer", "f": "float", "b": "boolean", "t": "datetime", "ld": "datetime",
		"a": "array", "h": "table", "aot": "array of tables",
	}
	for k, name := range want {
		if got := typeName(d.value(top[k])); got != name {
			t.Errorf("typeName(%s) = %q, want %q", k, got, name)
		}
	}
	if got := typeName(time.Duration(0)); got != "time.Duration" {
		t.Errorf("typeName(unexpected) = %q, want the Go type", got)
	}
}
