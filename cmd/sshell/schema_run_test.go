package main

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/sshell/sshell/resolve"
	"github.com/sshell/sshell/run"
)

// The manifest's args come before the user's; user root runs as 0:0; the
// platform passes through.
func TestSpecArgsAndUser(t *testing.T) {
	tool := resolve.Tool{Name: "mc", Image: "minio/mc", Args: []string{"--config-dir", "/sshell/mc"}, User: resolve.UserRoot, Platform: "linux/arm64"}
	o := &runOptions{command: "mc", args: []string{"ls", "play"}}
	spec, err := o.spec(tool)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"--config-dir", "/sshell/mc", "ls", "play"}; !reflect.DeepEqual(spec.Args, want) || spec.User != "0:0" || spec.Platform != "linux/arm64" {
		t.Errorf("spec args %q user %q platform %q; want %q, 0:0, linux/arm64", spec.Args, spec.User, spec.Platform, want)
	}
	if tool.Args[0] != "--config-dir" || len(tool.Args) != 2 {
		t.Errorf("spec changed the tool's args: %q", tool.Args)
	}
	tool.User = resolve.UserCaller
	if spec, _ := o.spec(tool); spec.User != callerUser() {
		t.Errorf("user caller runs as %q, want %q", spec.User, callerUser())
	}
}

// The manifest's mounts come first, then --mount's; a source that does not
// exist here is left out.
func TestApplyManifestMounts(t *testing.T) {
	dir := t.TempDir()
	tool := resolve.Tool{Name: "kubectl", Mounts: []resolve.Mount{
		{Source: dir, Target: "/sshell/kube", ReadOnly: true},
		{Source: dir + "/missing", Target: "/sshell/x"},
	}}
	b := boundOptions{mounts: []run.Mount{{Source: "/flag", Target: "/flag"}}}
	var spec run.Spec
	b.apply(&streams{nil, &bytes.Buffer{}, &bytes.Buffer{}}, tool, &spec)
	want := []run.Mount{{Source: dir, Target: "/sshell/kube", ReadOnly: true}, {Source: "/flag", Target: "/flag"}}
	if !reflect.DeepEqual(spec.Mounts, want) {
		t.Errorf("mounts %+v, want %+v", spec.Mounts, want)
	}
}

func TestProfileShowsUserAndMounts(t *testing.T) {
	tool := resolve.Tool{Network: "host", CapAdd: []string{"NET_RAW"}, User: resolve.UserRoot,
		Mounts: []resolve.Mount{{Source: "/a", Target: "/b", ReadOnly: true}}}
	want := "network host, capabilities NET_RAW, user root, mount /a:/b:ro, read-only root"
	if got := profile(tool); len(got) < len(want) || got[:len(want)] != want {
		t.Errorf("profile = %q, want it to start with %q", got, want)
	}
}
