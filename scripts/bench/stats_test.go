package bench

import (
	"testing"
	"time"
)

func TestMedian(t *testing.T) {
	for _, c := range []struct {
		in   samples
		want time.Duration
	}{
		{nil, 0},
		{samples{3}, 3},
		{samples{5, 1, 3}, 3},
		{samples{4, 1, 3, 2}, 2},
	} {
		if got := c.in.median(); got != c.want {
			t.Errorf("median(%v) = %v, want %v", c.in, got, c.want)
		}
	}
}
