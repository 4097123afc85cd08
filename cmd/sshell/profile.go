package main

import (
	"fmt"
	"strings"

	units "github.com/docker/go-units"

	"github.com/sshell/sshell/resolve"
)

// profile is the isolation and the bounds a tool runs with by its
// manifest, before any flag: one line for `sshell which` (docs/security.md).
func profile(t resolve.Tool) string {
	l := runLimits(t.Limits).Effective()
	caps := "no capabilities"
	if len(t.CapAdd) > 0 {
		caps = "capabilities " + strings.Join(t.CapAdd, ",")
	}
	if t.User == resolve.UserRoot {
		caps += ", user root"
	}
	for _, m := range t.Mounts {
		caps += ", mount " + mountText(m)
	}
	timeout := "no timeout"
	if l.Timeout > 0 {
		timeout = "timeout " + l.Timeout.String()
	}
	return fmt.Sprintf("network %s, %s, read-only root, /tmp %s, memory %s, cpus %s, pids %s, %s",
		t.Network, caps, sizeText(l.Tmp), sizeText(l.Memory), orUnlimited(l.CPUs, fmt.Sprint(l.CPUs)), orUnlimited(l.PIDs, fmt.Sprint(l.PIDs)), timeout)
}

func sizeText(n int64) string { return orUnlimited(n, units.BytesSize(float64(n))) }

// orUnlimited is s, or "unlimited" for a negative n.
func orUnlimited[T int64 | float64](n T, s string) string {
	if n < 0 {
		return resolve.Unlimited
	}
	return s
}

// mountText is SRC:DST, with ":ro" when read-only.
func mountText(m resolve.Mount) string {
	text := m.Source + ":" + m.Target
	if m.ReadOnly {
		text += ":ro"
	}
	return text
}
