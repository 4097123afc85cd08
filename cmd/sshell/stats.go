package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/sshell/sshell/cache"
	"github.com/sshell/sshell/run/docker"
)

func init() {
	register(&verb{name: "stats", summary: "show how often tools run, and what setup costs", help: statsHelpText, run: runStats})
}

const statsHelpText = `Usage:
  sshell stats [CMD] [--since DURATION] [--json]

Show, per command, from the call records in $XDG_STATE_HOME/sshell
(default ~/.local/state/sshell): calls, cold and warm; the time between
calls (MTBC: mean, p50, p90); the mean setup time (MTTS) of cold and warm
calls; the mean execution time (MTTE); the setup share MTTS/(MTTS+MTTE);
the image size, from the Docker daemon ("?" when it cannot tell); and the
disk and setup cost of running the tool from an image against installing it.

Flags:
  --since DURATION  only calls in the last DURATION (90m, 12h, 7d)
  --json            print JSON (the format is in docs/stats.md)
  -h, --help        show this help

See docs/stats.md for the definitions.
`

// statsOptions is one `sshell stats` command line.
type statsOptions struct {
	command string
	since   time.Duration // 0: every record
	json    bool
}

func runStats(ctx context.Context, s *streams, args []string) error {
	o, err := parseStats(s, args)
	if err != nil {
		return err
	}
	st, err := o.stats(ctx, time.Now())
	if err != nil {
		return err
	}
	if o.json {
		return writeJSON(s, st)
	}
	return writeStats(s.out, st)
}

// parseStats reads the flags, before or after CMD.
func parseStats(s *streams, args []string) (*statsOptions, error) {
	o := &statsOptions{}
	v := verbs["stats"]
	fs := newFlagSet(v)
	fs.Func("since", "", func(v string) (err error) { o.since, err = parseSince(v); return err })
	fs.BoolVar(&o.json, "json", false, "")
	if err := parseFlags(fs, v, s, args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		o.command = fs.Arg(0)
		if err := parseFlags(fs, v, s, fs.Args()[1:]); err != nil {
			return nil, err
		}
	}
	if fs.NArg() > 0 {
		return nil, &usageError{verb: v.name, err: fmt.Errorf("stats takes at most one CMD, got %q", fs.Args())}
	}
	return o, nil
}

// parseSince reads a Go duration, or a whole number of days ("7d").
func parseSince(v string) (time.Duration, error) {
	d, err := time.ParseDuration(v)
	if n, ok := strings.CutSuffix(v, "d"); ok && err != nil {
		days, derr := strconv.Atoi(n)
		d, err = time.Duration(days)*24*time.Hour, derr
	}
	if err == nil && d <= 0 {
		err = fmt.Errorf("want a positive duration")
	}
	return d, err
}

// stats reads the log and summarises it, with the image sizes the daemon
// reports.
func (o *statsOptions) stats(ctx context.Context, now time.Time) (cache.Stats, error) {
	log := cache.DefaultLog()
	recs, err := log.Read()
	if err != nil {
		return cache.Stats{}, err
	}
	opts := cache.Options{Now: now, Command: o.command}
	if o.since > 0 {
		opts.Since = now.Add(-o.since)
	}
	opts.Sizes = imageSizes(ctx, cache.Summarize(recs, opts).Commands)
	return cache.Summarize(recs, opts), nil
}

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

func writeJSON(s *streams, st cache.Stats) error {
	enc := json.NewEncoder(s.out)
	enc.SetIndent("", "  ")
	return enc.Encode(st)
}
