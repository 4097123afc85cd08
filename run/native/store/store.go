package store

import (
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// DefaultMaxUnpackedBytes bounds the bytes one layer may unpack to (8 GiB):
// a layer that inflates beyond it is rejected as a decompression bomb.
const DefaultMaxUnpackedBytes int64 = 8 << 30

// Store is a daemonless, content-addressed image store rooted at a
// directory. A Store is safe for concurrent use by several goroutines, and
// several processes may share one directory (see the package doc).
type Store struct {
	dir      string
	mirrors  map[string][]string
	maxLayer int64
	remote   remoteConfig // how registries are reached: remote.go
}

// Option configures Open.
type Option func(*Store)

// WithMirrors maps a registry host ("docker.io", "ghcr.io",
// "127.0.0.1:5000") to mirror hosts tried, in order, before it, like
// Docker's registry-mirrors. A mirror that fails is skipped.
func WithMirrors(m map[string][]string) Option {
	return func(s *Store) {
		s.mirrors = map[string][]string{}
		for host, ms := range m {
			s.mirrors[canonicalHost(host)] = append([]string(nil), ms...)
		}
	}
}

// WithMaxUnpackedBytes bounds the uncompressed bytes of one layer
// (DefaultMaxUnpackedBytes by default); n <= 0 keeps the default.
func WithMaxUnpackedBytes(n int64) Option {
	return func(s *Store) {
		if n > 0 {
			s.maxLayer = n
		}
	}
}

// Image is an image held by the store, ready to be mounted.
type Image struct {
	Ref      string   `json:"ref"`      // the reference as asked
	Digest   string   `json:"digest"`   // what the reference resolved to at the registry: the index digest for a multi-platform image, what `docker pull` shows
	Manifest string   `json:"manifest"` // digest of the platform's own image manifest (equals Digest for a single-platform image)
	ID       string   `json:"id"`       // config digest
	Layers   []string `json:"layers"`   // absolute paths of the unpacked, read-only layer directories, bottom first
	Config   Config   `json:"config"`
	Size     int64    `json:"size"`     // bytes of this image's unpacked layers
	Platform string   `json:"platform"` // the image's own "os/arch[/variant]"
}

// Config is what a runner needs from the image config.
type Config struct {
	Entrypoint []string          `json:"entrypoint,omitempty"`
	Cmd        []string          `json:"cmd,omitempty"`
	Env        []string          `json:"env,omitempty"`
	WorkingDir string            `json:"workingDir,omitempty"`
	User       string            `json:"user,omitempty"`
	Labels     map[string]string `json:"labels,omitempty"`
	StopSignal string            `json:"stopSignal,omitempty"`
}

// PullStats says what a Pull fetched.
type PullStats struct {
	Bytes   int64 // bytes fetched from the registry, manifests included
	Fetched bool  // a config or a layer was fetched: the store changed (asking for the manifest does not count)
}

// Entry is one reference the store holds.
type Entry struct {
	Ref      string    // canonical reference, e.g. "index.docker.io/library/alpine:3.20"
	Platform string    // the platform it was asked for
	Digest   string    // what it resolved to
	ID       string    // config digest
	Size     int64     // bytes of its unpacked layers
	LastUsed time.Time // the last Pull or Get
}

// Open opens, creating when missing, the store rooted at dir (for example
// $XDG_DATA_HOME/sshell/store).
func Open(dir string, opts ...Option) (*Store, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("opening image store %q: %w", dir, err)
	}
	s := &Store{dir: abs, maxLayer: DefaultMaxUnpackedBytes, remote: newRemote()}
	for _, o := range opts {
		o(s)
	}
	if err := s.ensure(); err != nil {
		return nil, fmt.Errorf("opening image store %q: %w", dir, classifyFS(err))
	}
	return s, nil
}

// Dir is the store's root directory.
func (s *Store) Dir() string { return s.dir }

// Subdirectories of the store; see the package doc.
const (
	blobsDir  = "blobs/sha256"
	layersDir = "layers"
	refsDir   = "refs"
	rootfsDir = "rootfs"
	locksDir  = "locks"
	tmpDir    = "tmp"
)

func (s *Store) path(elem ...string) string {
	return filepath.Join(append([]string{s.dir}, elem...)...)
}

// ensure creates the store's directories (after a Purge, too).
func (s *Store) ensure() error {
	for _, d := range []string{blobsDir, layersDir, refsDir, rootfsDir, locksDir, tmpDir} {
		if err := os.MkdirAll(s.path(d), 0o755); err != nil {
			return err
		}
	}
	return nil
}
