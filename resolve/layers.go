package resolve

import (
	"errors"
	"os"
	"path/filepath"
	"strings"

	"github.com/sshell/sshell/resolve/repo"
)

// Layer is one level of manifests. Layers lists them lowest precedence
// first: built-in < system < team repos (in the order added) < user.
type Layer struct {
	Name string     // "built-in", "system", "repo NAME" or "user"
	Dir  string     // the manifest directory; "" when the layer has none
	Repo *repo.Repo // for a team repo, its record (URL, commit); else nil
}

// Builtin is the built-in catalog's layer, the lowest. It has no
// directory: its manifests are embedded (catalog.go), and its sources'
// files start with CatalogPrefix.
var Builtin = Layer{Name: "built-in"}

// CatalogEnv set to "off" leaves the built-in catalog out of Layers.
const CatalogEnv = "SSHELL_CATALOG"

// SystemDir holds the machine's manifests, for every user.
var SystemDir = "/etc/sshell/manifests"

// Layers lists the manifest layers, lowest precedence first. It reads the
// team repos' state file (one small file, no git); an unreadable state
// leaves the team layers out and is returned as the error.
func Layers() ([]Layer, error) {
	return layersOf(repo.Default())
}

func layersOf(store repo.Store) ([]Layer, error) {
	layers := []Layer{Builtin, {Name: "system", Dir: SystemDir}}
	if os.Getenv(CatalogEnv) == "off" {
		layers = layers[1:]
	}
	st, err := store.State()
	for i, r := range st.Repos {
		layers = append(layers, Layer{Name: "repo " + r.Name, Dir: store.ManifestDir(r), Repo: &st.Repos[i]})
	}
	return append(layers, Layer{Name: "user", Dir: UserDir()}), err
}

// LoadLayers is Load over the layers' directories, with the built-in
// catalog where Builtin is.
func LoadLayers(layers []Layer) (*Set, error) {
	set, errs := newSet(), []error{}
	for _, l := range layers {
		switch {
		case l.Dir != "":
			layer, err := loadDir(l.Dir)
			set.push(layer)
			errs = append(errs, err)
		case l == Builtin:
			set.pushCatalog()
		}
	}
	return set, errors.Join(errs...)
}

// LoadAll reads every layer: Layers, then LoadLayers. The error joins
// both.
func LoadAll() (*Set, []Layer, error) {
	layers, lerr := Layers()
	set, err := LoadLayers(layers)
	return set, layers, errors.Join(lerr, err)
}

// LayerOf is the layer that src's file belongs to.
func LayerOf(layers []Layer, src Source) (Layer, bool) {
	if strings.HasPrefix(src.File, CatalogPrefix) {
		return Builtin, true
	}
	dir := filepath.Dir(src.File)
	for i := len(layers) - 1; i >= 0; i-- {
		if layers[i].Dir != "" && filepath.Clean(layers[i].Dir) == dir {
			return layers[i], true
		}
	}
	return Layer{}, false
}
