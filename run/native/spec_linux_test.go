package native

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/sshell/sshell/run"
	"github.com/sshell/sshell/run/native/sandbox"
	"github.com/sshell/sshell/run/native/store"
)

func TestCommand(t *testing.T) {
	img := &store.Image{Config: store.Config{Entrypoint: []string{"/entry"}, Cmd: []string{"cmd-arg"}}}
	cases := []struct {
		name  string
		entry []string
		args  []string
		want  []string
	}{
		{"ImageEntrypointAndCmd", nil, nil, []string{"/entry", "cmd-arg"}},
		{"ArgsReplaceCmd", nil, []string{"a"}, []string{"/entry", "a"}},
		{"EntrypointDropsCmd", []string{"/other"}, nil, []string{"/other"}},
		{"EntrypointAndArgs", []string{"/other", "x"}, []string{"a"}, []string{"/other", "x", "a"}},
		{"EmptyEntrypointClears", []string{}, []string{"/bin/sh"}, []string{"/bin/sh"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := command(run.Spec{Entrypoint: c.entry, Args: c.args}, img)
			if !slices.Equal(got, c.want) {
				t.Errorf("command = %q, want %q", got, c.want)
			}
		})
	}
}

func TestEnvironment(t *testing.T) {
	img := &store.Image{Config: store.Config{Env: []string{"A=image", "B=image"}}}
	got := environment(run.Spec{Env: []string{"B=spec", "C=spec"}, TTY: true}, img, "0123456789abcdef")
	want := []string{"A=image", "B=spec", "C=spec",
		"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOSTNAME=0123456789ab", "HOME=/", "TERM=xterm"}
	if !slices.Equal(got, want) {
		t.Errorf("environment = %q\nwant %q", got, want)
	}
	got = environment(run.Spec{Env: []string{"PATH=/spec", "HOME=/tmp"}}, &store.Image{}, "id")
	want = []string{"PATH=/spec", "HOME=/tmp", "HOSTNAME=id"}
	if !slices.Equal(got, want) {
		t.Errorf("environment = %q\nwant %q", got, want)
	}
}

func TestWorkingDir(t *testing.T) {
	img := &store.Image{Config: store.Config{WorkingDir: "src"}}
	if got := workingDir(run.Spec{}, img); got != "/src" {
		t.Errorf("image's relative WorkingDir: %q, want /src", got)
	}
	if got := workingDir(run.Spec{WorkDir: "/home/u/p"}, img); got != "/home/u/p" {
		t.Errorf("spec's WorkDir: %q", got)
	}
	if got := workingDir(run.Spec{}, &store.Image{}); got != "/" {
		t.Errorf("none: %q, want /", got)
	}
}

func TestBridgeRefused(t *testing.T) {
	r := &Runner{}
	if _, err := r.config(run.Spec{Network: run.NetworkBridge}, &store.Image{}, "id", "/x"); err == nil {
		t.Error("network bridge: no error; the native runtime has no bridge")
	}
	// Run says so before it pulls: this image's registry does not exist.
	spec := run.Spec{Command: "t", Image: "127.0.0.1:1/nothing:here", Network: run.NetworkBridge}
	if _, err := r.Run(context.Background(), spec, run.IO{}); err == nil || !strings.Contains(err.Error(), `network "bridge"`) {
		t.Errorf("Run with a bridge network: %v; want the bridge refused, before any pull", err)
	}
}

func TestBinds(t *testing.T) {
	dir := t.TempDir()
	file := dir + "/f"
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := binds(run.Spec{WorkDir: "/w", Network: run.NetworkHost,
		Mounts: []run.Mount{{Source: dir, ReadOnly: true}, {Source: file, Target: "/etc/f"}}})
	if err != nil {
		t.Fatal(err)
	}
	want := []sandbox.Bind{{Source: "/w", Target: "/w"}, {Source: dir, Target: dir, ReadOnly: true},
		{Source: file, Target: "/etc/f", File: true}}
	if len(got) < len(want) || !slices.Equal(got[:len(want)], want) {
		t.Errorf("binds = %+v\nwant %+v, then the host's resolv.conf and hosts", got, want)
	}
	for _, b := range got[len(want):] {
		if !b.ReadOnly || !b.File || (b.Target != "/etc/resolv.conf" && b.Target != "/etc/hosts") {
			t.Errorf("unexpected bind %+v", b)
		}
	}
	if _, err := binds(run.Spec{Mounts: []run.Mount{{Source: dir + "/missing"}}}); err == nil {
		t.Error("a missing mount source: no error")
	}
}
