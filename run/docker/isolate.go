//go:build !lean

package docker

import (
	"fmt"
	"path"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/mount"
	"github.com/sshell/sshell/run"
)

// isolate applies spec's isolation to hc (see run.Spec and
// docs/security.md): no capabilities but spec.CapAdd, no-new-privileges,
// the daemon's default seccomp profile (we never ask for unconfined), a
// read-only root with a bounded tmpfs at /tmp, private PID and IPC
// namespaces, the resource limits and the extra mounts.
func isolate(hc *container.HostConfig, spec run.Spec) {
	hc.IpcMode = container.IPCModePrivate
	hc.PidMode = "" // the container's own; never the host's
	hc.Resources = resources(spec.Limits.Effective())
	hc.Mounts = append(hc.Mounts, mounts(spec.Mounts)...)
	if !bound(hc.Mounts, "/tmp") { // run from /tmp itself: the host's is there
		hc.Tmpfs = map[string]string{"/tmp": tmpOptions(spec.Limits.Effective().Tmp)}
	}
	if spec.Privileged {
		hc.Privileged = true
		return
	}
	hc.CapDrop = []string{"ALL"}
	hc.CapAdd = spec.CapAdd
	hc.SecurityOpt = []string{"no-new-privileges:true"}
	hc.ReadonlyRootfs = !spec.ReadWriteRoot
}

// bound reports that one of ms is mounted at target.
func bound(ms []mount.Mount, target string) bool {
	for _, m := range ms {
		if path.Clean(m.Target) == target {
			return true
		}
	}
	return false
}

// tmpOptions are the mount options of the tmpfs at /tmp: anyone may write
// (sticky, as a normal /tmp), no devices or setuid, size-bounded unless
// size is negative.
func tmpOptions(size int64) string {
	o := "rw,nosuid,nodev,mode=1777"
	if size > 0 {
		o += fmt.Sprintf(",size=%d", size)
	}
	return o
}

// resources are the memory (without swap), CPU and pids limits; a negative
// limit is no limit.
func resources(l run.Limits) container.Resources {
	var r container.Resources
	if l.Memory > 0 {
		r.Memory, r.MemorySwap = l.Memory, l.Memory
	}
	if l.CPUs > 0 {
		r.NanoCPUs = int64(l.CPUs * 1e9)
	}
	if l.PIDs > 0 {
		r.PidsLimit = &l.PIDs
	}
	return r
}

// mounts are spec's extra bind mounts; an empty target is the source's path.
func mounts(ms []run.Mount) []mount.Mount {
	out := make([]mount.Mount, 0, len(ms))
	for _, m := range ms {
		target := m.Target
		if target == "" {
			target = m.Source
		}
		out = append(out, mount.Mount{Type: mount.TypeBind, Source: m.Source, Target: target, ReadOnly: m.ReadOnly})
	}
	return out
}
