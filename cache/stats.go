package cache

import (
	"slices"
	"strings"
	"time"
)

// StatsVersion is the version of the Stats JSON format (docs/stats.md).
const StatsVersion = 1

// Options choose what Summarize counts.
type Options struct {
	Now     time.Time // the end of the observed period
	Since   time.Time // its start; zero: the first record's time
	Command string    // only this command; empty: every command
	// Sizes are the bytes on disk of the images held now, by reference, on
	// the runtime of each command's latest call (CommandStats.Runtime). An
	// image not in it is taken to be absent, size unknown.
	Sizes map[string]int64
	// Events are the gc's removals and pulls ahead (DefaultGCLog), which
	// tell when an image was on disk; none: the calls alone tell.
	Events []GCEvent
}

// Stats is the time analysis of the calls in a period.
type Stats struct {
	Version  int            `json:"version"`
	From     time.Time      `json:"from"`
	To       time.Time      `json:"to"`
	Commands []CommandStats `json:"commands"` // by calls, most first, then by name
	Total    Total          `json:"total"`
}

// Summarize computes Stats from records, in any order.
func Summarize(recs []Record, o Options) Stats {
	recs = selectRecords(recs, o)
	st := Stats{Version: StatsVersion, From: o.Since, To: o.Now, Commands: []CommandStats{}}
	if st.From.IsZero() {
		st.From = o.Now
		if len(recs) > 0 {
			st.From = recs[0].Time
		}
	}
	for _, group := range byCommand(recs) {
		st.Commands = append(st.Commands, summarizeCommand(group, st.From, st.To, o.Sizes, o.Events))
	}
	slices.SortStableFunc(st.Commands, func(a, b CommandStats) int { return b.Calls - a.Calls })
	st.Total = total(st.Commands)
	st.Total.Cost.Period = Seconds(st.To.Sub(st.From))
	return st
}

// selectRecords keeps the records o asks for, sorted by time.
func selectRecords(recs []Record, o Options) []Record {
	var out []Record
	for _, r := range recs {
		if r.Time.Before(o.Since) || r.Time.After(o.Now) || (o.Command != "" && r.Command != o.Command) {
			continue
		}
		out = append(out, r)
	}
	slices.SortStableFunc(out, func(a, b Record) int { return a.Time.Compare(b.Time) })
	return out
}

// byCommand groups time-sorted records by command, sorted by name.
func byCommand(recs []Record) [][]Record {
	m := map[string][]Record{}
	for _, r := range recs {
		m[r.Command] = append(m[r.Command], r)
	}
	var groups [][]Record
	for _, g := range m {
		groups = append(groups, g)
	}
	slices.SortFunc(groups, func(a, b []Record) int { return strings.Compare(a[0].Command, b[0].Command) })
	return groups
}
