package resolve

import (
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"
)

// catalog parses every embedded file, failing on any problem.
func catalog(t testing.TB) []Tool {
	t.Helper()
	var all []Tool
	files := CatalogFiles()
	for _, name := range slices.Sorted(maps.Keys(files)) {
		tools, err := ParseFile(CatalogPrefix+name, files[name])
		if err != nil {
			t.Errorf("catalog %s: %v", name, err)
		}
		all = append(all, tools...)
	}
	return all
}

func TestCatalogParses(t *testing.T) {
	tools := catalog(t)
	if len(tools) < 60 {
		t.Errorf("the catalog has %d tools, want at least 60", len(tools))
	}
	seen := map[string]Source{}
	for _, tool := range tools {
		if first, dup := seen[tool.Name]; dup {
			t.Errorf("%s is defined at %s and %s", tool.Name, first, tool.Source)
		}
		seen[tool.Name] = tool.Source
	}
}

// Every privilege (a network other than none, each capability, user
// root, each mount) has a reason.
func TestCatalogEveryPrivilegeHasAReason(t *testing.T) {
	for _, tool := range catalog(t) {
		if missing := tool.Unexplained(); len(missing) > 0 {
			t.Errorf("%s (%s): no reason for %q", tool.Name, tool.Source, missing)
		}
	}
}

// Docker gives a non-root user no capability, so a catalog tool granted
// one must run as root; and no tool is root without needing it.
func TestCatalogRootOnlyForCapabilities(t *testing.T) {
	for _, tool := range catalog(t) {
		if (len(tool.CapAdd) > 0) != (tool.User == UserRoot) {
			t.Errorf("%s: cap_add %q with user %q: root exactly when a capability is granted", tool.Name, tool.CapAdd, tool.User)
		}
	}
}

func TestCatalogLeastPrivilege(t *testing.T) {
	byName := map[string]Tool{}
	for _, tool := range catalog(t) {
		byName[tool.Name] = tool
	}
	tests := []struct {
		name, network string
		caps          []string
	}{
		{"jq", NetworkNone, nil},
		{"yq", NetworkNone, nil},
		{"shellcheck", NetworkNone, nil},
		{"curl", NetworkBridge, nil},
		{"dig", NetworkBridge, nil},
		{"tcpdump", NetworkHost, []string{"NET_RAW", "NET_ADMIN"}},
		{"mtr", NetworkBridge, []string{"NET_RAW"}},
	}
	for _, tt := range tests {
		got, ok := byName[tt.name]
		if !ok || got.Network != tt.network || !slices.Equal(got.CapAdd, tt.caps) {
			t.Errorf("%s: network %q caps %q (found %v); want %q %q", tt.name, got.Network, got.CapAdd, ok, tt.network, tt.caps)
		}
	}
}

// The index, read from the headers only, agrees with the parser.
func TestCatalogIndex(t *testing.T) {
	want := map[string]catalogEntry{}
	for _, tool := range catalog(t) {
		want[tool.Name] = catalogEntry{tool.Source.File, tool.Source.Line}
	}
	if got := catalogIndex(); !maps.Equal(got, want) {
		t.Errorf("catalog index\n got  %v\n want %v", got, want)
	}
}

func TestCatalogLayer(t *testing.T) {
	set, err := LoadLayers([]Layer{Builtin})
	if err != nil {
		t.Fatal(err)
	}
	dig, ok := set.Lookup("dig")
	if !ok || dig.AliasOf != "netshoot" || !strings.Contains(dig.Image, "nicolaka/netshoot") || dig.Network != NetworkBridge {
		t.Fatalf("dig = %+v, %v; want the netshoot alias", dig, ok)
	}
	if l, ok := LayerOf([]Layer{Builtin}, dig.Source); !ok || l != Builtin || !strings.HasPrefix(dig.Source.String(), "built-in:net.toml:") {
		t.Errorf("dig's layer is %+v (%v), source %s", l, ok, dig.Source)
	}
	if _, ok := set.Lookup("nosuch"); ok {
		t.Error("nosuch is in the catalog")
	}
	if len(set.Names()) != len(catalog(t)) {
		t.Errorf("the layer has %d names, the catalog %d tools", len(set.Names()), len(catalog(t)))
	}
}

// A higher layer replaces a catalog tool, which is then only shadowed.
func TestCatalogOverridden(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"u.toml": tool("jq", "my/jq")})
	set, err := LoadLayers([]Layer{Builtin, {Name: "user", Dir: dir}})
	if err != nil {
		t.Fatal(err)
	}
	if jq, _ := set.Lookup("jq"); jq.Image != "my/jq" {
		t.Errorf("jq is %q, want the user's", jq.Image)
	}
	if under := set.Shadowed("jq"); len(under) != 1 || !strings.HasPrefix(under[0].File, CatalogPrefix) || under[0].Line == 0 {
		t.Errorf("jq shadows %v, want the catalog's entry", under)
	}
}

// docs/catalog.md lists every entry: its table is generated from the
// catalog (SSHELL_UPDATE_CATALOG=1 go test ./resolve -run TestCatalogDoc
// rewrites it).
func TestCatalogDoc(t *testing.T) {
	const path = "../docs/catalog.md"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	const begin, end = "<!-- catalog table: begin -->\n", "<!-- catalog table: end -->\n"
	before, rest, ok1 := strings.Cut(string(data), begin)
	_, after, ok2 := strings.Cut(rest, end)
	if !ok1 || !ok2 {
		t.Fatalf("%s has no %q ... %q markers", path, begin, end)
	}
	table := catalogTable(catalog(t))
	if os.Getenv("SSHELL_UPDATE_CATALOG") == "1" {
		if err := os.WriteFile(path, []byte(before+begin+table+end+after), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if rest[:len(rest)-len(end)-len(after)] != table {
		t.Errorf("%s's table is not the catalog's: run SSHELL_UPDATE_CATALOG=1 go test ./resolve -run TestCatalogDoc", path)
	}
}

// catalogTable is the Markdown table of docs/catalog.md.
func catalogTable(tools []Tool) string {
	slices.SortFunc(tools, func(a, b Tool) int { return strings.Compare(a.Name, b.Name) })
	var b strings.Builder
	b.WriteString("| command | image | privileges, and why |\n|---|---|---|\n")
	for _, t := range tools {
		var grants []string
		for _, p := range t.Privileges() {
			grants = append(grants, fmt.Sprintf("%s: %s", privilegeText(t, p), t.Why[p]))
		}
		if len(grants) == 0 {
			grants = []string{"none"}
		}
		fmt.Fprintf(&b, "| `%s` | `%s` | %s |\n", t.Name, t.Image, strings.Join(grants, "<br>"))
	}
	return b.String()
}

// privilegeText names privilege p of t for people: "network host", "cap
// NET_RAW", "user root", "mount ~/.kube (ro)".
func privilegeText(t Tool, p string) string {
	switch {
	case p == "network":
		return "network " + t.Network
	case p == "user":
		return "user root"
	case strings.HasPrefix(p, "/"):
		home, _ := os.UserHomeDir()
		for _, m := range t.Mounts {
			if m.Source == p {
				mode := "rw"
				if m.ReadOnly {
					mode = "ro"
				}
				if home != "/" && strings.HasPrefix(p, home+"/") {
					p = "~" + p[len(home):]
				}
				return fmt.Sprintf("mount `%s` (%s)", p, mode)
			}
		}
	}
	return "cap " + p
}

// BenchmarkCatalogTypo is what the catalog costs a mistyped command: the
// layer loaded (by its index) and one failed lookup.
func BenchmarkCatalogTypo(b *testing.B) {
	for b.Loop() {
		set, _ := LoadLayers([]Layer{Builtin})
		if _, ok := set.Lookup("nosuch"); ok {
			b.Fatal("nosuch found")
		}
	}
}

// BenchmarkCatalogParse is what parsing the whole catalog would cost.
func BenchmarkCatalogParse(b *testing.B) {
	files := CatalogFiles()
	for b.Loop() {
		for name, data := range files {
			if _, err := ParseFile(name, data); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkCatalogIndex is the index's cost, paid once per process.
func BenchmarkCatalogIndex(b *testing.B) {
	files := CatalogFiles()
	for b.Loop() {
		for _, data := range files {
			headers(data)
		}
	}
}
