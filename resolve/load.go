package resolve

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
)

// Set is the tools Load found, by name, with the definitions that a later
// layer overrode.
type Set struct {
	tools    map[string]Tool
	shadowed map[string][]Source
	lazy     map[string]bool // tools of the built-in catalog, indexed but not yet parsed
}

// Load reads the manifest layers dirs, lowest precedence first: a tool
// defined in a later directory overrides the same name in an earlier one.
// In each directory it reads every *.toml file (not hidden, not a
// directory), by name; a missing directory is an empty layer. Defining a
// name twice within one directory is an error; the first file keeps it.
//
// Problems do not stop Load: the Set holds every valid tool, and the error
// joins one *Error (wrapping ErrManifest) per problem, plus any failure to
// read a directory or file (wrapping the fs error). A broken definition
// is left out, so a lower layer's tool of that name stays in use. The
// caller decides whether to warn and go on. The Set is never nil.
func Load(dirs ...string) (*Set, error) {
	s := newSet()
	var errs []error
	for _, dir := range dirs {
		layer, err := loadDir(dir)
		s.push(layer)
		errs = append(errs, err)
	}
	return s, errors.Join(errs...)
}

func newSet() *Set { return &Set{tools: map[string]Tool{}, shadowed: map[string][]Source{}} }

// Lookup returns the tool called name. The Tool is a copy: changing it
// does not change the Set.
func (s *Set) Lookup(name string) (Tool, bool) {
	t, ok := s.tools[name]
	t = s.resolved(name, t)
	t.Entrypoint, t.Env = slices.Clone(t.Entrypoint), maps.Clone(t.Env)
	t.Args, t.Mounts, t.CapAdd, t.Why = slices.Clone(t.Args), slices.Clone(t.Mounts), slices.Clone(t.CapAdd), maps.Clone(t.Why)
	return t, ok
}

// Names lists every tool, sorted.
func (s *Set) Names() []string { return slices.Sorted(maps.Keys(s.tools)) }

// Shadowed lists the definitions of name that later layers overrode,
// lowest precedence first (for `sshell which`).
func (s *Set) Shadowed(name string) []Source { return slices.Clone(s.shadowed[name]) }

// push adds a layer on top of the Set.
func (s *Set) push(layer map[string]Tool) {
	for name, t := range layer {
		if under, ok := s.tools[name]; ok {
			s.shadowed[name] = append(s.shadowed[name], under.Source)
		}
		s.tools[name] = t
		delete(s.lazy, name)
	}
}

// loadDir reads one layer: every manifest file in dir.
func loadDir(dir string) (map[string]Tool, error) {
	files, err := manifestFiles(dir)
	if err != nil {
		return map[string]Tool{}, errors.Join(err)
	}
	return loadFiles(files)
}

// loadFiles reads one layer's manifest files, in order.
func loadFiles(files []string) (map[string]Tool, error) {
	layer := map[string]Tool{}
	var errs []error
	for _, path := range files {
		tools, err := readFile(path)
		errs = append(errs, err)
		for _, t := range tools {
			errs = append(errs, addOnce(layer, t))
		}
	}
	return layer, errors.Join(errs...)
}

// addOnce adds t to layer unless its name is there already.
func addOnce(layer map[string]Tool, t Tool) error {
	if first, dup := layer[t.Name]; dup {
		key := toml.Key{"tools", t.Name}.String()
		return &Error{Source: t.Source, Key: key, Err: fmt.Errorf("already defined at %s", first.Source)}
	}
	layer[t.Name] = t
	return nil
}

// manifestFiles lists dir's *.toml files, sorted by name.
func manifestFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir) // sorted by name
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading manifests: %w", err)
	}
	var files []string
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() && !strings.HasPrefix(name, ".") && filepath.Ext(name) == ".toml" {
			files = append(files, filepath.Join(dir, name))
		}
	}
	return files, nil
}

func readFile(path string) ([]Tool, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading manifest: %w", err)
	}
	return ParseFile(path, data)
}
