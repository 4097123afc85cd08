package cache

import (
	"os"
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
	got := held(recs, nil, t0, t0.Add(300*time.Second))
	if want := 100*time.Second + 100*time.Second; got != want {
		t.Errorf("held = %v, want %v", got, want)
	}
}

// With the gc's events, a pre-warmed image is held only from its pull
// ahead to its removal after the call, though every call after the first
// is warm.
func TestHeldWithGCEvents(t *testing.T) {
	h := func(f float64) time.Time { return t0.Add(time.Duration(f * float64(time.Hour))) }
	ev := func(at float64, action string) GCEvent {
		return GCEvent{V: 1, Time: h(at), Image: "reg/jq:1", Action: action}
	}
	recs := []Record{call("jq", 0, true, 0, 0), call("jq", 6*3600, false, 0, 0), call("jq", 12*3600, false, 0, 0)}
	evs := []GCEvent{ev(0.5, GCRemoved), ev(5, GCPulled), ev(6.5, GCRemoved), ev(11, GCPulled),
		{V: 1, Time: h(1), Image: "reg/other:1", Action: GCPulled}} // another image's: ignored by Summarize
	st := Summarize(recs, Options{Now: h(13), Sizes: map[string]int64{"reg/jq:1": 1 << 30}, Events: evs})
	if got, want := st.Commands[0].Cost.Held.D(), 30*time.Minute+90*time.Minute+2*time.Hour; got != want {
		t.Errorf("held %v, want %v", got, want)
	}
	if got := held(recs, nil, t0, h(13)); got != 13*time.Hour {
		t.Errorf("held without events %v, want 13h (the calls alone)", got)
	}
	for _, c := range []struct {
		name string
		recs []Record
		evs  []GCEvent
		want time.Duration
	}{
		// removed before the period's first call, which pulls it again
		{"removed first", []Record{call("jq", 2*3600, true, 0, 0)}, []GCEvent{ev(1, GCRemoved)}, time.Hour + 2*time.Hour},
		// removed, then a warm call: something else pulled it (prefetch)
		{"pulled unseen", []Record{call("jq", 0, true, 0, 0), call("jq", 2*3600, false, 0, 0)}, []GCEvent{ev(1, GCRemoved)}, time.Hour + 2*time.Hour},
		// events outside the period are left out
		{"outside", []Record{call("jq", 0, true, 0, 0)}, []GCEvent{ev(5, GCRemoved)}, 4 * time.Hour},
	} {
		if got := held(c.recs, c.evs, t0, h(4)); got != c.want {
			t.Errorf("%s: held %v, want %v", c.name, got, c.want)
		}
	}
}

// The gc's event log reads back what was appended, skips torn lines and
// records of the call log, and rotates.
func TestGCEventLog(t *testing.T) {
	l := tempLog(t, 0)
	if err := l.AppendEvent(GCEvent{Time: t0, Image: "reg/jq:1", Action: GCRemoved}); err != nil {
		t.Fatal(err)
	}
	writeRaw(t, l.Path, []byte(`{"v":1,"time":"2026-`))
	mustAppend(t, l, call("jq", 0, true, 0, 0)) // not an event
	if err := l.AppendEvent(GCEvent{Time: t0.Add(time.Hour), Image: "reg/jq:1", Action: GCPulled}); err != nil {
		t.Fatal(err)
	}
	evs, err := l.ReadEvents()
	if err != nil || len(evs) != 2 || evs[0].Action != GCRemoved || evs[1].Action != GCPulled || evs[0].V != Version || !evs[1].Time.Equal(t0.Add(time.Hour)) {
		t.Errorf("events %+v, %v", evs, err)
	}
	small := tempLog(t, 1000)
	for i := range 50 {
		if err := small.AppendEvent(GCEvent{Time: t0.Add(time.Duration(i) * time.Second), Image: "reg/jq:1", Action: GCPulled}); err != nil {
			t.Fatal(err)
		}
	}
	evs, err = small.ReadEvents()
	if fi, serr := os.Stat(small.Path + ".1"); err != nil || serr != nil || fi.Size() > 2000 || len(evs) >= 50 || !evs[len(evs)-1].Time.Equal(t0.Add(49*time.Second)) {
		t.Errorf("after rotation: %d events (%v, %v), want the newest, fewer than 50", len(evs), err, serr)
	}
}
