package resolve

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/adrg/xdg"
)

// The name index: per manifest directory, a small file under
// $XDG_CACHE_HOME/sshell/index that lists the directory's *.toml files
// (name, size, mtime in ns), the home "~" expanded to, whether loading the directory had any
// problem, and each command it defines (aliases included) with its Tool,
// as JSON. With a fresh index of a directory that had no problem, finding
// one name parses no manifest at all (parsing a file of 100 tools takes
// ~2 ms); only that name's JSON is decoded. Any change to the file list, a size or an mtime, or to the sshell
// build, makes the index stale; a stale, unreadable or corrupt index is
// rebuilt from a full load. A line-based text format, rather than JSON,
// because the index is read on every typed command and a scan of lines
// is the cheapest read.
const indexMagic = "sshell-index 1"

// racyWindow: a file changed this recently is not indexed, as a second
// change within the file system's timestamp granularity, of the same size,
// would leave its size and mtime unchanged.
const racyWindow = 2 * time.Second

// dirIndex is one directory's index.
type dirIndex struct {
	stamp  string            // the files' list, sizes and mtimes, one line each
	broken bool              // loading the directory reported a problem
	tools  map[string]string // command -> its Tool, as JSON (an index built here)
	body   string            // the "tool" lines, from "\n" (an index read)
}

// indexBuild names the sshell build, so that an index written by another
// build (which may parse differently) is not trusted.
var indexBuild = func() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	build := info.Main.Version
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" || s.Key == "vcs.modified" || s.Key == "vcs.time" {
			build += " " + s.Value
		}
	}
	return build
}()

// indexHome names the home directory "~" expanded to in the index's
// tools (mounts): an index written for another user, as when sudo keeps
// XDG_CACHE_HOME, is not trusted.
func indexHome() string {
	home, _ := os.UserHomeDir()
	return home
}

// indexHead is what an index of dir for this build and home starts with.
func indexHead(dir string) string {
	return indexMagic + "\n" + "build\t" + indexBuild + "\n" + "home\t" + indexHome() + "\n" + "dir\t" + filepath.Clean(dir) + "\n"
}

// indexPath is where the index of dir is kept.
func indexPath(dir string) string {
	sum := sha256.Sum256([]byte(filepath.Clean(dir)))
	return filepath.Join(xdg.CacheHome, "sshell", "index", hex.EncodeToString(sum[:12]))
}

// stampOf describes files for the index, ok false when one cannot be
// stat'ed, has a name the format cannot hold, or changed too recently.
func stampOf(files []string, now time.Time) (string, bool) {
	var b strings.Builder
	for _, f := range files {
		fi, err := os.Stat(f)
		base := filepath.Base(f)
		if err != nil || strings.ContainsAny(base, "\t\n\r") || now.Sub(fi.ModTime()) < racyWindow {
			return "", false
		}
		b.WriteString("file\t" + base + "\t" + strconv.FormatInt(fi.Size(), 10) + "\t" + strconv.FormatInt(fi.ModTime().UnixNano(), 10) + "\n")
	}
	return b.String(), true
}

// readIndex reads dir's index, ok false unless it is well formed, for this
// build and this directory, and its stamp is stamp.
func readIndex(dir, stamp string) (dirIndex, bool) {
	data, err := os.ReadFile(indexPath(dir))
	if err != nil {
		return dirIndex{}, false
	}
	head := indexHead(dir) + stamp
	rest, ok := strings.CutPrefix(string(data), head)
	if !ok {
		return dirIndex{}, false
	}
	var broken bool
	switch {
	case strings.HasPrefix(rest, "broken\t0\n"):
	case strings.HasPrefix(rest, "broken\t1\n"):
		broken = true
	default:
		return dirIndex{}, false
	}
	body, complete := strings.CutSuffix(rest[len("broken\t0\n"):], "end\n")
	if !complete || (body != "" && !strings.HasSuffix(body, "\n")) {
		return dirIndex{}, false // cut short
	}
	return dirIndex{stamp: stamp, broken: broken, body: "\n" + body}, true
}

// tool is the JSON of name's Tool in the index, found by a scan of the
// index's text rather than by splitting it into a map: one name is looked
// for, once per process. A malformed entry fails to decode.
func (idx dirIndex) tool(name string) (string, bool) {
	if idx.tools != nil {
		data, ok := idx.tools[name]
		return data, ok
	}
	i := strings.Index(idx.body, "\ntool\t"+name+"\t")
	if i < 0 {
		return "", false
	}
	data := idx.body[i+len("\ntool\t"+name+"\t"):]
	data, _, _ = strings.Cut(data, "\n")
	return data, true
}

// writeIndex stores idx for dir: a temporary file, renamed into place.
// A failure leaves no index, which only costs a full load next time.
func writeIndex(dir string, idx dirIndex) {
	var b strings.Builder
	b.WriteString(indexHead(dir) + idx.stamp)
	broken := "0"
	if idx.broken {
		broken = "1"
	}
	b.WriteString("broken\t" + broken + "\n")
	for name, tool := range idx.tools { // JSON escapes tabs and line ends
		b.WriteString("tool\t" + name + "\t" + tool + "\n")
	}
	b.WriteString("end\n")
	path := indexPath(dir)
	if os.MkdirAll(filepath.Dir(path), 0o755) != nil {
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return
	}
	_, err = tmp.WriteString(b.String())
	if errors.Join(err, tmp.Close()) != nil || os.Rename(tmp.Name(), path) != nil {
		os.Remove(tmp.Name())
	}
}
