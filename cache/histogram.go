package cache

import "time"

// IdleBins are the upper bounds of the idle-time histogram's bins, spaced
// about tenfold: idle times span seconds (a loop in a script) to weeks.
// The last bin holds everything above the last bound.
var IdleBins = []time.Duration{
	time.Second, 10 * time.Second, time.Minute, 10 * time.Minute,
	time.Hour, 6 * time.Hour, 24 * time.Hour, 7 * 24 * time.Hour,
}

// Histogram counts one command's idle times (the gaps between its calls)
// in IdleBins: Counts[i] holds the gaps up to IdleBins[i] and above the
// bound before; the last count holds the gaps above every bound.
type Histogram struct {
	Command string `json:"command"`
	Counts  []int  `json:"counts"`
}

// IdleHistograms returns the idle-time histogram of each command o selects,
// in the order of Summarize.
func IdleHistograms(recs []Record, o Options) []Histogram {
	groups := map[string][]Record{}
	for _, g := range byCommand(selectRecords(recs, o)) {
		groups[g[0].Command] = g
	}
	var hs []Histogram
	for _, c := range Summarize(recs, o).Commands {
		hs = append(hs, Histogram{Command: c.Command, Counts: binCounts(gaps(groups[c.Command]))})
	}
	return hs
}

func binCounts(gs []time.Duration) []int {
	counts := make([]int, len(IdleBins)+1)
	for _, g := range gs {
		i := 0
		for i < len(IdleBins) && g > IdleBins[i] {
			i++
		}
		counts[i]++
	}
	return counts
}
