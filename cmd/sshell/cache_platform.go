package main

import "github.com/sshell/sshell/resolve"

// platformOf is the platform the manifest of cmd names for image, which a
// pull ahead (gc's pre-warm) asks for as the run would; empty when none,
// or when cmd's manifest no longer runs image.
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
