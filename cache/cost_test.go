package cache

import (
	"testing"
	"time"
)

func TestCost(t *testing.T) {
	const gib = 1 << 30
	h := func(n int) int { return n * 3600 }
	// Pulled at 0, used at 1h; pulled again at 5h (so removed after 1h),
	// used at 6h; still on disk at 10h: held 1h + 5h of the 10h.
	recs := []Record{
		call("jq", h(0), true, 2*time.Second, time.Second),
		call("jq", h(1), false, time.Second, time.Second),
		call("jq", h(5), true, 2*time.Second, time.Second),
		call("jq", h(6), false, time.Second, time.Second),
	}
	st := Summarize(recs, Options{Now: t0.Add(10 * time.Hour), Sizes: map[string]int64{"reg/jq:1": 2 * gib}})
	c := st.Commands[0].Cost
	if c == nil {
		t.Fatal("no cost with a known size")
	}
	if c.Period.D() != 10*time.Hour || c.Held.D() != 6*time.Hour || c.SetupPaid.D() != 6*time.Second {
		t.Errorf("period %v held %v setup %v, want 10h 6h 6s", c.Period.D(), c.Held.D(), c.SetupPaid.D())
	}
	if c.InstalledGiBh != 20 || c.ServerlessGiBh != 12 {
		t.Errorf("installed %v serverless %v GiB·h, want 20 12", c.InstalledGiBh, c.ServerlessGiBh)
	}
	if st.Total.Cost.InstalledGiBh != 20 || st.Total.Unsized != 0 || *st.Commands[0].ImageBytes != 2*gib {
		t.Errorf("total = %+v", st.Total)
	}
}

func TestHeldWarmFirst(t *testing.T) {
	// The first call in the period found the image already there.
	recs := []Record{call("jq", 100, false, 0, 0), call("jq", 200, true, 0, 0)}
	got := held(recs, t0, t0.Add(300*time.Second))
	if want := 100*time.Second + 100*time.Second; got != want {
		t.Errorf("held = %v, want %v", got, want)
	}
}
