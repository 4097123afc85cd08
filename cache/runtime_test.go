package cache

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// A record names its runtime; one written before runtimes existed reads
// as Docker's, and one without "runtime" is written without it.
func TestRecordRuntime(t *testing.T) {
	var old Record
	if err := json.Unmarshal([]byte(`{"v":1,"cmd":"jq","image":"r/jq:1","time":"2026-11-26T10:00:00Z","exit":0,"cold":true}`), &old); err != nil {
		t.Fatal(err)
	}
	if old.On() != RuntimeDocker {
		t.Errorf("an old record runs on %q, want docker", old.On())
	}
	rec := Record{V: Version, Command: "jq", Runtime: RuntimeNative}
	b, _ := json.Marshal(rec)
	var back Record
	if err := json.Unmarshal(b, &back); err != nil || back.On() != RuntimeNative {
		t.Errorf("round trip of %s: %q (%v), want native", b, back.On(), err)
	}
}

// The memory of pulls notes every runtime a reference was pulled onto, an
// older pull's too; an entry from before runtimes is Docker's.
func TestPulledRuntimes(t *testing.T) {
	p := &Pulled{Path: filepath.Join(t.TempDir(), "pulled.json")}
	at := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
	note := func(ref string, r PulledRef) {
		t.Helper()
		if err := p.Note(ref, r); err != nil {
			t.Fatal(err)
		}
	}
	note("r/old:1", PulledRef{Command: "old", Last: at}) // as written before runtimes
	note("r/x:1", PulledRef{Command: "x", Last: at, Runtimes: []string{RuntimeNative}})
	note("r/x:1", PulledRef{Command: "x", Last: at.Add(-time.Hour), Runtimes: []string{RuntimeDocker}}) // older, another runtime
	note("r/x:1", PulledRef{Command: "x", Last: at.Add(time.Hour), Runtimes: []string{RuntimeNative}})
	refs, err := p.Load()
	if err != nil {
		t.Fatal(err)
	}
	x := refs["r/x:1"]
	if !x.On(RuntimeNative) || !x.On(RuntimeDocker) || !x.Last.Equal(at.Add(time.Hour)) || len(x.Runtimes) != 2 {
		t.Errorf("r/x:1 = %+v, want on native and docker, last pulled at %v", x, at.Add(time.Hour))
	}
	if o := refs["r/old:1"]; !o.On(RuntimeDocker) || o.On(RuntimeNative) {
		t.Errorf("r/old:1 = %+v, want docker's only", o)
	}
	note("r/old:1", PulledRef{Command: "old", Last: at, Runtimes: []string{RuntimeNative}})
	refs, _ = p.Load()
	if got := refs["r/old:1"].Runtimes; !slices.Equal(got, []string{RuntimeDocker, RuntimeNative}) {
		t.Errorf("r/old:1 pulled onto native too: runtimes %v, want docker then native", got)
	}
}

// Stats count each command's calls per runtime and name the latest's.
func TestStatsRuntimes(t *testing.T) {
	at := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
	recs := []Record{
		{V: Version, Command: "jq", Image: "r/jq:1", Time: at},
		{V: Version, Command: "jq", Image: "r/jq:1", Time: at.Add(time.Minute), Runtime: RuntimeNative},
		{V: Version, Command: "jq", Image: "r/jq:1", Time: at.Add(2 * time.Minute), Runtime: RuntimeNative},
	}
	st := Summarize(recs, Options{Now: at.Add(time.Hour)})
	c := st.Commands[0]
	if c.Runtime != RuntimeNative || c.Runtimes[RuntimeNative] != 2 || c.Runtimes[RuntimeDocker] != 1 {
		t.Errorf("runtime %q runtimes %v, want native, 2 native and 1 docker", c.Runtime, c.Runtimes)
	}
}
