package main

import (
	"context"
	"io"
	"time"

	"github.com/sshell/sshell/cache"
)

// imageSizes asks, for each command, the host of its latest call's
// runtime (Docker, or the native store) for the size of its image. A host
// that cannot be asked (the daemon down) leaves its sizes unknown, within
// a few seconds.
func imageSizes(ctx context.Context, cmds []cache.CommandStats) map[string]int64 {
	sizes := map[string]int64{}
	if len(cmds) == 0 {
		return sizes
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	wantNative := false
	for _, c := range cmds {
		wantNative = wantNative || c.Runtime == runtimeNative
	}
	hosts := allHosts(ctx, io.Discard, wantNative)
	defer closeHosts(hosts)
	for _, h := range hosts {
		for _, c := range cmds {
			if c.Runtime != h.runtime() {
				continue
			}
			img, ok, err := h.local(ctx, c.Image)
			if err != nil {
				break
			}
			if ok {
				sizes[c.Image] = img.Size
			}
		}
	}
	return sizes
}
