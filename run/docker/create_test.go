package docker

import (
	"os"
	"slices"
	"strconv"
	"testing"

	"github.com/docker/docker/api/types/mount"
	"github.com/sshell/sshell/run"
)

func TestEntrypointAndCmd(t *testing.T) {
	for _, c := range []struct {
		name           string
		entry, args    []string
		wantE, wantCmd []string
	}{
		{"image's own", nil, nil, nil, nil},
		{"image entrypoint, our args", nil, []string{"a"}, nil, []string{"a"}},
		{"our entrypoint, no image CMD", []string{"/t"}, nil, []string{"/t"}, []string{}},
		{"our entrypoint and args", []string{"/t"}, []string{"a"}, []string{"/t"}, []string{"a"}},
		{"no entrypoint at all", []string{}, []string{"/t", "a"}, []string{""}, []string{"/t", "a"}},
	} {
		spec := run.Spec{Entrypoint: c.entry, Args: c.args}
		e, cmd := entrypoint(spec.Entrypoint), command(spec)
		if !slices.Equal(e, c.wantE) || (e == nil) != (c.wantE == nil) ||
			!slices.Equal(cmd, c.wantCmd) || (cmd == nil) != (c.wantCmd == nil) {
			t.Errorf("%s: Entrypoint %q Cmd %q, want %q %q", c.name, e, cmd, c.wantE, c.wantCmd)
		}
	}
}

func TestConfig(t *testing.T) {
	r := &Runner{host: "h"}
	spec := run.Spec{Command: "jq", Image: "i", WorkDir: "/w", TTY: true,
		Labels: map[string]string{run.LabelManaged: "false", run.LabelOwnerPID: "1", "x": "y"}}
	c := r.config(spec)
	want := map[string]string{run.LabelManaged: "true", run.LabelCommand: "jq", run.LabelOwnerHost: "h",
		run.LabelOwnerPID: strconv.Itoa(os.Getpid()), "x": "y"}
	for k, v := range want {
		if c.Labels[k] != v {
			t.Errorf("label %s = %q, want %q (sshell's own labels win)", k, c.Labels[k], v)
		}
	}
	if !c.Tty || !c.OpenStdin || !c.StdinOnce || !c.AttachStdin || c.WorkingDir != "/w" {
		t.Errorf("config %+v: want a TTY, stdin attached and closed once, working dir /w", c)
	}
	hc := hostConfig(spec, [2]uint{24, 80})
	if hc.Init == nil || !*hc.Init || hc.AutoRemove || hc.NetworkMode != "none" || hc.ConsoleSize != [2]uint{24, 80} {
		t.Errorf("host config %+v: want init, no auto-remove, network none, the console size", hc)
	}
	if m := hc.Mounts; len(m) != 1 || m[0] != (mount.Mount{Type: mount.TypeBind, Source: "/w", Target: "/w"}) {
		t.Errorf("mounts %+v, want /w bound at /w read-write", m)
	}
	if hostConfig(run.Spec{Network: run.NetworkHost}, [2]uint{}).NetworkMode != "host" {
		t.Errorf("network host was not kept")
	}
}
