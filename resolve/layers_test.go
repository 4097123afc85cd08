package resolve

import (
	"path/filepath"
	"reflect"
	"testing"

	"github.com/adrg/xdg"
)

// setDataHome points XDG_DATA_HOME at dir for the test.
func setDataHome(t *testing.T, dir string) {
	t.Helper()
	t.Cleanup(xdg.Reload)
	t.Setenv("XDG_DATA_HOME", dir)
	xdg.Reload()
}

func setSystemDir(t *testing.T, dir string) {
	old := SystemDir
	SystemDir = dir
	t.Cleanup(func() { SystemDir = old })
}

const teamState = `{"repos": [
 {"name": "a", "url": "file:///x", "commit": "1111111111111111", "manifest_dir": "manifests"},
 {"name": "b", "url": "file:///y", "commit": "2222222222222222"}]}`

func TestLayersOrder(t *testing.T) {
	root := t.TempDir()
	setConfigHome(t, filepath.Join(root, "config"))
	setDataHome(t, filepath.Join(root, "data"))
	setSystemDir(t, filepath.Join(root, "etc"))
	writeFiles(t, filepath.Join(root, "data", "sshell"), map[string]string{"repos.json": teamState})
	layers, err := Layers()
	if err != nil {
		t.Fatal(err)
	}
	var names, dirs []string
	for _, l := range layers {
		names, dirs = append(names, l.Name), append(dirs, l.Dir)
	}
	repos := filepath.Join(root, "data", "sshell", "repos")
	wantNames := []string{"built-in", "system", "repo a", "repo b", "user"}
	wantDirs := []string{"", filepath.Join(root, "etc"), filepath.Join(repos, "a", "manifests"), filepath.Join(repos, "b"), UserDir()}
	if !reflect.DeepEqual(names, wantNames) || !reflect.DeepEqual(dirs, wantDirs) {
		t.Errorf("Layers() = %q %q; want %q %q", names, dirs, wantNames, wantDirs)
	}
	if layers[2].Repo == nil || layers[2].Repo.Commit != "1111111111111111" {
		t.Errorf("repo layer a has record %+v; want its commit", layers[2].Repo)
	}
}

func TestLoadLayersPrecedence(t *testing.T) {
	root := t.TempDir()
	setConfigHome(t, filepath.Join(root, "config"))
	setDataHome(t, filepath.Join(root, "data"))
	setSystemDir(t, filepath.Join(root, "etc"))
	repos := filepath.Join(root, "data", "sshell", "repos")
	writeFiles(t, filepath.Join(root, "data", "sshell"), map[string]string{"repos.json": teamState})
	writeFiles(t, filepath.Join(root, "etc"), map[string]string{"s.toml": tool("jq", "sys/jq") + tool("sysonly", "sys/only")})
	writeFiles(t, filepath.Join(repos, "a", "manifests"), map[string]string{"a.toml": tool("jq", "a/jq") + tool("yq", "a/yq")})
	writeFiles(t, filepath.Join(repos, "b"), map[string]string{"b.toml": tool("yq", "b/yq")})
	writeFiles(t, UserDir(), map[string]string{"u.toml": tool("jq", "user/jq")})
	set, layers, err := LoadAll()
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"jq": "user/jq", "yq": "b/yq", "sysonly": "sys/only"} {
		if got, _ := set.Lookup(name); got.Image != want {
			t.Errorf("%s is %q, want %q", name, got.Image, want)
		}
	}
	var under []string
	for _, src := range set.Shadowed("jq") {
		l, _ := LayerOf(layers, src)
		under = append(under, l.Name)
	}
	if want := []string{"built-in", "system", "repo a"}; !reflect.DeepEqual(under, want) {
		t.Errorf("jq shadows %q, want %q", under, want)
	}
	yq, _ := set.Lookup("yq")
	if l, ok := LayerOf(layers, yq.Source); !ok || l.Repo == nil || l.Repo.Commit != "2222222222222222" {
		t.Errorf("LayerOf(yq) = %+v, %v; want repo b with its commit", l, ok)
	}
}

func TestLayersBadState(t *testing.T) {
	root := t.TempDir()
	setConfigHome(t, filepath.Join(root, "config"))
	setDataHome(t, filepath.Join(root, "data"))
	writeFiles(t, filepath.Join(root, "data", "sshell"), map[string]string{"repos.json": "{"})
	writeFiles(t, UserDir(), map[string]string{"u.toml": tool("jq", "user/jq")})
	set, _, err := LoadAll()
	if err == nil {
		t.Error("LoadAll with a broken state file: no error")
	}
	if _, ok := set.Lookup("jq"); !ok {
		t.Error("a broken state file hid the user's tools")
	}
}
