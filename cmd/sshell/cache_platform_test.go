package main

import (
	"strings"
	"testing"

	"github.com/sshell/sshell/cache"
)

// A pre-warm pull of a tool whose manifest names a platform is held back,
// with the reason; other pulls go ahead, and prefetch refuses the tool.
func TestHoldPlatformPulls(t *testing.T) {
	user := teamHome(t)
	writeManifests(t, user, map[string]string{
		"arm.toml": "[tools.arm]\nimage = \"r/arm:1\"\nplatform = \"linux/arm64\"\n",
		"x.toml":   toolTOML("x", "r/x:1"),
	})
	ds := []cache.Decision{
		{Image: cache.Image{Ref: "r/arm:1", Command: "arm", Absent: true}, Pull: true, Reason: "prewarm"},
		{Image: cache.Image{Ref: "r/x:1", Command: "x", Absent: true}, Pull: true, Reason: "prewarm"},
		{Image: cache.Image{Ref: "r/old:1", Command: "arm", Absent: true}, Pull: true, Reason: "prewarm"}, // the manifest names another image now
	}
	holdPlatformPulls(ds)
	if ds[0].Pull || !strings.Contains(ds[0].Reason, "not pulled: its manifest names platform linux/arm64") || !ds[1].Pull || !ds[2].Pull {
		t.Errorf("decisions: %+v", ds)
	}
	code, _, errs := call(t, "cache", "prefetch", "arm")
	if code == 0 || !strings.Contains(errs, "cannot prefetch arm: its manifest names platform linux/arm64") {
		t.Errorf("prefetch of a platform tool: exit %d, %q", code, errs)
	}
}
