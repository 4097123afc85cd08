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
	now := time.Now()
	d, ds, err := cacheDecisions(ctx, now)
	if err != nil {
		return err
	}
	defer d.Close()
	return writeCacheLs(s.out, ds, now)
}

// writeCacheLs prints one row per image; times are local, to the minute.
func writeCacheLs(w io.Writer, ds []cache.Decision, now time.Time) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "IMAGE\tCOMMAND\tSIZE\tLAST USE\tCALLS\tNEXT USE\tDECISION")
	for _, d := range ds {
		next := "-" // the histogram cannot tell
		if !d.Window.Fallback {
			next = d.NextUse.Local().Format("2006-01-02 15:04")
		}
		decision := "keep"
		if d.Remove {
			decision = "remove"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%s\t%s: %s\n", d.Image.Ref, d.Image.Command, cache.Bytes(d.Image.Bytes),
			d.Image.LastUse.Local().Format("2006-01-02 15:04"), d.Image.Calls, next, decision, d.Reason)
	}
	return tw.Flush()
}
