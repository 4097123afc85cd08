package resolve

import (
	"encoding/json"
	"errors"
	"strings"
	"time"
)

// Find looks up one command across every layer: Layers, then
// LookupLayers. The error joins both, as LoadAll's does.
func Find(name string) (Tool, bool, []Layer, error) {
	layers, lerr := Layers()
	t, ok, err := LookupLayers(layers, name)
	return t, ok, layers, errors.Join(lerr, err)
}

// LookupLayers is LoadLayers(layers).Lookup(name), with the same Tool, the
// same answer and the same error, but through each directory's name index
// (index.go): a directory whose index is fresh and had no problem costs
// no parsing at all. A directory that had a
// problem is loaded in full, so that its errors read exactly as a full
// load's do (the CLI names the broken file when a command is missing).
func LookupLayers(layers []Layer, name string) (Tool, bool, error) {
	set, err := loadLayersFor(layers, name)
	t, ok := set.Lookup(name)
	return t, ok, err
}

// loadLayersFor is a Set that agrees with LoadLayers(layers) on name (its
// tool and what it shadows) and on the error; other names may be missing.
func loadLayersFor(layers []Layer, name string) (*Set, error) {
	set, errs := newSet(), []error{}
	for _, l := range layers {
		switch {
		case l.Dir != "":
			layer, err := loadDirFor(l.Dir, name, time.Now())
			set.push(layer)
			errs = append(errs, err)
		case l == Builtin:
			set.pushCatalog()
		}
	}
	return set, errors.Join(errs...)
}

// loadDirFor is one layer's definition of name (an empty layer if none),
// and the error a full load of dir would give.
func loadDirFor(dir, name string, now time.Time) (map[string]Tool, error) {
	files, err := manifestFiles(dir)
	if err != nil {
		return loadDir(dir)
	}
	stamp, indexable := stampOf(files, now)
	if !indexable {
		return loadFiles(files)
	}
	idx, fresh := readIndex(dir, stamp)
	if fresh && !idx.broken {
		if layer, ok := fromIndex(idx, name); ok {
			return layer, nil
		}
	}
	layer, err := loadFiles(files) // a broken directory: its errors, as a full load gives them
	if fresh && idx.broken {
		return layer, err // the index is right: the directory is still broken
	}
	if idx, ok := indexOf(stamp, layer, err); ok {
		writeIndex(dir, idx)
	}
	return layer, err
}

// fromIndex is name's layer as idx holds it; ok is false if its entry
// cannot be read.
func fromIndex(idx dirIndex, name string) (map[string]Tool, bool) {
	data, found := idx.tool(name)
	if !found {
		return map[string]Tool{}, true
	}
	var t Tool
	if json.Unmarshal([]byte(data), &t) != nil || t.Name != name {
		return nil, false
	}
	return map[string]Tool{name: t}, true
}

// indexOf is the index of a directory whose full load gave layer and err;
// ok is false if a tool cannot be encoded.
func indexOf(stamp string, layer map[string]Tool, err error) (dirIndex, bool) {
	idx := dirIndex{stamp: stamp, broken: err != nil, tools: make(map[string]string, len(layer))}
	for name, t := range layer {
		data, err := json.Marshal(t)
		if err != nil || strings.ContainsAny(name, "\t\n\r") {
			return idx, false
		}
		idx.tools[name] = string(data)
	}
	return idx, true
}
