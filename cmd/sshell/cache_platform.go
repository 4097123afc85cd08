package main

import (
	"fmt"

	"github.com/sshell/sshell/cache"
	"github.com/sshell/sshell/resolve"
)

// holdPlatformPulls cancels the pre-warm pulls of tools whose manifest
// names a platform: the Docker runner's Pull takes none, so it would fetch
// the daemon's own platform, and the run would pull again. Manifests are
// read only when there is a pull to check.
func holdPlatformPulls(ds []cache.Decision) {
	var set *resolve.Set
	for i := range ds {
		if !ds[i].Pull {
			continue
		}
		if set == nil {
			set, _, _ = resolve.LoadAll()
		}
		if p := platformOf(set, ds[i].Image.Command, ds[i].Image.Ref); p != "" {
			ds[i].Pull = false
			ds[i].Reason += fmt.Sprintf("; not pulled: its manifest names platform %s, which a pull ahead cannot ask for yet", p)
		}
	}
}

// platformOf is the platform the manifest of cmd names for image; empty
// when none, or when cmd's manifest no longer runs image.
func platformOf(set *resolve.Set, cmd, image string) string {
	if set == nil {
		return ""
	}
	t, ok := set.Lookup(cmd)
	if !ok || t.Image != image {
		return ""
	}
	return t.Platform
}
