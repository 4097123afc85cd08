package resolve

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// writeFiles creates dir and the files in it, by name.
func writeFiles(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func tool(name, image string) string { return fmt.Sprintf("[tools.%s]\nimage = %q\n", name, image) }

func TestLoadEmpty(t *testing.T) {
	tests := map[string][]string{
		"no directories":    nil,
		"missing directory": {filepath.Join(t.TempDir(), "absent")},
		"empty directory":   {t.TempDir()},
	}
	for name, dirs := range tests {
		t.Run(name, func(t *testing.T) {
			s, err := Load(dirs...)
			if err != nil || s == nil || len(s.Names()) != 0 {
				t.Fatalf("Load(%q) = %v, %v; want an empty Set", dirs, s, err)
			}
			if _, ok := s.Lookup("jq"); ok {
				t.Error("Lookup found a tool in an empty Set")
			}
		})
	}
}

func TestLoadReadsOnlyManifests(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"b.toml": tool("yq", "yq") + tool("zq", "zq"), "a.toml": tool("jq", "jq"),
		"notes.txt": "not toml", ".hidden.toml": tool("hidden", "x"), "x.toml~": "[", "README": "[",
	})
	writeFiles(t, filepath.Join(dir, "dir.toml"), map[string]string{"c.toml": tool("nested", "x")})
	s, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := s.Names(), []string{"jq", "yq", "zq"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Names() = %q, want %q", got, want)
	}
	zq, _ := s.Lookup("zq")
	if want := (Source{filepath.Join(dir, "b.toml"), 3}); zq.Source != want {
		t.Errorf("zq.Source = %v, want %v", zq.Source, want)
	}
}

func TestLoadLaterLayersOverride(t *testing.T) {
	low, mid, high := t.TempDir(), t.TempDir(), t.TempDir()
	writeFiles(t, low, map[string]string{"m.toml": tool("jq", "jq:low") + tool("yq", "yq:low")})
	writeFiles(t, mid, map[string]string{"m.toml": "\n" + tool("jq", "jq:mid")})
	writeFiles(t, high, map[string]string{"m.toml": "\n\n" + tool("jq", "jq:high") + tool("zq", "zq:high")})
	s, err := Load(low, mid, filepath.Join(t.TempDir(), "absent"), high)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"jq": "jq:high", "yq": "yq:low", "zq": "zq:high"}
	for name, image := range want {
		if got, ok := s.Lookup(name); !ok || got.Image != image {
			t.Errorf("Lookup(%q) = %+v, %v; want image %q", name, got, ok, image)
		}
	}
	shadowed := []Source{{filepath.Join(low, "m.toml"), 1}, {filepath.Join(mid, "m.toml"), 2}}
	if got := s.Shadowed("jq"); !reflect.DeepEqual(got, shadowed) {
		t.Errorf("Shadowed(jq) = %v, want %v", got, shadowed)
	}
	if got := s.Shadowed("yq"); got != nil {
		t.Errorf("Shadowed(yq) = %v, want none", got)
	}
}

// A broken definition in a higher layer leaves the lower one in use.
func TestLoadBrokenOverride(t *testing.T) {
	low, high := t.TempDir(), t.TempDir()
	writeFiles(t, low, map[string]string{"m.toml": tool("jq", "jq:low")})
	writeFiles(t, high, map[string]string{"m.toml": tool("jq", "JQ")})
	s, err := Load(low, high)
	if !errors.Is(err, ErrManifest) {
		t.Errorf("Load error = %v, want the broken definition reported", err)
	}
	if jq, _ := s.Lookup("jq"); jq.Image != "jq:low" || s.Shadowed("jq") != nil {
		t.Errorf("jq = %+v, shadowed %v; want the lower layer's, shadowing nothing", jq, s.Shadowed("jq"))
	}
}

func TestLoadDuplicateInOneLayer(t *testing.T) {
	dir, other := t.TempDir(), t.TempDir()
	writeFiles(t, dir, map[string]string{"a.toml": tool("jq", "jq:a"), "b.toml": "\n\n" + tool("jq", "jq:b")})
	writeFiles(t, other, map[string]string{"c.toml": tool("yq", "yq")})
	s, err := Load(dir, other)
	want := fmt.Sprintf("manifest %s:3: tools.jq: already defined at %s:1",
		filepath.Join(dir, "b.toml"), filepath.Join(dir, "a.toml"))
	if err == nil || err.Error() != want || !errors.Is(err, ErrManifest) {
		t.Errorf("Load error = %v, want %q wrapping ErrManifest", err, want)
	}
	if jq, _ := s.Lookup("jq"); jq.Image != "jq:a" {
		t.Errorf("jq = %+v, want the first file's", jq)
	}
	if _, ok := s.Lookup("yq"); !ok {
		t.Error("the error stopped Load from reading the next layer")
	}
}

// One broken file, or tool, does not hide the others.
func TestLoadKeepsGoing(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"a.toml": "[tools.jq\n",
		"b.toml": tool("yq", "yq"),
		"c.toml": tool("bad", "Bad") + tool("zq", "zq"),
	})
	s, err := Load(dir)
	if got, want := s.Names(), []string{"yq", "zq"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Names() = %q, want %q", got, want)
	}
	want := []string{
		fmt.Sprintf(`manifest %s:1: expected '.' or ']' to end table name, but got '\n' instead`, filepath.Join(dir, "a.toml")),
		fmt.Sprintf(`manifest %s:2: tools.bad.image: invalid image reference "Bad": invalid reference format: repository name (library/Bad) must be lowercase`, filepath.Join(dir, "c.toml")),
	}
	if err == nil || !reflect.DeepEqual(strings.Split(err.Error(), "\n"), want) {
		t.Errorf("Load error:\n%v\nwant:\n%s", err, strings.Join(want, "\n"))
	}
}

func TestLoadReadErrors(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"b.toml": tool("jq", "jq")})
	if err := os.Symlink(filepath.Join(dir, "absent"), filepath.Join(dir, "a.toml")); err != nil {
		t.Fatal(err)
	}
	notDir := filepath.Join(dir, "b.toml")
	s, err := Load(notDir, dir)
	if !errors.Is(err, fs.ErrNotExist) || errors.Is(err, ErrManifest) {
		t.Errorf("Load error = %v, want the dangling link's fs.ErrNotExist and no ErrManifest", err)
	}
	if !strings.Contains(err.Error(), "reading manifests: open "+notDir) {
		t.Errorf("Load error = %v, want it to name %s, which is not a directory", err, notDir)
	}
	if _, ok := s.Lookup("jq"); !ok {
		t.Error("a read error stopped Load from reading the other files")
	}
}

func TestLoadUserDir(t *testing.T) {
	setConfigHome(t, t.TempDir())
	writeFiles(t, UserDir(), map[string]string{"jq.toml": example})
	s, err := Load(UserDir())
	if err != nil {
		t.Fatal(err)
	}
	jq, ok := s.Lookup("jq")
	if want := filepath.Join(UserDir(), "jq.toml") + ":1"; !ok || jq.Source.String() != want {
		t.Errorf("Lookup(jq) = %+v, %v; want it from %s", jq, ok, want)
	}
}

func TestLookupReturnsACopy(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"jq.toml": example})
	s, _ := Load(dir)
	jq, _ := s.Lookup("jq")
	jq.Entrypoint[0], jq.Env["TZ"] = "changed", "changed"
	if again, _ := s.Lookup("jq"); again.Entrypoint[0] != "jq" || again.Env["TZ"] != "UTC" {
		t.Errorf("changing a looked-up Tool changed the Set: %+v", again)
	}
}

func TestLoadIsDeterministic(t *testing.T) {
	low, high := t.TempDir(), t.TempDir()
	for i := range 10 {
		name := fmt.Sprintf("f%d.toml", i)
		writeFiles(t, low, map[string]string{name: tool(fmt.Sprintf("t%d", i), "x") + tool("dup", "x") + tool("bad", "X")})
		writeFiles(t, high, map[string]string{name: tool(fmt.Sprintf("t%d", i%3), "y") + "oops = 1\n"})
	}
	first, firstErr := Load(low, high)
	for range 20 {
		s, err := Load(low, high)
		if !reflect.DeepEqual(s, first) || err.Error() != firstErr.Error() {
			t.Fatalf("Load gave a different result:\n%v\nthen:\n%v", firstErr, err)
		}
	}
}

// BenchmarkLoad is the hook's cost for a user with 200 tools in 50 files.
func BenchmarkLoad(b *testing.B) {
	dir := b.TempDir()
	for f := range 50 {
		var data strings.Builder
		for i := range 4 {
			data.WriteString(tool(fmt.Sprintf("t%d_%d", f, i), "ghcr.io/example/tool:1.0") + "entrypoint = [\"tool\"]\nenv = { A = \"1\" }\n\n")
		}
		writeFiles(b, dir, map[string]string{fmt.Sprintf("f%d.toml", f): data.String()})
	}
	for b.Loop() {
		if _, err := Load(dir); err != nil {
			b.Fatal(err)
		}
	}
}
