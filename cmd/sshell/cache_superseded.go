package main

import (
	"context"
	"fmt"

	"github.com/containerd/errdefs"

	"github.com/sshell/sshell/cache"
)

// supersededDecisions are the decisions on the images upgrades left
// behind that the daemon still holds: removed, unless a container sshell
// made uses them (the daemon refuses anyway while any container does).
func (d *cacheDaemon) supersededDecisions(ctx context.Context, st cache.UpgradeState, recs []cache.Record) ([]cache.Decision, error) {
	inUse, err := d.inUse(ctx)
	if err != nil {
		return nil, err
	}
	var ds []cache.Decision
	for _, s := range cache.SupersededImages(st, recs) {
		info, err := d.cli.ImageInspect(ctx, s.Ref)
		if errdefs.IsNotFound(err) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("inspecting image %q: %w", s.Ref, err)
		}
		dc := cache.Decision{Image: cache.Image{Ref: s.Ref, Command: s.Command, Bytes: info.Size, InUse: inUse[info.ID]},
			Window: cache.Window{Fallback: true}, Remove: !inUse[info.ID]}
		dc.Reason = fmt.Sprintf("superseded: the tag now points to %s; `sshell rollback %s` pulls it again", shortDigest(s.Latest), s.Command)
		if dc.Image.InUse {
			dc.Reason = "superseded, but in use by an sshell container"
		}
		ds = append(ds, dc)
	}
	return ds, nil
}
