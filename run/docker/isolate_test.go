package docker

import (
	"slices"
	"testing"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/mount"
	"github.com/sshell/sshell/run"
)

// TestIsolationDefaults: a Spec that asks for nothing gets the whole
// default isolation and the default limits.
func TestIsolationDefaults(t *testing.T) {
	hc := hostConfig(run.Spec{WorkDir: "/w"}, [2]uint{})
	if !slices.Equal(hc.CapDrop, []string{"ALL"}) || len(hc.CapAdd) != 0 || hc.Privileged {
		t.Errorf("capabilities: drop %q add %q privileged %v; want all dropped", hc.CapDrop, hc.CapAdd, hc.Privileged)
	}
	if !slices.Equal(hc.SecurityOpt, []string{"no-new-privileges:true"}) {
		t.Errorf("security options %q: want no-new-privileges and the default seccomp profile", hc.SecurityOpt)
	}
	if !hc.ReadonlyRootfs || hc.Tmpfs["/tmp"] != "rw,nosuid,nodev,mode=1777,size=268435456" {
		t.Errorf("root read-only %v, /tmp %q: want a read-only root and a 256MiB tmpfs", hc.ReadonlyRootfs, hc.Tmpfs["/tmp"])
	}
	if hc.NetworkMode != "none" || hc.IpcMode != container.IPCModePrivate || hc.PidMode != "" || hc.UsernsMode != "" {
		t.Errorf("namespaces: network %q ipc %q pid %q: want none, private, the container's", hc.NetworkMode, hc.IpcMode, hc.PidMode)
	}
	r := hc.Resources
	if r.Memory != 1<<30 || r.MemorySwap != 1<<30 || r.NanoCPUs != 1e9 || r.PidsLimit == nil || *r.PidsLimit != 512 {
		t.Errorf("resources memory %d swap %d cpus %d pids %v: want 1GiB, no swap, 1 CPU, 512", r.Memory, r.MemorySwap, r.NanoCPUs, r.PidsLimit)
	}
}

func TestIsolationOverrides(t *testing.T) {
	spec := run.Spec{
		CapAdd: []string{"NET_RAW"}, ReadWriteRoot: true,
		Limits: run.Limits{Memory: -1, CPUs: 2.5, PIDs: -1, Tmp: -1},
		Mounts: []run.Mount{{Source: "/data", ReadOnly: true}, {Source: "/h", Target: "/tmp"}},
	}
	hc := hostConfig(spec, [2]uint{})
	if !slices.Equal(hc.CapAdd, []string{"NET_RAW"}) || hc.ReadonlyRootfs {
		t.Errorf("cap add %q, read-only root %v: want NET_RAW and a writable root", hc.CapAdd, hc.ReadonlyRootfs)
	}
	if r := hc.Resources; r.Memory != 0 || r.NanoCPUs != 2.5e9 || r.PidsLimit != nil {
		t.Errorf("resources %+v: want no memory or pids limit, 2.5 CPUs", r)
	}
	want := []mount.Mount{{Type: mount.TypeBind, Source: "/data", Target: "/data", ReadOnly: true},
		{Type: mount.TypeBind, Source: "/h", Target: "/tmp"}}
	if !slices.Equal(hc.Mounts, want) || hc.Tmpfs != nil {
		t.Errorf("mounts %+v tmpfs %v: want %+v and no tmpfs over the mounted /tmp", hc.Mounts, hc.Tmpfs, want)
	}
	if tmpOptions(-1) != "rw,nosuid,nodev,mode=1777" {
		t.Errorf("an unbounded /tmp has options %q", tmpOptions(-1))
	}
	hc = hostConfig(run.Spec{Privileged: true}, [2]uint{})
	if !hc.Privileged || hc.CapDrop != nil || hc.SecurityOpt != nil || hc.ReadonlyRootfs || hc.Resources.Memory != 1<<30 {
		t.Errorf("privileged %+v: want no isolation but the limits", hc)
	}
}
