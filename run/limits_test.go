package run

import (
	"testing"
	"time"
)

func TestLimitsEffective(t *testing.T) {
	got := Limits{}.Effective()
	want := Limits{Memory: DefaultMemory, CPUs: DefaultCPUs, PIDs: DefaultPIDs, Tmp: DefaultTmp}
	if got != want {
		t.Errorf("defaults: %+v, want %+v", got, want)
	}
	set := Limits{Memory: -1, CPUs: 0.5, PIDs: 7, Tmp: -1, Timeout: time.Second}
	if got := set.Effective(); got != set {
		t.Errorf("Effective(%+v) = %+v: set and negative (unbounded) values must stay", set, got)
	}
}
