package main

import (
	"fmt"
	"time"

	"github.com/sshell/sshell/cache"
)

// histCharts places the idle-time histograms of the top htmlTop tools.
func histCharts(hists []cache.Histogram) []histChart {
	var charts []histChart
	for _, h := range hists[:min(len(hists), htmlTop)] {
		most := 0
		for _, n := range h.Counts {
			most = max(most, n)
		}
		c := histChart{Command: h.Command}
		for i, n := range h.Counts {
			height := 0.0
			if most > 0 {
				height = 100 * float64(n) / float64(most)
			}
			c.Bars = append(c.Bars, histBar{Count: n, X: float64(i) * binStep, Y: 115 - height, H: height, TextY: 112 - height})
		}
		charts = append(charts, c)
	}
	return charts
}

// binLabels name the idle-time bins: "≤1s", …, ">7d".
func binLabels() []binLabel {
	var labels []binLabel
	for i, b := range cache.IdleBins {
		labels = append(labels, binLabel{X: float64(i) * binStep, Text: "≤" + shortBound(b)})
	}
	last := len(cache.IdleBins)
	return append(labels, binLabel{X: float64(last) * binStep, Text: ">" + shortBound(cache.IdleBins[last-1])})
}

func shortBound(d time.Duration) string {
	switch h := d.Hours(); {
	case h >= 24:
		return fmt.Sprintf("%gd", h/24)
	case h >= 1:
		return fmt.Sprintf("%gh", h)
	case h*60 >= 1:
		return fmt.Sprintf("%gm", h*60)
	default:
		return fmt.Sprintf("%gs", h*3600)
	}
}
