package main

import (
	"testing"
	"time"

	"github.com/sshell/sshell/resolve"
)

func TestProfile(t *testing.T) {
	def := resolve.Tool{Network: "none"}
	if got, want := profile(def), "network none, no capabilities, read-only root, /tmp 256MiB, memory 1GiB, cpus 1, pids 512, no timeout"; got != want {
		t.Errorf("default profile %q\nwant %q", got, want)
	}
	set := resolve.Tool{Network: "host", CapAdd: []string{"NET_RAW", "NET_ADMIN"},
		Limits: resolve.Limits{Memory: -1, CPUs: 0.5, PIDs: -1, Timeout: 90 * time.Second}}
	if got, want := profile(set), "network host, capabilities NET_RAW,NET_ADMIN, read-only root, /tmp 256MiB, memory unlimited, cpus 0.5, pids unlimited, timeout 1m30s"; got != want {
		t.Errorf("profile %q\nwant %q", got, want)
	}
}
