package resolve

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

const v1Example = `schema = 1

[tools.nettools]
image = "docker.io/nicolaka/netshoot"
description = "network tools"
args = ["-c"]
user = "caller"
platform = "linux/amd64"
tty = "never"
mounts = [
  { source = "~/.config/x", target = "/cfg", readonly = true },
  { source = "/srv/data" },
]
why = { "~/.config/x" = "reads its settings" }

[tools.nettools.aliases.dig]
entrypoint = ["dig"]
network = "bridge"
why = { network = "asks DNS servers" }

[tools.nettools.aliases.mtr]
entrypoint = ["mtr"]
cap_add = ["net_raw"]
user = "root"
tty = "always"
why = { NET_RAW = "raw sockets", user = "capabilities need root" }
`

func TestParseSchemaV1(t *testing.T) {
	t.Setenv("HOME", "/home/u")
	got, err := ParseFile("m.toml", []byte(v1Example))
	if err != nil {
		t.Fatal(err)
	}
	want := []Tool{
		{Name: "nettools", Image: "docker.io/nicolaka/netshoot", Network: NetworkNone, Source: Source{"m.toml", 3},
			Description: "network tools", Args: []string{"-c"}, User: UserCaller, Platform: "linux/amd64", TTY: TTYNever,
			Mounts: []Mount{{Source: "/home/u/.config/x", Target: "/cfg", ReadOnly: true}, {Source: "/srv/data", Target: "/srv/data"}},
			Why:    map[string]string{"/home/u/.config/x": "reads its settings"}},
		{Name: "dig", Image: "docker.io/nicolaka/netshoot", Platform: "linux/amd64", Entrypoint: []string{"dig"}, Network: NetworkBridge,
			Why: map[string]string{"network": "asks DNS servers"}, AliasOf: "nettools", Source: Source{"m.toml", 16}},
		{Name: "mtr", Image: "docker.io/nicolaka/netshoot", Platform: "linux/amd64", Entrypoint: []string{"mtr"}, Network: NetworkNone,
			CapAdd: []string{"NET_RAW"}, User: UserRoot, TTY: TTYAlways, AliasOf: "nettools", Source: Source{"m.toml", 21},
			Why: map[string]string{"NET_RAW": "raw sockets", "user": "capabilities need root"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ParseFile =\n%+v\nwant\n%+v", got, want)
	}
	if p := got[0].Privileges(); !reflect.DeepEqual(p, []string{"/home/u/.config/x", "/srv/data"}) {
		t.Errorf("Privileges = %q", p)
	}
	if u := got[0].Unexplained(); !reflect.DeepEqual(u, []string{"/srv/data"}) {
		t.Errorf("Unexplained = %q, want the mount without a reason", u)
	}
}

// Aliases are read in every TOML form; the array-of-tables form of mounts
// works too.
func TestParseAliasForms(t *testing.T) {
	data := "[tools.x]\nimage = \"x\"\naliases = { a = { entrypoint = [\"a\"] }, b = {} }\n" +
		"[[tools.x.mounts]]\nsource = \"/a\"\nreadonly = true\n"
	got, err := ParseFile("m.toml", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, tool := range got {
		names = append(names, tool.Name)
	}
	if !reflect.DeepEqual(names, []string{"x", "a", "b"}) || len(got[0].Mounts) != 1 || !got[0].Mounts[0].ReadOnly {
		t.Errorf("got %+v", got)
	}
}

func TestParseSchemaV1Errors(t *testing.T) {
	t.Setenv("HOME", "/home/u")
	tests := []struct {
		name, data string
		want       []string
	}{
		{"schema 2", "schema = 2\n[tools.jq]\nimage = \"x\"\n",
			[]string{`manifest m.toml:1: schema: schema 2 is not supported: this sshell reads schema 1 (a newer sshell may read it)`}},
		{"schema as a string", "schema = \"1\"\n",
			[]string{`manifest m.toml:1: schema: must be an integer, not string`}},
		{"args not strings", "[tools.jq]\nimage = \"x\"\nargs = [\"-r\", 1]\n",
			[]string{`manifest m.toml:3: tools.jq.args: element 1 must be a string, not integer`}},
		{"args not an array", "[tools.jq]\nimage = \"x\"\nargs = \"-r\"\n",
			[]string{`manifest m.toml:3: tools.jq.args: must be an array of strings, not string`}},
		{"user unknown", "[tools.jq]\nimage = \"x\"\nuser = \"admin\"\n",
			[]string{`manifest m.toml:3: tools.jq.user: "admin" is not one of caller, root`}},
		{"tty unknown", "[tools.jq]\nimage = \"x\"\n\ntty = \"yes\"\n",
			[]string{`manifest m.toml:4: tools.jq.tty: "yes" is not one of auto, always, never`}},
		{"tty not a string", "[tools.jq]\nimage = \"x\"\ntty = true\n",
			[]string{`manifest m.toml:3: tools.jq.tty: must be a string, not boolean`}},
		{"platform without arch", "[tools.jq]\nimage = \"x\"\nplatform = \"linux\"\n",
			[]string{`manifest m.toml:3: tools.jq.platform: "linux" is not a platform such as linux/amd64 or linux/arm/v7 (os/arch[/variant], lower case)`}},
		{"platform upper case", "[tools.jq]\nimage = \"x\"\nplatform = \"Linux/AMD64\"\n",
			[]string{`manifest m.toml:3: tools.jq.platform: "Linux/AMD64" is not a platform such as linux/amd64 or linux/arm/v7 (os/arch[/variant], lower case)`}},
		{"platform too long", "[tools.jq]\nimage = \"x\"\nplatform = \"linux/arm/v7/x\"\n",
			[]string{`manifest m.toml:3: tools.jq.platform: "linux/arm/v7/x" is not a platform such as linux/amd64 or linux/arm/v7 (os/arch[/variant], lower case)`}},
		{"description on two lines", "[tools.jq]\nimage = \"x\"\ndescription = \"a\\nb\"\n",
			[]string{`manifest m.toml:3: tools.jq.description: must be one line, with no control characters`}},
		{"mounts not an array", "[tools.jq]\nimage = \"x\"\nmounts = \"/a\"\n",
			[]string{`manifest m.toml:3: tools.jq.mounts: must be an array of tables {source, target, readonly}, not string`}},
		{"mount without source", "[tools.jq]\nimage = \"x\"\nmounts = [{ target = \"/a\" }]\n",
			[]string{`manifest m.toml:3: tools.jq.mounts: element 0: missing required key "source"`}},
		{"mount with an unknown key", "[tools.jq]\nimage = \"x\"\nmounts = [{ source = \"/a\" }, { source = \"/b\", ro = true }]\n",
			[]string{`manifest m.toml:3: tools.jq.mounts: element 1: ro: unknown key "ro"`}},
		{"mount source relative", "[tools.jq]\nimage = \"x\"\nmounts = [{ source = \"data\" }]\n",
			[]string{`manifest m.toml:3: tools.jq.mounts: element 0: source: "data" must be absolute or start with ~/`}},
		{"mount of another user's home", "[tools.jq]\nimage = \"x\"\nmounts = [{ source = \"~bob/x\" }]\n",
			[]string{`manifest m.toml:3: tools.jq.mounts: element 0: source: "~bob/x" must be absolute or start with ~/`}},
		{"mount readonly not a boolean", "[tools.jq]\nimage = \"x\"\nmounts = [{ source = \"/a\", readonly = \"yes\" }]\n",
			[]string{`manifest m.toml:3: tools.jq.mounts: element 0: readonly: must be a boolean, not string`}},
		{"why for a privilege not granted", "[tools.jq]\nimage = \"x\"\nwhy = { network = \"fetches\" }\n",
			[]string{`manifest m.toml:3: tools.jq.why: reason for "network", which the tool is not granted`}},
		{"why empty", "[tools.jq]\nimage = \"x\"\nnetwork = \"host\"\nwhy = { network = \" \" }\n",
			[]string{`manifest m.toml:4: tools.jq.why.network: must not be empty`}},
		{"why for a bad capability name", "[tools.jq]\nimage = \"x\"\nwhy = { \"net raw\" = \"x\" }\n",
			[]string{`manifest m.toml:3: tools.jq.why."net raw": "net raw" is not a capability name such as NET_RAW`}},
		{"aliases not a table", "[tools.n]\nimage = \"x\"\naliases = [\"dig\"]\n",
			[]string{`manifest m.toml:3: tools.n.aliases: must be a table, not array`}},
		{"alias sets the image", "[tools.n]\nimage = \"x\"\n[tools.n.aliases.dig]\nimage = \"y\"\n",
			[]string{`manifest m.toml:4: tools.n.aliases.dig.image: an alias runs its tool's image: set it on [tools.n]`}},
		{"alias with an unknown key", "[tools.n]\nimage = \"x\"\n[tools.n.aliases.dig]\nentrypont = [\"dig\"]\n",
			[]string{`manifest m.toml:4: tools.n.aliases.dig: unknown key "entrypont"`}},
		{"alias with a bad name", "[tools.n]\nimage = \"x\"\n[tools.n.aliases.\"-x\"]\n",
			[]string{`manifest m.toml:3: tools.n.aliases.-x: tool name "-x" must not start with '-'`}},
		{"aliases do not nest", "[tools.n]\nimage = \"x\"\n[tools.n.aliases.a.aliases.b]\n",
			[]string{`manifest m.toml:3: tools.n.aliases.a: unknown key "aliases"`}},
		{"alias named as a tool of the file", "[tools.dig]\nimage = \"x\"\n[tools.n]\nimage = \"x\"\n[tools.n.aliases.dig]\n",
			[]string{`manifest m.toml:5: tools.n.aliases.dig: already defined at m.toml:1`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseFile("m.toml", []byte(tt.data))
			if err == nil {
				t.Fatal("no error")
			}
			if !errors.Is(err, ErrManifest) {
				t.Errorf("%v does not wrap ErrManifest", err)
			}
			if got := strings.Split(err.Error(), "\n"); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("error =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// A broken alias drops only itself; a schema it cannot read drops the file.
func TestParseBrokenAliasKeepsTheRest(t *testing.T) {
	data := "[tools.n]\nimage = \"x\"\n[tools.n.aliases.a]\nnetwork = \"internet\"\n[tools.n.aliases.b]\n"
	got, err := ParseFile("m.toml", []byte(data))
	if err == nil || len(got) != 2 || got[0].Name != "n" || got[1].Name != "b" {
		t.Errorf("got %+v, %v; want n and b, and the error about a", got, err)
	}
	if got, _ := ParseFile("m.toml", []byte("schema = 9\n[tools.jq]\nimage = \"x\"\n")); got != nil {
		t.Errorf("a file of schema 9 gave %+v", got)
	}
}

func TestHostPathNoHome(t *testing.T) {
	t.Setenv("HOME", "")
	if _, err := hostPath("~/x"); err == nil {
		t.Error("~ expanded with no HOME")
	}
	if p, err := hostPath("/a/../b/"); err != nil || p != "/b" {
		t.Errorf("hostPath(/a/../b/) = %q, %v", p, err)
	}
}
