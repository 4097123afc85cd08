package main

import (
	"context"
	"time"

	"github.com/sshell/sshell/cache"
	"github.com/sshell/sshell/run/docker"
)

// imageSizes asks the daemon for the size of each command's image. An
// unreachable daemon leaves every size unknown, within a few seconds.
func imageSizes(ctx context.Context, cmds []cache.CommandStats) map[string]int64 {
	sizes := map[string]int64{}
	if len(cmds) == 0 {
		return sizes
	}
	r, err := docker.New()
	if err != nil {
		return sizes
	}
	defer r.Close()
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	for _, c := range cmds {
		size, ok, err := r.ImageSize(ctx, c.Image)
		if err != nil {
			return sizes
		}
		if ok {
			sizes[c.Image] = size
		}
	}
	return sizes
}
