package main

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"text/tabwriter"
	"time"

	"github.com/sshell/sshell/cache"
)

// writeStats prints st as two aligned tables: the times, then the costs.
// A READY column (the warm calls a sandbox kept ready ran) follows WARM
// when some call was.
func writeStats(w io.Writer, st cache.Stats) error {
	if len(st.Commands) == 0 {
		_, err := fmt.Fprintln(w, "No calls recorded in this period.")
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	anyReady := slices.ContainsFunc(st.Commands, func(c cache.CommandStats) bool { return c.Ready > 0 })
	readyHead := map[bool]string{true: "\tREADY"}[anyReady]
	fmt.Fprintf(tw, "COMMAND\tRUNTIME\tCALLS\tCOLD\tWARM%s\tMTBC MEAN\tP50\tP90\tMTTS COLD\tMTTS WARM\tMTTE\tSETUP\tSIZE\n", readyHead)
	for _, c := range st.Commands {
		readyCell := ""
		if anyReady {
			readyCell = fmt.Sprintf("\t%d", c.Ready)
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", c.Command, runtimesCell(c), c.Calls, c.Cold, c.Warm, readyCell,
			distPart(c.MTBC, 0), distPart(c.MTBC, 50), distPart(c.MTBC, 90),
			secs(c.MTTSCold), secs(c.MTTSWarm), secs(c.MTTE), percent(c.SetupShare), bytesOf(c.ImageBytes))
	}
	fmt.Fprintf(tw, "\nCOST over %s\tHELD\tINSTALLED GiB·h\tSERVERLESS GiB·h\tSETUP PAID\n", short(st.To.Sub(st.From)))
	for _, c := range st.Commands {
		fmt.Fprintf(tw, "%s\t%s\n", c.Command, costCells(c.Cost))
	}
	totalCost := &st.Total.Cost
	if st.Total.Unsized == len(st.Commands) {
		totalCost = nil // nothing to add up
	}
	fmt.Fprintf(tw, "total\t%s\n", costCells(totalCost))
	if st.Total.Unsized > 0 {
		fmt.Fprintf(tw, "(%d command(s) of unknown image size left out of the total)\n", st.Total.Unsized)
	}
	return tw.Flush()
}

// runtimesCell names the runtimes c's calls ran on, the latest call's
// first: "native", "native+docker".
func runtimesCell(c cache.CommandStats) string {
	cell := c.Runtime
	for _, rt := range slices.Sorted(maps.Keys(c.Runtimes)) {
		if rt != c.Runtime {
			cell += "+" + rt
		}
	}
	return cell
}

func costCells(c *cache.Cost) string {
	if c == nil {
		return "?\t?\t?\t?"
	}
	return fmt.Sprintf("%s\t%.3g\t%.3g\t%s", short(c.Held.D()), c.InstalledGiBh, c.ServerlessGiBh, short(c.SetupPaid.D()))
}

// distPart is the mean (p 0) or a percentile of d, "-" without one.
func distPart(d *cache.Dist, p int) string {
	if d == nil {
		return "-"
	}
	return short(map[int]cache.Seconds{0: d.Mean, 50: d.P50, 90: d.P90}[p].D())
}

func secs(s *cache.Seconds) string {
	if s == nil {
		return "-"
	}
	return short(s.D())
}

func percent(f *float64) string {
	if f == nil {
		return "-"
	}
	return fmt.Sprintf("%.0f%%", *f*100)
}

// short rounds d to about three significant digits.
func short(d time.Duration) string {
	steps := []struct{ above, round time.Duration }{
		{time.Hour, time.Minute}, {time.Minute, time.Second}, {time.Second, 10 * time.Millisecond},
		{time.Millisecond, 10 * time.Microsecond}, {time.Microsecond, 10 * time.Nanosecond},
	}
	for _, s := range steps {
		if d >= s.above {
			return d.Round(s.round).String()
		}
	}
	return d.String()
}

// bytesOf is n in binary units, "?" when unknown.
func bytesOf(n *int64) string {
	if n == nil {
		return "?"
	}
	v, units := float64(*n), []string{"B", "KiB", "MiB", "GiB", "TiB"}
	i := 0
	for ; v >= 1024 && i < len(units)-1; i++ {
		v /= 1024
	}
	return fmt.Sprintf("%.1f %s", v, units[i])
}
