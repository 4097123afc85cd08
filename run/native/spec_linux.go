package native

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/sshell/sshell/run"
	"github.com/sshell/sshell/run/native/sandbox"
	"github.com/sshell/sshell/run/native/store"
)

// config is the sandbox for spec with img, in state directory state, as
// Docker would run it: the image's entrypoint, command, environment,
// working directory and user unless spec overrides them.
func (r *Runner) config(spec run.Spec, img *store.Image, id, state string) (*sandbox.Config, error) {
	if err := supported(spec); err != nil {
		return nil, err
	}
	user, err := r.user(spec, img)
	if err != nil {
		return nil, err
	}
	binds, err := binds(spec)
	if err != nil {
		return nil, err
	}
	cfg := &sandbox.Config{
		ID: id, State: state,
		ReadWriteRoot: spec.ReadWriteRoot || spec.Privileged,
		Binds:         binds,
		Tmp:           spec.Limits.Effective().Tmp,
		HostNetwork:   spec.Network == run.NetworkHost,
		Args:          command(spec, img),
		Env:           environment(spec, img, id),
		Dir:           workingDir(spec, img),
		User:          user,
		CapAdd:        spec.CapAdd,
		Privileged:    spec.Privileged,
		TTY:           spec.TTY,
		UserNS:        r.userns,
	}
	return cfg, nil
}

// command is the image's entrypoint unless spec gives one (an empty,
// non-nil one clears it), followed by spec's arguments, or by the image's
// CMD when there are none and the entrypoint is the image's own: a CMD
// written for the image's entrypoint must not follow another one.
func command(spec run.Spec, img *store.Image) []string {
	entry := spec.Entrypoint
	if entry == nil {
		entry = img.Config.Entrypoint
	}
	args := spec.Args
	if len(args) == 0 && spec.Entrypoint == nil {
		args = img.Config.Cmd
	}
	return append(append([]string(nil), entry...), args...)
}

// environment is the image's variables overridden by spec's, plus what
// Docker always sets: PATH (when neither has one), HOSTNAME, HOME, and TERM
// with a terminal.
func environment(spec run.Spec, img *store.Image, id string) []string {
	env := make([]string, 0, len(img.Config.Env)+len(spec.Env)+4)
	index := map[string]int{}
	set := func(kv string) {
		k, _, _ := strings.Cut(kv, "=")
		if i, ok := index[k]; ok {
			env[i] = kv
			return
		}
		index[k] = len(env)
		env = append(env, kv)
	}
	for _, kv := range img.Config.Env {
		set(kv)
	}
	for _, kv := range spec.Env {
		set(kv)
	}
	// A ready sandbox's ID comes with its answer: it fills HOSTNAME in
	// (sandbox.Request.Hostname).
	defaults := []string{"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
		"HOSTNAME=" + id[:min(len(id), 12)], "HOME=/"}
	if spec.TTY {
		defaults = append(defaults, "TERM=xterm")
	}
	for _, kv := range defaults {
		if k, _, _ := strings.Cut(kv, "="); !has(index, k) {
			set(kv)
		}
	}
	return env
}

func has(m map[string]int, k string) bool { _, ok := m[k]; return ok }

// workingDir is spec's WorkDir, else the image's, else /.
func workingDir(spec run.Spec, img *store.Image) string {
	switch {
	case spec.WorkDir != "":
		return spec.WorkDir
	case img.Config.WorkingDir != "":
		return filepath.Join("/", img.Config.WorkingDir)
	}
	return "/"
}

// user is spec's user, else the image's. In a user namespace only the
// caller is mapped (as root): another user cannot be had.
func (r *Runner) user(spec run.Spec, img *store.Image) (string, error) {
	if !r.userns {
		if spec.User != "" {
			return spec.User, nil
		}
		return img.Config.User, nil
	}
	me := strconv.Itoa(os.Getuid()) + ":" + strconv.Itoa(os.Getgid())
	switch spec.User {
	case "", "0", "0:0", me:
		return "", nil
	}
	return "", fmt.Errorf("running %q as user %s: unprivileged, the native runtime runs tools as the calling user (%s) only", spec.Command, spec.User, me)
}

// binds are the working directory (read-write, at the same path), spec's
// mounts, and, with the host's network, its resolv.conf and hosts.
func binds(spec run.Spec) ([]sandbox.Bind, error) {
	var out []sandbox.Bind
	if spec.WorkDir != "" {
		out = append(out, sandbox.Bind{Source: spec.WorkDir, Target: spec.WorkDir})
	}
	for _, m := range spec.Mounts {
		st, err := os.Stat(m.Source)
		if err != nil {
			return nil, fmt.Errorf("mounting %s: %w", m.Source, err)
		}
		target := m.Target
		if target == "" {
			target = m.Source
		}
		out = append(out, sandbox.Bind{Source: m.Source, Target: target, ReadOnly: m.ReadOnly, File: !st.IsDir()})
	}
	if spec.Network == run.NetworkHost {
		for _, f := range []string{"/etc/resolv.conf", "/etc/hosts"} {
			if _, err := os.Stat(f); err == nil {
				out = append(out, sandbox.Bind{Source: f, Target: f, ReadOnly: true, File: true})
			}
		}
	}
	return out, nil
}

// supported says what of spec the native runtime cannot do: a bridge
// network (it has no veth, bridge or NAT of its own).
func supported(spec run.Spec) error {
	if spec.Network == run.NetworkBridge {
		return fmt.Errorf("running %q: network %q is not supported by the native runtime (use none or host, or the docker runtime)", spec.Command, spec.Network)
	}
	return nil
}
