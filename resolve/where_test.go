package resolve

import (
	"errors"
	"testing"

	"github.com/BurntSushi/toml"
)

// decodeDoc decodes data into a doc, failing the test on a syntax error.
func decodeDoc(t *testing.T, data string) *doc {
	t.Helper()
	var top map[string]toml.Primitive
	md, err := toml.Decode(data, &top)
	if err != nil {
		t.Fatalf("toml.Decode: %v", err)
	}
	return newDoc("m.toml", &md, top)
}

func TestLine(t *testing.T) {
	d := decodeDoc(t, `# line 1
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
"e.f" = { image = "e", env = { "" = "x" } }
`)
	tests := []struct {
		at   toml.Key
		want int
	}{
		{toml.Key{"tools", "a"}, 2},
		{toml.Key{"tools", "a", "image"}, 3},
		{toml.Key{"tools", "a", "entrypoint"}, 4}, // where the value starts
		{toml.Key{"tools", "b"}, 8},               // implicit: its first key's line
		{toml.Key{"tools", "b", "env", "X"}, 9},
		{toml.Key{"tools"}, 11}, // the [tools] header, though its sub-tables come first
		{toml.Key{"tools", "c"}, 12},
		{toml.Key{"tools", "d"}, 13},
		{toml.Key{"tools", "e.f"}, 14},
		{toml.Key{"tools", "e.f", "env", ""}, 14}, // no position of its own: its table's
		{toml.Key{"tools", "a", "image", "deeper"}, 3},
		{toml.Key{"absent"}, 0},
	}
	for _, tt := range tests {
		if got := d.line(tt.at); got != tt.want {
			t.Errorf("line(%v) = %d, want %d", tt.at, got, tt.want)
		}
	}
}

// where relies on the form of a toml error message for speed; if an
// upgrade of github.com/BurntSushi/toml changes it, where falls back on a
// slower way and this test says so.
func TestWhereReadsTheMessage(t *testing.T) {
	d := decodeDoc(t, "\n[tools.jq]\nimage = \"x\"\n")
	p, _ := d.primitive(toml.Key{"tools", "jq"})
	err := d.md.PrimitiveDecode(p, new(chan struct{}))
	if line, ok := lineInMessage(err); !ok || line != 2 {
		t.Errorf("lineInMessage(%q) = %d, %v; want 2, true", err, line, ok)
	}
	if line := d.lineInParseError(p); line != 2 {
		t.Errorf("lineInParseError = %d, want 2", line)
	}
}

func TestLineInMessage(t *testing.T) {
	tests := []struct {
		msg  string
		line int
		ok   bool
	}{
		{`toml: line 12 (last key "tools.jq"): unsupported type chan`, 12, true},
		{`toml: (last key "tools.jq"): unsupported type chan`, 0, true},
		{`toml: line x (last key "tools.jq"): unsupported type chan`, 0, false},
		{`toml: unsupported type chan`, 0, false},
		{`something else`, 0, false},
	}
	for _, tt := range tests {
		if line, ok := lineInMessage(errors.New(tt.msg)); line != tt.line || ok != tt.ok {
			t.Errorf("lineInMessage(%q) = %d, %v; want %d, %v", tt.msg, line, ok, tt.line, tt.ok)
		}
	}
	if _, ok := lineInMessage(nil); ok {
		t.Error("lineInMessage(nil) is ok")
	}
}
