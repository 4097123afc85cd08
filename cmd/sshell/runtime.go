package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/sshell/sshell/cache"
	"github.com/sshell/sshell/run"
	"github.com/sshell/sshell/run/docker"
	"github.com/sshell/sshell/run/native"
	"github.com/sshell/sshell/run/native/store"
)

// The runtimes a tool can run on (docs/native.md).
const (
	runtimeAuto   = "auto"   // native where it works, else docker
	runtimeNative = "native" // sshell's own daemonless sandbox
	runtimeDocker = "docker" // the Docker Engine
)

// envRuntime overrides the config file's runtime, below --runtime.
const envRuntime = "SSHELL_RUNTIME"

// runtimeFlag parses --runtime.
func runtimeFlag(dst *string) func(string) error {
	return oneOf(dst, runtimeAuto, runtimeNative, runtimeDocker)
}

// chooseRuntime is the runtime a run uses: flag (--runtime) first, then
// $SSHELL_RUNTIME, then `runtime` in the config file, then auto. Auto picks
// native wherever it can run (a Linux host with namespaces and cgroups),
// for it starts a cached tool in tens of milliseconds, not hundreds, and
// docker elsewhere.
func chooseRuntime(flag string) (string, error) { return runtimeFor(flag, "") }

// runtimeFor is the runtime a tool with network runs on: chooseRuntime's,
// except that auto sends a tool that needs a bridge network to Docker, for
// the native runtime has none (docs/native.md). Asked for by name, native
// refuses such a tool with that reason.
func runtimeFor(flag, network string) (string, error) {
	name, err := requestedRuntime(flag)
	switch {
	case err != nil:
		return "", err
	case name == runtimeAuto && network == run.NetworkBridge:
		return runtimeDocker, nil
	case name == runtimeAuto:
		name = autoRuntime()
	}
	if name == runtimeNative { // a bad ready setting is the config's, told before any run
		if _, err := readyIdle(); err != nil {
			return "", err
		}
	}
	return name, nil
}

// requestedRuntime is the runtime asked for: flag (--runtime) first, then
// $SSHELL_RUNTIME, then `runtime` in the config file, else auto.
func requestedRuntime(flag string) (string, error) {
	name := flag
	if name == "" {
		name = os.Getenv(envRuntime)
		if name != "" && !validRuntime(name) {
			return "", fmt.Errorf("%s=%q: want auto, native or docker", envRuntime, name)
		}
	}
	if name == "" {
		var err error
		if name, err = configRuntime(cache.ConfigPath()); err != nil {
			return "", err
		}
	}
	if name == "" {
		return runtimeAuto, nil
	}
	return name, nil
}

func autoRuntime() string {
	if native.Available() == nil {
		return runtimeNative
	}
	return runtimeDocker
}

func validRuntime(name string) bool {
	return name == runtimeAuto || name == runtimeNative || name == runtimeDocker
}

// runtimeConfig is what the config file says about runtimes: the
// top-level `runtime` key, the [mirrors] table the native store pulls
// through ("docker.io" = ["mirror.example:5000"], tried in order before
// the registry itself; "http://host" for a plain-HTTP mirror; Docker's
// mirrors are the daemon's own, in daemon.json), and the [native] table
// (ready = "10m": see readyIdle).
type runtimeConfig struct {
	Runtime string              `toml:"runtime"`
	Mirrors map[string][]string `toml:"mirrors"`
	Native  struct {
		Ready any `toml:"ready"`
	} `toml:"native"`
	ready *time.Duration // [native] ready, checked; nil when absent
}

// configRuntime reads the top-level `runtime` key of the config file at
// path; a missing file or key is "".
func configRuntime(path string) (string, error) {
	c, err := loadRuntimeConfig(path)
	return c.Runtime, err
}

// loadRuntimeConfig reads runtimeConfig from the config file at path; a
// missing file is the zero runtimeConfig. A run asks more than once (the
// runtime, the ready setting, the native store's mirrors): the file is
// decoded once per process while its size and mtime stay the same.
func loadRuntimeConfig(path string) (runtimeConfig, error) {
	fi, statErr := os.Stat(path)
	key := configKey{path: path}
	if statErr == nil {
		key.size, key.mtime = fi.Size(), fi.ModTime()
	}
	configMemo.Lock()
	defer configMemo.Unlock()
	if m, ok := configMemo.last[key]; ok {
		return m.c, m.err
	}
	c, err := decodeRuntimeConfig(path)
	configMemo.last = map[configKey]configResult{key: {c, err}}
	return c, err
}

type configKey struct {
	path  string
	size  int64
	mtime time.Time
}

type configResult struct {
	c   runtimeConfig
	err error
}

var configMemo struct {
	sync.Mutex
	last map[configKey]configResult
}

func decodeRuntimeConfig(path string) (runtimeConfig, error) {
	var f runtimeConfig
	md, err := toml.DecodeFile(path, &f)
	var perr toml.ParseError
	switch {
	case errors.Is(err, os.ErrNotExist):
		return runtimeConfig{}, nil
	case errors.As(err, &perr):
		return f, fmt.Errorf("%s:%d: %s", path, perr.Position.Line, perr.Message)
	case err != nil:
		return f, fmt.Errorf("%s: %w", path, err)
	}
	if f.Runtime != "" && !validRuntime(f.Runtime) {
		return f, fmt.Errorf("%s:%d: runtime = %q: want \"auto\", \"native\" or \"docker\"", path, cache.KeyLine(path, "runtime"), f.Runtime)
	}
	for _, k := range md.Undecoded() {
		if len(k) > 1 && k[0] == "native" {
			return f, fmt.Errorf("%s:%d: unknown key %s in [native] (known: ready)", path, cache.KeyLine(path, "native."+k[1]), k)
		}
	}
	if md.IsDefined("native", "ready") {
		d, err := parseReady(f.Native.Ready)
		if err != nil {
			return f, fmt.Errorf("%s:%d: native.ready = %#v: %w", path, cache.KeyLine(path, "native.ready"), f.Native.Ready, err)
		}
		f.ready = &d
	}
	return f, nil
}

// nativeStoreOptions are the native store's options from the config file
// (its mirrors); a config file that cannot be read is reported where the
// runtime is chosen, so here it only means no options.
func nativeStoreOptions() []store.Option {
	c, err := loadRuntimeConfig(cache.ConfigPath())
	if err != nil || len(c.Mirrors) == 0 {
		return nil
	}
	return []store.Option{store.WithMirrors(c.Mirrors)}
}

// newRunner opens the runtime name ("native" or "docker"); close releases it.
func newRunner(name string) (r run.Runner, close func() error, err error) {
	if name == runtimeNative {
		if err := native.Available(); err != nil { // before any pull: say so at once
			return nil, nil, fmt.Errorf("the native runtime cannot run tools here (%w): use Docker with --runtime docker, or set runtime = \"docker\" in %s", err, cache.ConfigPath())
		}
		opts := []native.Option{native.WithStoreOptions(nativeStoreOptions()...)}
		idle, err := readyIdle()
		if err != nil {
			return nil, nil, err
		}
		if idle > 0 {
			opts = append(opts, native.WithReady(spawnKeeper(idle)))
		}
		n, err := native.New(opts...)
		if err != nil {
			return nil, nil, err
		}
		return n, closer(n), nil
	}
	d, err := docker.New()
	if err != nil {
		return nil, nil, err
	}
	return d, d.Close, nil
}

// closer is v's Close when it has one.
func closer(v any) func() error {
	if c, ok := v.(io.Closer); ok {
		return c.Close
	}
	return func() error { return nil }
}
