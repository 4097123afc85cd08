package resolve

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

const example = `[tools.jq]
image = "ghcr.io/jqlang/jq:1.7.1"   # required
entrypoint = ["jq"]                 # optional; default: the image's own ENTRYPOINT/CMD
env = { TZ = "UTC" }                # optional
network = "none"                    # none | host | bridge; default none
`

func TestParseFileValid(t *testing.T) {
	src := func(line int) Source { return Source{"m.toml", line} }
	tests := []struct {
		name, data string
		want       []Tool
	}{
		{"empty file", "", nil},
		{"comments only", "# nothing yet\n", nil},
		{"empty tools table", "[tools]\n", nil},
		{"the documented example", example, []Tool{{
			Name: "jq", Image: "ghcr.io/jqlang/jq:1.7.1", Entrypoint: []string{"jq"},
			Env: map[string]string{"TZ": "UTC"}, Network: "none", Source: src(1),
		}}},
		{"defaults", "[tools.jq]\nimage = \"jq\"\n",
			[]Tool{{Name: "jq", Image: "jq", Network: NetworkNone, Source: src(1)}}},
		{"several tools in file order, in every TOML form", `
[tools.zz]
image = "alpine:3.20"
network = "host"

[tools]
yq = { image = "mikefarah/yq", entrypoint = ["yq", "--no-colors"] }
xx.image = "busybox@sha256:0123456789012345678901234567890123456789012345678901234567890123"

[tools.ww.env]
A = "1"
[tools.ww]
image = "localhost:5000/ww"
network = "bridge"
`, []Tool{
			{Name: "zz", Image: "alpine:3.20", Network: NetworkHost, Source: src(2)},
			{Name: "yq", Image: "mikefarah/yq", Entrypoint: []string{"yq", "--no-colors"}, Network: NetworkNone, Source: src(7)},
			{Name: "xx", Image: "busybox@sha256:0123456789012345678901234567890123456789012345678901234567890123", Network: NetworkNone, Source: src(8)},
			{Name: "ww", Image: "localhost:5000/ww", Env: map[string]string{"A": "1"}, Network: NetworkBridge, Source: src(12)},
		}},
		{"a tool table is where its header is, even after a sub-table", "\n[tools.jq.env]\nA = \"\"\n\n[tools.jq]\nimage = \"x\"\n", []Tool{
			{Name: "jq", Image: "x", Env: map[string]string{"A": ""}, Network: NetworkNone, Source: src(5)},
		}},
		{"a table made by dotted keys is where its first key is", "\n\ntools.jq.network = \"host\"\ntools.jq.image = \"x\"\n", []Tool{
			{Name: "jq", Image: "x", Network: NetworkHost, Source: src(3)},
		}},
		{"names a shell can run", "[tools.\"7z\"]\nimage = \"x\"\n[tools.\"g++\"]\nimage = \"x\"\n[tools.\"é\"]\nimage = \"x\"\n", []Tool{
			{Name: "7z", Image: "x", Network: NetworkNone, Source: src(1)},
			{Name: "g++", Image: "x", Network: NetworkNone, Source: src(3)},
			{Name: "é", Image: "x", Network: NetworkNone, Source: src(5)},
		}},
		{"entrypoint arguments may be empty", "[tools.e]\nimage = \"x\"\nentrypoint = [\"sh\", \"\"]\n", []Tool{
			{Name: "e", Image: "x", Entrypoint: []string{"sh", ""}, Network: NetworkNone, Source: src(1)},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseFile("m.toml", []byte(tt.data))
			if err != nil {
				t.Fatalf("ParseFile: %v", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ParseFile =\n%+v\nwant\n%+v", got, tt.want)
			}
		})
	}
}

func TestParseFileErrors(t *testing.T) {
	tests := []struct {
		name, data string
		want       []string // the error's lines
	}{
		{"syntax: unclosed table header", "[tools.jq\nimage = \"x\"\n",
			[]string{`manifest m.toml:1: expected '.' or ']' to end table name, but got '\n' instead`}},
		{"syntax: missing value", "[tools.jq]\nimage =\n",
			[]string{`manifest m.toml:2: expected value but found '\n' instead`}},
		{"syntax: key defined twice", "[tools.jq]\nimage = \"a\"\nimage = \"b\"\n",
			[]string{`manifest m.toml:3: Key 'tools.jq.image' has already been defined.`}},
		{"syntax: tool defined twice in one file", "[tools.jq]\nimage = \"a\"\n[tools.jq]\nimage = \"b\"\n",
			[]string{`manifest m.toml:3: Key 'tools.jq' has already been defined.`}},
		{"syntax: not UTF-8", "# \xff\n",
			[]string{`manifest m.toml:1: invalid UTF-8 byte: 0xff`}},
		{"unknown top-level key", "toolz = 1\n",
			[]string{`manifest m.toml:1: unknown key "toolz"`}},
		{"unknown top-level table", "\n[tool.jq]\nimage = \"x\"\n",
			[]string{`manifest m.toml:2: unknown key "tool"`}},
		{"tools is not a table", "tools = [1]\n",
			[]string{`manifest m.toml:1: tools: must be a table, not array`}},
		{"tool is not a table", "[tools]\njq = \"jq\"\n",
			[]string{`manifest m.toml:2: tools.jq: must be a table, not string`}},
		{"tool is an array of tables", "[[tools.jq]]\nimage = \"x\"\n",
			[]string{`manifest m.toml:1: tools.jq: must be a table, not array of tables`}},
		{"unknown key in a tool", "[tools.jq]\nimage = \"x\"\nimgae = \"x\"\n",
			[]string{`manifest m.toml:3: tools.jq: unknown key "imgae"`}},
		{"missing image", "\n[tools.jq]\nentrypoint = [\"jq\"]\n",
			[]string{`manifest m.toml:2: tools.jq: missing required key "image"`}},
		{"image is not a string", "[tools.jq]\nimage = 3\n",
			[]string{`manifest m.toml:2: tools.jq.image: must be a string, not integer`}},
		{"image is empty", "[tools.jq]\nimage = \"\"\n",
			[]string{`manifest m.toml:2: tools.jq.image: must not be empty`}},
		{"image has upper case", "[tools.jq]\nimage = \"Jq\"\n",
			[]string{`manifest m.toml:2: tools.jq.image: invalid image reference "Jq": invalid reference format: repository name (library/Jq) must be lowercase`}},
		{"image has a bad tag", "[tools.jq]\nimage = \"jq:1.7 .1\"\n",
			[]string{`manifest m.toml:2: tools.jq.image: invalid image reference "jq:1.7 .1": invalid reference format`}},
		{"network is unknown", "[tools.jq]\nimage = \"x\"\nnetwork = \"internet\"\n",
			[]string{`manifest m.toml:3: tools.jq.network: "internet" is not one of none, host, bridge`}},
		{"network is not a string", "[tools.jq]\nimage = \"x\"\nnetwork = true\n",
			[]string{`manifest m.toml:3: tools.jq.network: must be a string, not boolean`}},
		{"entrypoint is a string", "[tools.jq]\nimage = \"x\"\nentrypoint = \"jq\"\n",
			[]string{`manifest m.toml:3: tools.jq.entrypoint: must be an array of strings, not string`}},
		{"entrypoint is empty", "[tools.jq]\nimage = \"x\"\nentrypoint = []\n",
			[]string{`manifest m.toml:3: tools.jq.entrypoint: must not be empty (leave it out to use the image's own)`}},
		{"entrypoint command is empty", "[tools.jq]\nimage = \"x\"\nentrypoint = [\"\"]\n",
			[]string{`manifest m.toml:3: tools.jq.entrypoint: the command (first element) must not be empty`}},
		{"entrypoint element is not a string", "[tools.jq]\nimage = \"x\"\nentrypoint = [\n  \"jq\",\n  1,\n]\n",
			[]string{`manifest m.toml:3: tools.jq.entrypoint: element 1 must be a string, not integer`}},
		{"entrypoint with a NUL byte", "[tools.jq]\nimage = \"x\"\nentrypoint = [\"jq\", \"a\\u0000\"]\n",
			[]string{`manifest m.toml:3: tools.jq.entrypoint: element 1 contains a NUL byte`}},
		{"env is not a table", "[tools.jq]\nimage = \"x\"\nenv = [\"A=1\"]\n",
			[]string{`manifest m.toml:3: tools.jq.env: must be a table, not array`}},
		{"env value is not a string", "[tools.jq]\nimage = \"x\"\n[tools.jq.env]\nA = \"1\"\nPORT = 8080\n",
			[]string{`manifest m.toml:5: tools.jq.env.PORT: must be a string, not integer`}},
		{"env name with '='", "[tools.jq]\nimage = \"x\"\nenv = { \"A=B\" = \"1\" }\n",
			[]string{`manifest m.toml:3: tools.jq.env."A=B": variable name must not contain '='`}},
		{"env name empty", "[tools.jq]\nimage = \"x\"\n\n[tools.jq.env]\nA = \"1\"\n\"\" = \"2\"\n",
			[]string{`manifest m.toml:6: tools.jq.env."": variable name must not be empty`}},
		{"env name empty, inline", "[tools.jq]\nimage = \"x\"\nenv = { \"\" = \"2\" }\n",
			[]string{`manifest m.toml:3: tools.jq.env."": variable name must not be empty`}},
		{"env value with a NUL byte", "[tools.jq]\nimage = \"x\"\nenv = { A = \"\\u0000\" }\n",
			[]string{`manifest m.toml:3: tools.jq.env.A: must not contain a NUL byte`}},
		{"name empty", "[tools.\"\"]\nimage = \"x\"\n",
			[]string{`manifest m.toml:1: tools."": tool name must not be empty`}},
		{"name with '/'", "[tools.\"bin/jq\"]\nimage = \"x\"\n",
			[]string{`manifest m.toml:1: tools."bin/jq": tool name "bin/jq" must not contain '/'`}},
		{"name with a space", "[tools.\"j q\"]\nimage = \"x\"\n",
			[]string{`manifest m.toml:1: tools."j q": tool name "j q" must not contain whitespace or unprintable characters`}},
		{"name with a tab", "[tools]\n\"j\\tq\" = { image = \"x\" }\n",
			[]string{`manifest m.toml:2: tools."j\tq": tool name "j\tq" must not contain whitespace or unprintable characters`}},
		{"name with a zero-width space", "[tools]\n\"j\u200bq\" = { image = \"x\" }\n",
			[]string{"manifest m.toml:2: tools.\"j\u200bq\": tool name" + ` "j\u200bq" must not contain whitespace or unprintable characters`}}, // %q shows what the key hides
		{"name with a leading '-'", "[tools.-jq]\nimage = \"x\"\n",
			[]string{`manifest m.toml:1: tools.-jq: tool name "-jq" must not start with '-'`}},
		{"every problem, by line", "[tools.jq]\nimage = \"Jq\"\nnetwork = \"x\"\nflags = 1\n[tools.yq]\n",
			[]string{
				`manifest m.toml:2: tools.jq.image: invalid image reference "Jq": invalid reference format: repository name (library/Jq) must be lowercase`,
				`manifest m.toml:3: tools.jq.network: "x" is not one of none, host, bridge`,
				`manifest m.toml:4: tools.jq: unknown key "flags"`,
				`manifest m.toml:5: tools.yq: missing required key "image"`,
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tools, err := ParseFile("m.toml", []byte(tt.data))
			if err == nil {
				t.Fatalf("ParseFile = %+v, nil; want an error", tools)
			}
			if got := strings.Split(err.Error(), "\n"); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("error:\n%s\nwant:\n%s", err, strings.Join(tt.want, "\n"))
			}
			if !errors.Is(err, ErrManifest) {
				t.Errorf("error %v does not wrap ErrManifest", err)
			}
			if len(tools) != 0 {
				t.Errorf("ParseFile returned invalid tools %+v", tools)
			}
		})
	}
}

// A broken tool is dropped; the others in the file stay usable.
func TestParseFileKeepsValidTools(t *testing.T) {
	data := "[tools.bad]\nimage = 1\n\n[tools.good]\nimage = \"x\"\n"
	tools, err := ParseFile("m.toml", []byte(data))
	want := []Tool{{Name: "good", Image: "x", Network: NetworkNone, Source: Source{"m.toml", 4}}}
	if !reflect.DeepEqual(tools, want) {
		t.Errorf("tools = %+v, want %+v", tools, want)
	}
	var e *Error
	if !errors.As(err, &e) || e.Source != (Source{"m.toml", 2}) || e.Key != "tools.bad.image" {
		t.Errorf("error = %#v, want an *Error at m.toml:2 about tools.bad.image", err)
	}
}

func TestSyntaxLine(t *testing.T) {
	tests := []struct {
		data  string
		start int
		line  int
		want  int
	}{
		{"[a\nb = 1\n", 2, 2, 1},      // the end of line 1, reported as line 2
		{"[a\r\nb = 1\n", 2, 2, 1},    // the same with CRLF
		{"a = 1\nb = 1x\n", 11, 2, 2}, // an ordinary character: toml's line stands
		{"a = 'x", 6, 1, 1},           // the end of the file
		{"a", -1, 3, 3},               // no offset: toml's line stands
	}
	for _, tt := range tests {
		pos := toml.Position{Line: tt.line, Start: tt.start}
		if got := syntaxLine([]byte(tt.data), pos); got != tt.want {
			t.Errorf("syntaxLine(%q, %+v) = %d, want %d", tt.data, pos, got, tt.want)
		}
	}
}

func FuzzParseFile(f *testing.F) {
	for _, seed := range []string{
		example, "", "[tools]\n", "tools = 3", "[[tools.jq]]\n", "[tools.jq.env]\n\"\" = \"\"\n",
		"[tools]\njq = { image = \"jq\", entrypoint = [\"jq\", 1], env = { A = 1 } }\n",
		"tools.a.b.c = 1\n[tools.\"a\\nb\"]\nimage = \"Foo\"\nnetwork = \"x\"\n",
		"[tools.jq\n", "a = \"\"\"\n", "\xff",
		v1Example, "schema = 2\n", "[tools.n]\nimage = \"x\"\n[tools.n.aliases.a]\nmounts = [{ source = \"~\" }]\nwhy = { a = 1 }\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		tools, err := ParseFile("f.toml", data)
		if err != nil && !errors.Is(err, ErrManifest) {
			t.Errorf("error %v does not wrap ErrManifest", err)
		}
		for _, tool := range tools {
			if validName(tool.Name) != nil || validImage(tool.Image) != nil || validNetwork(tool.Network) != nil ||
				(tool.User != "" && validUser(tool.User) != nil) || (tool.TTY != "" && validTTY(tool.TTY) != nil) ||
				(tool.Platform != "" && validPlatform(tool.Platform) != nil) {
				t.Errorf("ParseFile returned an invalid tool %+v", tool)
			}
		}
	})
}
