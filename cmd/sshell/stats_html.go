package main

import (
	"fmt"
	"os"

	"github.com/sshell/sshell/cache"
)

// htmlTop is how many tools get an idle-time histogram on the page.
const htmlTop = 5

// The charts' geometry, in pixels: the longest setup bar, where bars
// start after the tool's name, and the histogram's bin spacing.
const (
	barWidth = 600.0
	barLeft  = 120.0
	binStep  = 64.0
)

// htmlPage is what statsPage.html shows.
type htmlPage struct {
	Stats      cache.Stats
	Bars       []setupBar
	BarsHeight int
	Hists      []histChart
	BinLabels  []binLabel
}

// setupBar is one tool's MTTS and MTTE, placed in pixels.
type setupBar struct {
	Command                              string
	MTTS, MTTE                           string
	Y, TextY, SetupW, ExecX, ExecW, EndX float64
}

type binLabel struct {
	X    float64
	Text string
}

// histChart is one tool's idle-time histogram, as bar heights in pixels.
type histChart struct {
	Command string
	Bars    []histBar
}

type histBar struct {
	Count          int
	X, Y, H, TextY float64
}

// writeHTMLFile writes the stats page with its charts to path.
func writeHTMLFile(path string, st cache.Stats, hists []cache.Histogram) error {
	page := htmlPage{Stats: st, Bars: setupBars(st.Commands), BarsHeight: 24*len(st.Commands) + 8,
		Hists: histCharts(hists), BinLabels: binLabels()}
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("writing the stats page: %w", err)
	}
	if err := statsPage().Execute(f, page); err != nil {
		f.Close()
		return fmt.Errorf("writing the stats page %s: %w", path, err)
	}
	return f.Close()
}

func setupBars(cmds []cache.CommandStats) []setupBar {
	var most cache.Seconds
	for _, c := range cmds {
		most = max(most, value(c.MTTS)+value(c.MTTE))
	}
	var bars []setupBar
	for i, c := range cmds {
		b := setupBar{Command: c.Command, MTTS: secs(c.MTTS), MTTE: secs(c.MTTE), Y: float64(i) * 24}
		if most > 0 {
			b.SetupW = barWidth * float64(value(c.MTTS)) / float64(most)
			b.ExecW = barWidth * float64(value(c.MTTE)) / float64(most)
		}
		b.TextY, b.ExecX = b.Y+14, barLeft+b.SetupW
		b.EndX = b.ExecX + b.ExecW + 8
		bars = append(bars, b)
	}
	return bars
}

func value(s *cache.Seconds) cache.Seconds {
	if s == nil {
		return 0
	}
	return *s
}
