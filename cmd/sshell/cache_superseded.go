package main

import (
	"context"
	"fmt"

	"github.com/sshell/sshell/cache"
)

// supersededDecisions are the decisions on the images upgrades left
// behind that host h still holds as REPO@DIGEST: removed, unless a run in
// progress uses them (the daemon refuses anyway while any container
// does). recs are the host's own records. The native store keeps a
// superseded digest only when it was pulled by digest (a pin); what a tag
// left behind goes with its tidy.
func supersededDecisions(ctx context.Context, h imageHost, st cache.UpgradeState, recs []cache.Record) ([]cache.Decision, error) {
	sup := cache.SupersededImages(st, recs)
	if len(sup) == 0 {
		return nil, nil
	}
	u, err := h.usage(ctx)
	if err != nil {
		return nil, err
	}
	var ds []cache.Decision
	for _, s := range sup {
		img, ok, err := h.local(ctx, s.Ref)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		inUse := u.uses(img, s.Command)
		dc := cache.Decision{Image: cache.Image{Ref: s.Ref, Command: s.Command, Bytes: img.Size, InUse: inUse, Runtime: h.runtime()},
			Window: cache.Window{Fallback: true}, Remove: !inUse}
		dc.Reason = fmt.Sprintf("superseded: the tag now points to %s; `sshell rollback %s` pulls it again", shortDigest(s.Latest), s.Command)
		if inUse {
			dc.Reason = "superseded, but in use by a run of sshell's"
		}
		ds = append(ds, dc)
	}
	return ds, nil
}
