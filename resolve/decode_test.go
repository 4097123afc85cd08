package resolve

import (
	"testing"
	"time"
)

func TestTypeName(t *testing.T) {
	d := decodeDoc(t, `s = "x"
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
		if got := typeName(d.value(d.top[k])); got != name {
			t.Errorf("typeName(%s) = %q, want %q", k, got, name)
		}
	}
	if got := typeName(time.Duration(0)); got != "time.Duration" {
		t.Errorf("typeName(unexpected) = %q, want the Go type", got)
	}
}

func TestEntrypoint(t *testing.T) {
	tests := []struct {
		v    any
		want []string
		err  string
	}{
		{[]any{"jq", "-r"}, []string{"jq", "-r"}, ""},
		{"jq", nil, "must be an array of strings, not string"},
		{[]any{"jq", int64(1)}, nil, "element 1 must be a string, not integer"},
		{[]any{}, []string{}, "must not be empty (leave it out to use the image's own)"},
	}
	for _, tt := range tests {
		got, err := entrypoint(tt.v)
		if (err == nil && tt.err != "") || (err != nil && err.Error() != tt.err) || len(got) != len(tt.want) {
			t.Errorf("entrypoint(%#v) = %q, %v; want %q, %q", tt.v, got, err, tt.want, tt.err)
		}
	}
}
