package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/sshell/sshell/cache"
)

func init() {
	register(&verb{name: "stats", summary: "show how often tools run, and what setup costs", help: statsHelpText, run: runStats})
}

const statsHelpText = `Usage:
  sshell stats [CMD] [--since WHEN] [--json | --html FILE]

Show, per command, from the call records in $XDG_STATE_HOME/sshell
(default ~/.local/state/sshell): calls, cold and warm; the time between
calls (MTBC: mean, p50, p90); the warm calls a ready sandbox ran (READY,
native only, shown when there are some); the mean setup time (MTTS) of
cold and warm calls; the mean execution time (MTTE); the setup share MTTS/(MTTS+MTTE);
the image size, from the Docker daemon ("?" when it cannot tell); and the
disk and setup cost of running the tool from an image against installing it.

Flags:
  --since WHEN      only calls since WHEN: a duration back from now (90m,
                    12h, 7d), a date (2026-11-20, local midnight) or an
                    RFC 3339 time (2026-11-20T09:00:00Z)
  --json            print JSON (the format is in docs/stats.md)
  --html FILE       write a self-contained page with the table and charts:
                    MTTS against MTTE per tool, and the idle-time histogram
                    of the top tools
  -h, --help        show this help

See docs/stats.md for the definitions.
`

// statsOptions is one `sshell stats` command line.
type statsOptions struct {
	command string
	now     time.Time // the end of the period
	since   time.Time // its start; zero: every record
	json    bool
	html    string // the page to write; empty: none
}

func runStats(ctx context.Context, s *streams, args []string) error {
	o, err := parseStats(s, args, time.Now())
	if err != nil {
		return err
	}
	recs, opts, err := o.load(ctx)
	if err != nil {
		return err
	}
	st := cache.Summarize(recs, opts)
	switch {
	case o.html != "":
		return writeHTMLFile(o.html, st, cache.IdleHistograms(recs, opts))
	case o.json:
		return writeJSON(s, st)
	}
	return writeStats(s.out, st)
}

// parseStats reads the flags, before or after CMD; --since counts back
// from now.
func parseStats(s *streams, args []string, now time.Time) (*statsOptions, error) {
	o := &statsOptions{now: now}
	v := verbs["stats"]
	fs := newFlagSet(v)
	fs.Func("since", "", func(v string) (err error) { o.since, err = parseSince(v, now); return err })
	fs.BoolVar(&o.json, "json", false, "")
	fs.StringVar(&o.html, "html", "", "")
	if err := parseFlags(fs, v, s, args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		o.command = fs.Arg(0)
		if err := parseFlags(fs, v, s, fs.Args()[1:]); err != nil {
			return nil, err
		}
	}
	switch {
	case fs.NArg() > 0:
		return nil, &usageError{verb: v.name, err: fmt.Errorf("stats takes at most one CMD, got %q", fs.Args())}
	case o.json && o.html != "":
		return nil, &usageError{verb: v.name, err: fmt.Errorf("--json and --html do not go together")}
	}
	return o, nil
}

// parseSince reads when a period starts: a Go duration back from now, a
// whole number of days ("7d"), a date (local midnight) or an RFC 3339
// time. It must be before now.
func parseSince(v string, now time.Time) (time.Time, error) {
	d, err := time.ParseDuration(v)
	if n, ok := strings.CutSuffix(v, "d"); ok && err != nil {
		days, derr := strconv.Atoi(n)
		d, err = time.Duration(days)*24*time.Hour, derr
	}
	switch {
	case err == nil && d <= 0:
		return time.Time{}, fmt.Errorf("want a positive duration")
	case err == nil:
		return now.Add(-d), nil
	}
	at, err := time.ParseInLocation(time.DateOnly, v, time.Local)
	if err != nil {
		at, err = time.Parse(time.RFC3339, v)
	}
	switch {
	case err != nil:
		return time.Time{}, fmt.Errorf("want a duration (90m, 12h, 7d), a date (2026-11-20) or an RFC 3339 time")
	case !at.Before(now):
		return time.Time{}, fmt.Errorf("%s is not in the past", v)
	}
	return at, nil
}

// load reads the log, and the options to summarise it with: the period,
// the command and the image sizes the daemon reports.
func (o *statsOptions) load(ctx context.Context) ([]cache.Record, cache.Options, error) {
	opts := cache.Options{Now: o.now, Since: o.since, Command: o.command}
	recs, err := cache.DefaultLog().Read()
	if err != nil {
		return nil, opts, err
	}
	if opts.Events, err = cache.DefaultGCLog().ReadEvents(); err != nil {
		return nil, opts, err
	}
	opts.Sizes = imageSizes(ctx, cache.Summarize(recs, opts).Commands)
	return recs, opts, nil
}

func writeJSON(s *streams, st cache.Stats) error {
	enc := json.NewEncoder(s.out)
	enc.SetIndent("", "  ")
	return enc.Encode(st)
}
