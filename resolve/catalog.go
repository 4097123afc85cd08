package resolve

import (
	"bytes"
	"embed"
	"io/fs"
	"path"
	"strings"
	"sync"
)

// The built-in catalog (docs/catalog.md): manifests embedded in the binary,
// the lowest layer.
//
//go:embed catalog/*.toml
var catalogFS embed.FS

// CatalogPrefix starts the Source.File of every built-in definition:
// "built-in:net.toml".
const CatalogPrefix = "built-in:"

// CatalogFiles lists the embedded catalog's files by name, with their text.
func CatalogFiles() map[string][]byte {
	entries, _ := fs.ReadDir(catalogFS, "catalog") // cannot fail: embedded
	files := make(map[string][]byte, len(entries))
	for _, e := range entries {
		files[e.Name()], _ = catalogFS.ReadFile(path.Join("catalog", e.Name()))
	}
	return files
}

// catalogEntry is one command of the catalog, as its index knows it.
type catalogEntry struct {
	file string // CatalogPrefix + name
	line int
}

// catalogIndex is every catalog command and where it is defined, read from
// the table headers alone: a typo must not pay for parsing the catalog
// (~20 µs a tool), so a definition is parsed only when it is looked up.
// TestCatalogIndex checks that the index and the parser agree.
var catalogIndex = sync.OnceValue(func() map[string]catalogEntry {
	index := map[string]catalogEntry{}
	for name, data := range CatalogFiles() {
		for cmd, line := range headers(data) {
			index[cmd] = catalogEntry{CatalogPrefix + name, line}
		}
	}
	return index
})

// headers reads the commands a catalog file defines, with their lines:
// [tools.NAME] and [tools.NAME.aliases.ALIAS] at the start of a line, bare
// keys only (the form the catalog keeps to). Only lines that start with
// "[tools." are looked at.
func headers(data []byte) map[string]int {
	found := map[string]int{}
	for n := 1; len(data) > 0; n++ {
		line, rest, _ := bytes.Cut(data, []byte("\n"))
		data = rest
		key, ok := bytes.CutPrefix(line, []byte("[tools."))
		if !ok {
			continue
		}
		key, _, _ = bytes.Cut(key, []byte("]"))
		name, alias, isSub := strings.Cut(string(key), ".")
		switch sub, aliasName, _ := strings.Cut(alias, "."); {
		case !isSub:
			found[name] = n
		case sub == "aliases" && aliasName != "" && !strings.Contains(aliasName, "."):
			found[aliasName] = n
		}
	}
	return found
}

// catalogFile is one parsed catalog file, by name (CatalogPrefix + file),
// parsed once per process.
var catalogFile = sync.OnceValue(func() func(string) map[string]Tool {
	var mu sync.Mutex
	parsed := map[string]map[string]Tool{}
	return func(file string) map[string]Tool {
		mu.Lock()
		defer mu.Unlock()
		if tools, ok := parsed[file]; ok {
			return tools
		}
		data, _ := catalogFS.ReadFile(path.Join("catalog", strings.TrimPrefix(file, CatalogPrefix)))
		list, _ := ParseFile(file, data) // TestCatalog keeps it free of errors
		tools := make(map[string]Tool, len(list))
		for _, t := range list {
			tools[t.Name] = t
		}
		parsed[file] = tools
		return tools
	}
})

// pushCatalog adds the built-in catalog as a layer: by name only, each
// definition parsed when looked up.
func (s *Set) pushCatalog() {
	index := catalogIndex()
	if len(s.tools) == 0 { // the lowest layer, as it should be: size the maps once
		s.tools = make(map[string]Tool, len(index))
	}
	if s.lazy == nil {
		s.lazy = make(map[string]bool, len(index))
	}
	for name, e := range index {
		if under, ok := s.tools[name]; ok {
			s.shadowed[name] = append(s.shadowed[name], under.Source)
		}
		s.tools[name] = Tool{Name: name, Source: Source{e.file, e.line}}
		s.lazy[name] = true
	}
}

// resolved is t, parsed from the catalog if it is still only indexed.
func (s *Set) resolved(name string, t Tool) Tool {
	if !s.lazy[name] {
		return t
	}
	return catalogFile()(t.Source.File)[name]
}
