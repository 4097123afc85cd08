package cache

import (
	"strings"
	"testing"
	"time"
)

// clock0 is the injected clock's origin: every policy test computes from it.
var clock0 = time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)

func hist(gs ...time.Duration) *IdleHist { return NewIdleHist(gs) }

func every(d time.Duration, n int) []time.Duration {
	gs := make([]time.Duration, n)
	for i := range gs {
		gs[i] = d
	}
	return gs
}

func TestWindow(t *testing.T) {
	p := DefaultPolicy()
	w := p.Window(hist(every(time.Hour, 50)...))
	if w.Fallback || w.Keep != 67*time.Minute+6*time.Second || w.Head != time.Hour {
		t.Errorf("hourly: %+v, want keep 1h7m6s head 1h", w)
	}
	if w := p.Window(hist(every(time.Hour, 3)...)); !w.Fallback || w.Keep != 24*time.Hour {
		t.Errorf("3 samples: %+v, want the 24h fallback", w)
	}
	if w := p.Window(hist(every(time.Hour, 40)...)); !w.Fallback || !strings.Contains(w.Why, "history of 40h < 48h") {
		t.Errorf("40 hours of history: %+v, want the fallback", w)
	}
	if w := p.Window(hist(append(every(time.Hour, 50), 50*time.Hour)...)); !w.Fallback {
		t.Errorf("an idle time beyond the range: %+v, want the fallback", w)
	}
	// A daily tool: its idle times straddle 24h, all within the range.
	if w := p.Window(hist(append(every(23*time.Hour+40*time.Minute, 5), every(24*time.Hour+20*time.Minute, 5)...)...)); w.Fallback || w.Head != 23*time.Hour+40*time.Minute {
		t.Errorf("daily: %+v, want the histogram's head 23h40m", w)
	}
}

func TestDecideOnClock(t *testing.T) {
	p := DefaultPolicy()
	im := Image{Ref: "r/a:1", Bytes: 100 << 20, PullCost: 5 * time.Second, LastUse: clock0, Idle: hist(every(time.Hour, 50)...)}
	if d := p.Decide([]Image{im}, clock0.Add(time.Hour))[0]; d.Remove || !strings.Contains(d.Reason, "idle 1h < keep-alive 1h7m") {
		t.Errorf("1h idle: %+v, want kept", d)
	}
	if d := p.Decide([]Image{im}, clock0.Add(time.Hour))[0]; !d.NextUse.Equal(clock0.Add(time.Hour)) {
		t.Errorf("next use %v, want %v", d.NextUse, clock0.Add(time.Hour))
	}
	// Past the keep-alive, a call before the fallback is still worth more
	// pull time than the disk costs at the default price: kept.
	d := p.Decide([]Image{im}, clock0.Add(2*time.Hour))[0]
	if d.Remove || !strings.Contains(d.Reason, "idle 2h >= keep-alive 1h7m") || !strings.Contains(d.Reason, "kept up to 24h") {
		t.Errorf("2h idle: remove %v %q, want kept up to the fallback", d.Remove, d.Reason)
	}
	// Where disk is dear, the keep-alive removes it.
	p.DiskPrice = 10
	if d := p.Decide([]Image{im}, clock0.Add(2*time.Hour))[0]; !d.Remove || !strings.Contains(d.Reason, "would save") {
		t.Errorf("2h idle, dear disk: remove %v %q", d.Remove, d.Reason)
	}
	p = DefaultPolicy()
	if d := p.Decide([]Image{im}, clock0.Add(24*time.Hour))[0]; !d.Remove || !strings.Contains(d.Reason, "idle 24h >= keep-alive 1h7m") {
		t.Errorf("24h idle: remove %v %q, want removed", d.Remove, d.Reason)
	}
}

// The cost rule: a huge image that pulls in no time is not worth its disk.
func TestDecideCostRule(t *testing.T) {
	p := DefaultPolicy()
	im := Image{Ref: "r/huge:1", Bytes: 500 << 30, PullCost: time.Second, LastUse: clock0, Idle: hist()}
	d := p.Decide([]Image{im}, clock0.Add(time.Minute))[0]
	if !d.Remove || !strings.Contains(d.Reason, "pull time saved") {
		t.Errorf("huge cheap image: remove %v %q", d.Remove, d.Reason)
	}
}

// In use and pinned images stay, however idle and however large.
func TestNeverInUseOrPinned(t *testing.T) {
	p := DefaultPolicy()
	p.MaxBytes = 1
	old := clock0.Add(-30 * 24 * time.Hour)
	imgs := []Image{
		{Ref: "a", Bytes: 1 << 30, LastUse: old, InUse: true},
		{Ref: "b", Bytes: 1 << 30, LastUse: old, Pinned: true},
		{Ref: "c", Bytes: 1 << 30, LastUse: old},
	}
	ds := p.Decide(imgs, clock0)
	if ds[0].Remove || ds[1].Remove || !ds[2].Remove {
		t.Errorf("decisions %v %v %v, want keep keep remove", ds[0], ds[1], ds[2])
	}
}

// Under the budget, the least pull time saved per byte goes first.
func TestEvictionOrder(t *testing.T) {
	p := DefaultPolicy()
	p.MaxBytes = 250 << 20
	mk := func(ref string, pull time.Duration) Image {
		return Image{Ref: ref, Bytes: 100 << 20, PullCost: pull, LastUse: clock0, Idle: hist()}
	}
	ds := p.Decide([]Image{mk("cheap", time.Second), mk("dear", 60*time.Second), mk("mid", 10*time.Second)}, clock0.Add(time.Minute))
	got := ""
	for _, d := range ds {
		if d.Remove {
			got += d.Image.Ref + " "
		}
	}
	if got != "cheap " || !strings.Contains(ds[0].Reason, "over the budget of 250.0 MiB (freeing down to 200.0 MiB)") {
		t.Errorf("removed %q (%q), want cheap over the budget", got, ds[0].Reason)
	}
	p.MaxBytes = 150 << 20
	ds = p.Decide([]Image{mk("cheap", time.Second), mk("dear", 60*time.Second), mk("mid", 10*time.Second)}, clock0.Add(time.Minute))
	if !ds[0].Remove || ds[1].Remove || !ds[2].Remove {
		t.Errorf("150 MiB: %v %v %v, want cheap and mid removed", ds[0].Remove, ds[1].Remove, ds[2].Remove)
	}
}

// Only images sshell pulled are candidates.
func TestCandidatesOnlyPulled(t *testing.T) {
	recs := []Record{
		{V: 1, Command: "a", Image: "r/a:1", Time: clock0, Cold: true, Pull: 3 * time.Second},
		{V: 1, Command: "a", Image: "r/a:1", Time: clock0.Add(time.Hour)},
		{V: 1, Command: "u", Image: "user/own:1", Time: clock0},                      // found on disk: not ours
		{V: 1, Command: "f", Image: "r/f:1", Time: clock0, Cold: true, Failed: true}, // the pull failed
	}
	c := Candidates(recs, nil)
	if len(c) != 1 || c[0].Ref != "r/a:1" || c[0].Calls != 2 || c[0].PullCost != 3*time.Second || !c[0].LastUse.Equal(clock0.Add(time.Hour)) {
		t.Errorf("candidates %+v, want r/a:1 only", c)
	}
}

func TestReadTraceErrors(t *testing.T) {
	_, err := ReadTrace("t.csv", strings.NewReader(TraceHeader+"\n1,jq,100,2\nx,jq,100,2\n"))
	if err == nil || !strings.HasPrefix(err.Error(), "t.csv:3: offset_s") {
		t.Errorf("err = %v, want t.csv:3: offset_s", err)
	}
}

// The references calls pulled are remembered beyond the log's rotation:
// one with only warm records left, and one with none, are candidates.
func TestCandidatesRemembered(t *testing.T) {
	p := &Pulled{Path: t.TempDir() + "/s/pulled.json"}
	for ref, at := range map[string]time.Duration{"r/a:1": 0, "r/gone:1": time.Hour} {
		if err := p.Note(ref, PulledRef{Command: ref[2 : len(ref)-2], Last: clock0.Add(at), Pull: 4 * time.Second}); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Note("r/gone:1", PulledRef{Command: "gone", Last: clock0}); err != nil { // older: ignored
		t.Fatal(err)
	}
	remembered, err := p.Load()
	if err != nil || len(remembered) != 2 || !remembered["r/gone:1"].Last.Equal(clock0.Add(time.Hour)) {
		t.Fatalf("remembered %+v, %v", remembered, err)
	}
	recs := []Record{{V: 1, Command: "a", Image: "r/a:1", Time: clock0.Add(2 * time.Hour)}} // warm: its pull rotated away
	c := Candidates(recs, remembered)
	if len(c) != 2 || c[0].Ref != "r/a:1" || c[0].Calls != 1 || c[1].Ref != "r/gone:1" || c[1].Command != "gone" ||
		!c[1].LastUse.Equal(clock0.Add(time.Hour)) || c[1].PullCost != 4*time.Second || c[1].Idle == nil {
		t.Errorf("candidates %+v", c)
	}
	if c := Candidates(recs, nil); len(c) != 0 {
		t.Errorf("without the memory: %+v, want none (a warm call proves nothing)", c)
	}
}
