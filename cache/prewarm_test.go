package cache

import (
	"strings"
	"testing"
	"time"
)

// sixHourly is an image called every 6 h for five days up to clock0, with
// a gc run every step (from the calls of other tools) over that time and
// the next ten hours; step 0: only the gc each of its calls starts.
func sixHourly(step time.Duration) Image {
	var times []time.Time
	for i := 20; i >= 0; i-- {
		times = append(times, clock0.Add(-time.Duration(i)*6*time.Hour))
	}
	var runs []time.Time
	for _, c := range times {
		if step == 0 {
			runs = append(runs, c.Add(time.Minute))
		}
	}
	if step > 0 {
		for g := times[0].Add(step / 2); g.Before(clock0.Add(10 * time.Hour)); g = g.Add(step) {
			runs = append(runs, g)
		}
	}
	return Image{Ref: "r/backup:1", Command: "backup", Bytes: 200 << 20, PullCost: 10 * time.Second, LastUse: clock0,
		Calls: len(times), Idle: hist(every(6*time.Hour, 20)...), Times: times, GCRuns: runs}
}

func decideAt(p Policy, im Image, after time.Duration) Decision {
	return p.Decide([]Image{im}, clock0.Add(after))[0]
}

// A regular 6-hourly tool, with a gc every hour: removed after its call,
// pulled back by the gc in the hour before the next, 5 minutes ahead at
// the latest.
func TestPrewarmOnClock(t *testing.T) {
	p := DefaultPolicy()
	im := sixHourly(time.Hour)
	d := decideAt(p, im, 10*time.Minute)
	if !d.Window.Prewarm || !d.Remove || d.Reason != "prewarm: next call expected in ~5h50m, pulling 5m ahead; removed until a gc in ~4h45m" {
		t.Errorf("held, just used: prewarm %v remove %v %q", d.Window.Prewarm, d.Remove, d.Reason)
	}
	im.Absent = true
	d = decideAt(p, im, 2*time.Hour)
	if d.Pull || !d.PullAt.Equal(clock0.Add(4*time.Hour+55*time.Minute)) || !d.Listed() || !strings.HasSuffix(d.Reason, "a gc in ~2h55m pulls it") {
		t.Errorf("absent, 2h idle: pull %v at %v %q; want a pull planned at 4h55m", d.Pull, d.PullAt, d.Reason)
	}
	d = decideAt(p, im, 5*time.Hour+20*time.Minute)
	if !d.Pull || d.Reason != "prewarm: next call expected in ~40m, pulling 5m ahead: due within the gc interval of 1h" {
		t.Errorf("absent, 5h20m idle: pull %v %q", d.Pull, d.Reason)
	}
	if d := decideAt(p, im, 6*time.Hour+10*time.Minute); !d.Pull || d.Reason != "prewarm: next call due ~10m ago, within the keep-alive 6h37m: due within the gc interval of 1h" {
		t.Errorf("absent, overdue: pull %v %q", d.Pull, d.Reason)
	}
	if d := decideAt(p, im, 8*time.Hour); d.Pull || d.Listed() {
		t.Errorf("absent past the keep-alive: %+v, want left alone", d)
	}
	im.Absent = false
	if d := decideAt(p, im, 5*time.Hour+20*time.Minute); d.Remove || !strings.HasSuffix(d.Reason, "; kept") {
		t.Errorf("held, due: remove %v %q, want kept", d.Remove, d.Reason)
	}
	if d := decideAt(p, im, 7*time.Hour); !d.Remove || !strings.Contains(d.Reason, ">= keep-alive") {
		t.Errorf("held past the keep-alive: remove %v %q", d.Remove, d.Reason)
	}
}

// Without a gc run in the hour before each call (sshell's gc runs only
// after calls), pre-warming would make calls cold that keeping serves
// warm: the image is kept instead.
func TestPrewarmNeedsGCRuns(t *testing.T) {
	p := DefaultPolicy()
	for _, step := range []time.Duration{0, 3 * time.Hour} {
		d := decideAt(p, sixHourly(step), 10*time.Minute)
		if d.Window.Prewarm || d.Remove {
			t.Errorf("gc every %v: prewarm %v remove %v %q, want kept", step, d.Window.Prewarm, d.Remove, d.Reason)
		}
	}
}

// Short idle times are not pre-warmed: the next gc could not pull in time.
func TestNoPrewarmOfFrequentTools(t *testing.T) {
	im := sixHourly(time.Hour)
	im.Idle = hist(every(90*time.Minute, 40)...)
	if d := decideAt(DefaultPolicy(), im, 10*time.Minute); d.Window.Prewarm {
		t.Errorf("90-minute tool pre-warmed: %+v", d)
	}
}

// A pre-warm pull waits when it does not fit the budget.
func TestPrewarmWithinBudget(t *testing.T) {
	p := DefaultPolicy()
	p.MaxBytes = 250 << 20
	im := sixHourly(time.Hour)
	im.Absent = true
	other := Image{Ref: "r/other:1", Bytes: 100 << 20, PullCost: time.Second, LastUse: clock0, Idle: hist()}
	ds := p.Decide([]Image{im, other}, clock0.Add(5*time.Hour+20*time.Minute))
	if ds[0].Pull || !strings.Contains(ds[0].Reason, "not pulled: it does not fit the budget of 250.0 MiB") || ds[1].Remove {
		t.Errorf("over the budget: pull %v %q; other removed %v", ds[0].Pull, ds[0].Reason, ds[1].Remove)
	}
	p.MaxBytes = 300 << 20
	if ds := p.Decide([]Image{im, other}, clock0.Add(5*time.Hour+20*time.Minute)); !ds[0].Pull {
		t.Errorf("within the budget: %q, want pulled", ds[0].Reason)
	}
}

// The gc runs the records imply: one per call at most every hour, at the
// call's end.
func TestGCRuns(t *testing.T) {
	at := func(m int) Record {
		return Record{V: 1, Command: "a", Time: clock0.Add(time.Duration(m) * time.Minute), Exec: time.Minute}
	}
	runs := GCRuns([]Record{at(70), at(0), at(30), at(59), at(200)}, time.Hour)
	want := []time.Time{clock0.Add(time.Minute), clock0.Add(71 * time.Minute), clock0.Add(201 * time.Minute)}
	if len(runs) != len(want) {
		t.Fatalf("runs %v, want %v", runs, want)
	}
	for i := range want {
		if !runs[i].Equal(want[i]) {
			t.Errorf("run %d at %v, want %v", i, runs[i], want[i])
		}
	}
}

// In the simulation a pre-warmed image is held from its pull, and the
// call it was pulled for is warm: a tool every 6 h among hourly calls of
// another is cold once, and holds its disk about an hour in six.
func TestSimulatePrewarm(t *testing.T) {
	var calls []Call
	for h := 1; h < 10*24; h++ {
		calls = append(calls, Call{Offset: time.Duration(h)*time.Hour + 7*time.Minute, Command: "lint", Bytes: 1 << 20, Pull: time.Second})
		if h%6 == 0 {
			calls = append(calls, Call{Offset: time.Duration(h)*time.Hour + 30*time.Minute, Command: "backup", Bytes: 1 << 30, Pull: 50 * time.Second})
		}
	}
	res := Simulate(calls, DefaultPolicy())
	ttl, ad := res[2], res[3]
	if ad.Prewarms == 0 || ad.Cold >= ttl.Cold+1 || ad.DiskGiBh >= ttl.DiskGiBh/2 {
		t.Errorf("adaptive %+v against TTL %+v: want pre-warms, no more cold starts, and under half the disk", ad, ttl)
	}
	// backup's 39 calls: the first cold, and warm from the first pre-warm
	// on (the histogram needs five idle times over two days).
	if ad.Cold > 1+1+9 {
		t.Errorf("adaptive: %d cold starts, want at most 11", ad.Cold)
	}
}
