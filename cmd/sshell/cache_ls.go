package main

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/sshell/sshell/cache"
)

func init() { cacheSubs["ls"] = runCacheLs }

func runCacheLs(ctx context.Context, s *streams, args []string) error {
	fs := newFlagSet(verbs["cache"])
	if err := parseFlags(fs, verbs["cache"], s, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return &usageError{verb: "cache", err: fmt.Errorf("cache ls takes no arguments, got %q", fs.Args())}
	}
	return lsAt(ctx, s.out, s.err, time.Now())
}

// lsAt lists the decisions at now, over every host (a host that cannot be
// asked is skipped with a line to notes).
func lsAt(ctx context.Context, w, notes io.Writer, now time.Time) error {
	p, err := cacheDecisions(ctx, notes, now)
	if err != nil {
		return err
	}
	defer p.close()
	return writeCacheLs(w, p.ds, time.Local)
}

// writeCacheLs prints one row per listed image (the held ones, and the
// absent ones the pre-warm pulls back); times are in loc, to the minute.
func writeCacheLs(w io.Writer, ds []cache.Decision, loc *time.Location) error {
	const stamp = "2006-01-02 15:04"
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "IMAGE\tCOMMAND\tRUNTIME\tSIZE\tLAST USE\tCALLS\tNEXT USE\tDECISION")
	for _, d := range ds {
		if !d.Listed() {
			continue
		}
		next := "-" // the histogram cannot tell
		if !d.Window.Fallback {
			next = d.NextUse.In(loc).Format(stamp)
		}
		size, decision := cache.Bytes(d.Image.Bytes), "keep"
		if d.Image.Absent {
			size = "-"
		}
		switch {
		case d.Pull:
			decision = "pull now"
		case !d.PullAt.IsZero():
			decision = "pull at " + d.PullAt.In(loc).Format(stamp)
		case d.Remove:
			decision = "remove"
		}
		last := "-" // an image an upgrade superseded: no call of its own
		if !d.Image.LastUse.IsZero() {
			last = d.Image.LastUse.In(loc).Format(stamp)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s: %s\n", d.Image.Ref, d.Image.Command, runtimeOf(d.Image), size,
			last, d.Image.Calls, next, decision, d.Reason)
	}
	return tw.Flush()
}
