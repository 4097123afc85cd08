package cache

import (
	"testing"
	"time"
)

var t0 = time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)

// call is a successful record of cmd at t0+at seconds.
func call(cmd string, at int, cold bool, setup, exec time.Duration) Record {
	return Record{V: Version, Command: cmd, Image: "reg/" + cmd + ":1", Time: t0.Add(time.Duration(at) * time.Second),
		Resolve: setup / 4, Pull: setup / 4, Create: setup / 4, Start: setup / 4, Exec: exec, Cold: cold}
}

func TestSummarizeOneCommand(t *testing.T) {
	// Gaps 10, 20, 30, 40, 100 s; sorted the same.
	recs := []Record{
		call("jq", 100, false, 40*time.Millisecond, 60*time.Millisecond),
		call("jq", 0, true, 4*time.Second, 1*time.Second),
		call("jq", 10, false, 80*time.Millisecond, 40*time.Millisecond),
		call("jq", 30, false, 120*time.Millisecond, 50*time.Millisecond),
		call("jq", 60, true, 2*time.Second, 50*time.Millisecond),
		call("jq", 200, false, 40*time.Millisecond, 50*time.Millisecond),
	}
	recs[2].Ready, recs[5].Ready = true, true // two warm calls a ready sandbox ran
	st := Summarize(recs, Options{Now: t0.Add(300 * time.Second)})
	if len(st.Commands) != 1 {
		t.Fatalf("commands = %+v", st.Commands)
	}
	c := st.Commands[0]
	if c.Calls != 6 || c.Cold != 2 || c.Warm != 4 || c.Ready != 2 || c.Failed != 0 {
		t.Errorf("calls %d cold %d warm %d ready %d failed %d, want 6 2 4 2 0", c.Calls, c.Cold, c.Warm, c.Ready, c.Failed)
	}
	wantDist(t, c.MTBC, 5, 40*time.Second, 30*time.Second, 100*time.Second)
	wantSec(t, "MTTS cold", c.MTTSCold, 3*time.Second)
	wantSec(t, "MTTS warm", c.MTTSWarm, 70*time.Millisecond)
	wantSec(t, "MTTS", c.MTTS, (6280*time.Millisecond)/6)
	wantSec(t, "MTTE", c.MTTE, 1250*time.Millisecond/6)
	if c.SetupShare == nil || *c.SetupShare < 0.83 || *c.SetupShare > 0.84 {
		t.Errorf("setup share = %v, want 6280/7530", c.SetupShare)
	}
	if c.ImageBytes != nil || c.Cost != nil || st.Total.Unsized != 1 {
		t.Errorf("no size given, yet size %v cost %v unsized %d", c.ImageBytes, c.Cost, st.Total.Unsized)
	}
}

func wantDist(t *testing.T, d *Dist, n int, mean, p50, p90 time.Duration) {
	t.Helper()
	if d == nil {
		t.Fatal("no distribution")
	}
	if d.N != n || d.Mean.D() != mean || d.P50.D() != p50 || d.P90.D() != p90 {
		t.Errorf("dist = n %d mean %v p50 %v p90 %v, want %d %v %v %v",
			d.N, d.Mean.D(), d.P50.D(), d.P90.D(), n, mean, p50, p90)
	}
}

func wantSec(t *testing.T, what string, got *Seconds, want time.Duration) {
	t.Helper()
	if got == nil || got.D() != want {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

func TestSummarizeSelects(t *testing.T) {
	recs := []Record{
		call("jq", 0, true, time.Second, time.Second),
		call("yq", 5, true, time.Second, time.Second),
		call("jq", 50, false, time.Second, time.Second),
		call("jq", 90, false, time.Second, time.Second),
		call("jq", 200, false, time.Second, time.Second), // after Now
	}
	recs[3].Failed = true
	st := Summarize(recs, Options{Now: t0.Add(100 * time.Second)})
	if len(st.Commands) != 2 || st.Commands[0].Command != "jq" || st.Commands[0].Calls != 3 {
		t.Fatalf("commands = %+v, want jq (3 calls) first", st.Commands)
	}
	if c := st.Commands[0]; c.Failed != 1 || c.Warm != 1 || c.MTBC.N != 2 {
		t.Errorf("jq: failed %d warm %d gaps %d, want 1 1 2", c.Failed, c.Warm, c.MTBC.N)
	}
	if st.Commands[1].MTBC != nil {
		t.Errorf("one call has an MTBC: %+v", st.Commands[1].MTBC)
	}
	if st.Total.Calls != 4 || st.Total.Cold != 2 || !st.From.Equal(t0) {
		t.Errorf("total = %+v from %v", st.Total, st.From)
	}
	st = Summarize(recs, Options{Now: t0.Add(100 * time.Second), Since: t0.Add(10 * time.Second), Command: "jq"})
	if len(st.Commands) != 1 || st.Commands[0].Calls != 2 || st.Commands[0].Cold != 0 {
		t.Errorf("since 10s, jq only: %+v", st.Commands)
	}
}

func TestSummarizeEmpty(t *testing.T) {
	st := Summarize(nil, Options{Now: t0})
	if st.Commands == nil || len(st.Commands) != 0 || st.Total.Calls != 0 || st.Total.Cost.Period != 0 {
		t.Errorf("empty stats = %+v", st)
	}
}
