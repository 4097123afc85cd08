package cache

import (
	"testing"
	"time"
)

func TestRank(t *testing.T) {
	s := func(ns ...int) []time.Duration {
		var d []time.Duration
		for _, n := range ns {
			d = append(d, time.Duration(n))
		}
		return d
	}
	tests := []struct {
		s        []time.Duration
		p50, p90 time.Duration
	}{
		{s(7), 7, 7},
		{s(1, 2), 1, 2},
		{s(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 5, 9},
		{s(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11), 6, 10},
	}
	for _, tc := range tests {
		if p50, p90 := rank(tc.s, 50), rank(tc.s, 90); p50 != tc.p50 || p90 != tc.p90 {
			t.Errorf("rank(%v) = p50 %v p90 %v, want %v %v", tc.s, p50, p90, tc.p50, tc.p90)
		}
	}
	if distOf(nil) != nil {
		t.Error("distOf(nil) is not nil")
	}
}
