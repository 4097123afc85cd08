//go:build linux

package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/adrg/xdg"
	"github.com/google/go-containerregistry/pkg/name"

	"github.com/sshell/sshell/run/native"
	"github.com/sshell/sshell/run/native/store"
)

// requireNative skips a test when the native runtime cannot run here, with
// its reason.
func requireNative(t *testing.T) {
	t.Helper()
	if err := native.Available(); err != nil {
		t.Skipf("the native runtime cannot run here: %v", err)
	}
}

// newNativeEnv is an xdgEnv whose runs, and cache verbs, use the native
// runtime (SSHELL_RUNTIME=native, after noBackground's docker).
func newNativeEnv(t *testing.T, cmd, image string) *xdgEnv {
	t.Helper()
	requireNative(t)
	e := newXDGEnv(t, cmd, image)
	e.env = []string{runtimeEnv(runtimeNative)}
	return e
}

func runtimeEnv(rt string) string { return envRuntime + "=" + rt }

// inProcess points this test process's XDG directories (and runtime) at
// e's, for calls of gcAt and lsAt with an injected clock.
func (e *xdgEnv) inProcess(rt string) {
	e.t.Setenv("XDG_CONFIG_HOME", e.config)
	e.t.Setenv("XDG_STATE_HOME", e.state)
	e.t.Setenv("XDG_DATA_HOME", e.data)
	e.t.Setenv("XDG_CACHE_HOME", e.cacheHome)
	e.t.Setenv(envRuntime, rt)
	xdg.Reload()
	e.t.Cleanup(xdg.Reload)
}

// storeEntries are the references e's native store holds, by canonical
// name, with their platforms.
func (e *xdgEnv) storeEntries() map[string]store.Entry {
	e.t.Helper()
	dir := filepath.Join(e.data, "sshell", "store")
	out := map[string]store.Entry{}
	if _, err := os.Stat(dir); err != nil {
		return out
	}
	s, err := store.Open(dir)
	if err != nil {
		e.t.Fatal(err)
	}
	entries, err := s.List(e.t.Context())
	if err != nil {
		e.t.Fatal(err)
	}
	for _, en := range entries {
		out[en.Ref] = en
	}
	return out
}

// storeHas reports whether e's native store holds ref.
func (e *xdgEnv) storeHas(ref string) bool {
	e.t.Helper()
	_, ok := e.storeEntries()[canonicalRef(e.t, ref)]
	return ok
}

// storeGets reports whether e's native store finds ref for the host's
// platform, as a run does: a digest reference finds the image a tag's
// pull recorded under it.
func (e *xdgEnv) storeGets(ref string) bool {
	e.t.Helper()
	s, err := store.Open(filepath.Join(e.data, "sshell", "store"))
	if err != nil {
		e.t.Fatal(err)
	}
	_, err = s.Get(e.t.Context(), ref, "")
	return err == nil
}

func canonicalRef(t *testing.T, ref string) string {
	t.Helper()
	r, err := name.ParseReference(ref)
	if err != nil {
		t.Fatal(err)
	}
	return r.Name()
}
