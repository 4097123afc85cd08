package main

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/adrg/xdg"

	"github.com/sshell/sshell/resolve"
	"github.com/sshell/sshell/run"
)

// manifests points the user's manifest directory at a temp dir holding files.
func manifests(t *testing.T, files map[string]string) string {
	t.Helper()
	home := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", home)
	t.Setenv("XDG_CACHE_HOME", filepath.Join(home, "cache")) // the manifests' name index
	xdg.Reload()
	t.Cleanup(xdg.Reload)
	dir := filepath.Join(home, "sshell", "manifests")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const jqManifest = `[tools.jq]
image = "ghcr.io/jqlang/jq:1.7.1"
entrypoint = ["jq"]
network = "bridge"
env = { PAGER = "cat", TERM = "dumb" }
`

func TestToolFromManifest(t *testing.T) {
	dir := manifests(t, map[string]string{"jq.toml": jqManifest, "broken.toml": "[tools.qqbroken\n"})
	got, err := (&runOptions{command: "jq"}).tool(discardStreams())
	if err != nil {
		t.Fatalf("a broken unrelated manifest stopped jq: %v", err)
	}
	if got.Image != "ghcr.io/jqlang/jq:1.7.1" || sourceOf(got) != filepath.Join(dir, "jq.toml")+":1" {
		t.Errorf("tool = %+v (source %q)", got, sourceOf(got))
	}
	_, err = (&runOptions{command: "qqbroken"}).tool(discardStreams())
	if !errors.Is(err, resolve.ErrManifest) || exitCode(err) != 125 {
		t.Errorf("qqbroken with a broken manifest: %v (exit %d), want the manifest error, exit 125", err, exitCode(err))
	}
}

func TestToolUnknown(t *testing.T) {
	dir := manifests(t, map[string]string{"jq.toml": jqManifest})
	_, err := (&runOptions{command: "rg"}).tool(discardStreams())
	var unknown *unknownCommandError
	if !errors.As(err, &unknown) || unknown.name != "rg" || unknown.dir != dir || exitCode(err) != 127 {
		t.Errorf("rg: %v, want unknown command in %s, exit 127", err, dir)
	}
}

func TestToolFromImage(t *testing.T) {
	o := &runOptions{image: "alpine:3", entrypoint: "/bin/sh", command: "alpine"}
	got, err := o.tool(discardStreams())
	want := resolve.Tool{Name: "alpine", Image: "alpine:3", Entrypoint: []string{"/bin/sh"}}
	if err != nil || !reflect.DeepEqual(got, want) || sourceOf(got) != "" {
		t.Errorf("tool() = %+v, %v; want %+v", got, err, want)
	}
}

func TestSpec(t *testing.T) {
	for _, kv := range os.Environ() { // a known host environment
		k, _, _ := strings.Cut(kv, "=")
		t.Setenv(k, "")
		os.Unsetenv(k)
	}
	t.Setenv("TERM", "xterm")
	t.Setenv("LANG", "C.UTF-8")
	t.Setenv("SECRET", "s3")
	t.Setenv("HOME", "/home/u")
	tool := resolve.Tool{Name: "jq", Image: "jq:1", Entrypoint: []string{"jq"}, Network: "bridge",
		Env: map[string]string{"PAGER": "cat", "TERM": "dumb"}}
	o := &runOptions{command: "jq", args: []string{".a"}, pull: run.PullNever, network: "none", env: []string{"SECRET", "PAGER=less"}}
	got, err := o.spec(tool)
	if err != nil {
		t.Fatal(err)
	}
	wd, _ := os.Getwd()
	want := run.Spec{Command: "jq", Image: "jq:1", Entrypoint: []string{"jq"}, Args: []string{".a"},
		Env:     []string{"HOME=/tmp", "LANG=C.UTF-8", "PAGER=less", "SECRET=s3", "TERM=dumb"},
		Network: "none", WorkDir: wd, User: callerUser(), Pull: run.PullNever}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("spec\n got  %+v\n want %+v", got, want)
	}
	o.network = ""
	if got, _ := o.spec(tool); got.Network != "bridge" {
		t.Errorf("without --network the manifest's network applies; got %q", got.Network)
	}
}

// discardStreams are streams that read nothing and drop what is written.
func discardStreams() *streams { return &streams{strings.NewReader(""), io.Discard, io.Discard} }
