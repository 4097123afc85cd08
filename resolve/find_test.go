package resolve

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/adrg/xdg"
)

// setCacheHome points XDG_CACHE_HOME (where the name index lives) at dir.
func setCacheHome(t *testing.T, dir string) {
	t.Helper()
	t.Cleanup(xdg.Reload)
	t.Setenv("XDG_CACHE_HOME", dir)
	xdg.Reload()
}

// age sets every file in dirs to an mtime well in the past, plus n ns, so
// that the index takes them (it leaves out files changed just now).
func age(t *testing.T, n int, dirs ...string) {
	t.Helper()
	when := time.Now().Add(-time.Hour).Add(time.Duration(n))
	for _, dir := range dirs {
		files, _ := manifestFiles(dir)
		for _, f := range files {
			if err := os.Chtimes(f, when, when); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// indexLayers is a built-in, system, team and user layer in root, with
// shadowing, aliases, a duplicate across files and a broken file.
func indexLayers(t *testing.T, root string) []Layer {
	setCacheHome(t, filepath.Join(root, "cache"))
	sys, team, user, bad := filepath.Join(root, "sys"), filepath.Join(root, "team"), filepath.Join(root, "user"), filepath.Join(root, "bad")
	writeFiles(t, sys, map[string]string{"a.toml": tool("jq", "sys/jq") + tool("only", "sys/only"),
		"b.toml": tool("yq", "sys/yq") + "[tools.yq.aliases.yq4]\n"})
	writeFiles(t, team, map[string]string{"t.toml": tool("jq", "team/jq") + tool("gh", "team/gh") + "[tools.gh.aliases.ghx]\nnetwork = \"host\"\nwhy.network = \"api\"\n",
		"notes.txt": "not a manifest", ".hidden.toml": "not = [valid"})
	writeFiles(t, bad, map[string]string{"x.toml": tool("dup", "bad/one") + tool("fine", "bad/fine"),
		"y.toml": tool("dup", "bad/two"), "z.toml": "[tools.broken\nimage = 1\n", "w.toml": "[tools.gh]\nimage = 7\n"})
	writeFiles(t, user, map[string]string{"u.toml": tool("jq", "user/jq")})
	age(t, 0, sys, team, user, bad)
	return []Layer{Builtin, {Name: "system", Dir: sys}, {Name: "repo t", Dir: team}, {Name: "repo b", Dir: bad}, {Name: "user", Dir: user}}
}

// sameAsLoad checks that, for each name, a lookup through the index finds
// what a full load finds: the tool, whether it is there, what it shadows
// and the error.
func sameAsLoad(t *testing.T, layers []Layer, names ...string) {
	t.Helper()
	full, ferr := LoadLayers(layers)
	for _, name := range names {
		part, perr := loadLayersFor(layers, name)
		want, wok := full.Lookup(name)
		got, gok, err := LookupLayers(layers, name)
		if !reflect.DeepEqual(got, want) || gok != wok {
			t.Errorf("%s through the index: %+v %v; full load: %+v %v", name, got, gok, want, wok)
		}
		if !reflect.DeepEqual(part.Shadowed(name), full.Shadowed(name)) {
			t.Errorf("%s shadows %v through the index; %v in a full load", name, part.Shadowed(name), full.Shadowed(name))
		}
		if errString(err) != errString(ferr) || errString(perr) != errString(ferr) {
			t.Errorf("%s through the index: error %q; full load: %q", name, errString(err), errString(ferr))
		}
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func someCatalogName(t *testing.T) string {
	names := slices.Sorted(func(yield func(string) bool) {
		for n := range catalogIndex() {
			if !yield(n) {
				return
			}
		}
	})
	if len(names) == 0 {
		t.Skip("the built-in catalog is empty")
	}
	return names[0]
}

var indexNames = []string{"jq", "yq", "yq4", "gh", "ghx", "only", "dup", "fine", "broken", "nosuch"}

func TestLookupThroughIndexAgreesWithLoad(t *testing.T) {
	layers := indexLayers(t, t.TempDir())
	names := append(slices.Clone(indexNames), someCatalogName(t))
	sameAsLoad(t, layers, names...) // builds the indexes
	for _, l := range layers[1:] {
		if _, err := os.Stat(indexPath(l.Dir)); err != nil {
			t.Errorf("no index for %s: %v", l.Name, err)
		}
	}
	sameAsLoad(t, layers, names...) // through them
}

// TestLookupParsesNoFile: once indexed, a clean directory's files are not
// parsed (here one is garbled with its size and mtime kept, which the index
// cannot see).
func TestLookupParsesNoFile(t *testing.T) {
	root := t.TempDir()
	setCacheHome(t, filepath.Join(root, "cache"))
	dir := filepath.Join(root, "m")
	writeFiles(t, dir, map[string]string{"a.toml": tool("aa", "x/aa"), "b.toml": tool("bb", "x/bb")})
	age(t, 0, dir)
	layers := []Layer{{Name: "user", Dir: dir}}
	sameAsLoad(t, layers, "aa", "bb")
	b := filepath.Join(dir, "b.toml")
	fi, _ := os.Stat(b)
	garbled := make([]byte, fi.Size())
	for i := range garbled {
		garbled[i] = '['
	}
	writeFiles(t, dir, map[string]string{"b.toml": string(garbled)})
	os.Chtimes(b, fi.ModTime(), fi.ModTime())
	if got, ok, err := LookupLayers(layers, "aa"); !ok || err != nil || got.Image != "x/aa" {
		t.Errorf("aa through the index: %+v %v %v; want it, with no error", got, ok, err)
	}
	if got, ok, err := LookupLayers(layers, "bb"); !ok || err != nil || got.Image != "x/bb" {
		t.Errorf("bb through the index: %+v %v %v; want it, with no error", got, ok, err)
	}
	if _, ok, err := LookupLayers(layers, "nosuch"); ok || err != nil {
		t.Errorf("nosuch through the index: %v %v; want not found, no error", ok, err)
	}
}

func TestIndexInvalidatedByChanges(t *testing.T) {
	root := t.TempDir()
	layers := indexLayers(t, root)
	team := filepath.Join(root, "team")
	steps := []struct {
		name   string
		change func()
	}{
		{"edit", func() {
			writeFiles(t, team, map[string]string{"t.toml": tool("gh", "team/gh2") + tool("new", "team/new")})
		}},
		{"same size", func() {
			writeFiles(t, team, map[string]string{"t.toml": tool("gh", "team/gh3") + tool("new", "team/neW")})
		}},
		{"add", func() {
			writeFiles(t, team, map[string]string{"v.toml": tool("added", "team/added") + tool("jq", "team/jq")})
		}},
		{"break", func() { writeFiles(t, team, map[string]string{"v.toml": "[tools.added]\nimage = 3\n"}) }},
		{"mend", func() { writeFiles(t, team, map[string]string{"v.toml": tool("added", "team/addeD")}) }},
		{"remove", func() { os.Remove(filepath.Join(team, "t.toml")) }},
		{"rename", func() { os.Rename(filepath.Join(team, "v.toml"), filepath.Join(team, "w.toml")) }},
	}
	names := append(slices.Clone(indexNames), "new", "added")
	sameAsLoad(t, layers, names...)
	for i, s := range steps {
		s.change()
		age(t, i+1, team) // a new mtime each step, even for "same size"
		sameAsLoad(t, layers, names...)
		sameAsLoad(t, layers, names...)
		if t.Failed() {
			t.Fatalf("after step %q", s.name)
		}
	}
}

func TestIndexTouchedFileIsReparsed(t *testing.T) {
	root := t.TempDir()
	setCacheHome(t, filepath.Join(root, "cache"))
	dir := filepath.Join(root, "m")
	writeFiles(t, dir, map[string]string{"a.toml": tool("aa", "x/aa1")})
	age(t, 0, dir)
	layers := []Layer{{Name: "user", Dir: dir}}
	sameAsLoad(t, layers, "aa")
	writeFiles(t, dir, map[string]string{"a.toml": tool("ab", "x/aa1")}) // same size, another name
	age(t, 1, dir)                                                       // one ns later
	if got, ok, _ := LookupLayers(layers, "ab"); !ok || got.Image != "x/aa1" {
		t.Errorf("after a touch ab is %+v %v, want x/aa1", got, ok)
	}
	sameAsLoad(t, layers, "aa", "ab")
}

func TestCorruptIndexIgnored(t *testing.T) {
	root := t.TempDir()
	layers := indexLayers(t, root)
	sameAsLoad(t, layers, indexNames...)
	team := indexPath(filepath.Join(root, "team"))
	good, err := os.ReadFile(team)
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{
		"garbage":   "\x00\xffnot an index",
		"empty":     "",
		"cut short": string(good[:len(good)-5]),
		"bad line":  string(good[:len(good)-4]) + "what\nend\n",
		"other dir": string(good[:20]) + "x" + string(good[21:]),
		"bad tool":  strings.Replace(string(good), "\t{", "\t{garbage", 1),
	} {
		if err := os.WriteFile(team, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		sameAsLoad(t, layers, indexNames...)
		if t.Failed() {
			t.Fatalf("with a %s index", name)
		}
	}
}

// TestIndexSkipsRecentFiles: a file changed within racyWindow is not
// indexed, since a second change in the same timestamp tick could go
// unseen; the lookup is still right.
func TestIndexSkipsRecentFiles(t *testing.T) {
	root := t.TempDir()
	setCacheHome(t, filepath.Join(root, "cache"))
	dir := filepath.Join(root, "m")
	writeFiles(t, dir, map[string]string{"a.toml": tool("aa", "x/aa")})
	sameAsLoad(t, []Layer{{Name: "user", Dir: dir}}, "aa", "nosuch")
	if _, err := os.Stat(indexPath(dir)); err == nil {
		t.Error("a file changed just now was indexed")
	}
}

func TestIndexWriteFailureIgnored(t *testing.T) {
	root := t.TempDir()
	layers := indexLayers(t, root)
	writeFiles(t, root, map[string]string{"file": "x"})
	setCacheHome(t, filepath.Join(root, "file")) // not a directory: no index can be written
	sameAsLoad(t, layers, indexNames...)
	sameAsLoad(t, layers, indexNames...)
}

// TestIndexOfAnotherHome: a tool's mount under "~" expands to the home of
// whoever reads it, also when the index was written by another user who
// shares the cache directory (sudo keeping XDG_CACHE_HOME).
func TestIndexOfAnotherHome(t *testing.T) {
	root := t.TempDir()
	setCacheHome(t, filepath.Join(root, "cache"))
	user := filepath.Join(root, "user")
	writeFiles(t, user, map[string]string{"k.toml": "[tools.kc]\nimage = \"x\"\nmounts = [{ source = \"~/.kube\", target = \"/k\" }]\nwhy = { \"~/.kube\" = \"config\" }\n"})
	age(t, 0, user)
	layers := []Layer{{Name: "user", Dir: user}}
	for _, home := range []string{"/home/alice", "/home/bob", "/home/alice"} {
		t.Setenv("HOME", home)
		for range 2 { // the second lookup reads the index the first wrote
			got, ok, err := LookupLayers(layers, "kc")
			if err != nil || !ok || len(got.Mounts) != 1 || got.Mounts[0].Source != home+"/.kube" {
				t.Fatalf("HOME=%s: Find(kc) = %+v, %v, %v; want the mount from %s/.kube", home, got.Mounts, ok, err, home)
			}
		}
	}
}
