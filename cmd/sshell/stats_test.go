package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/adrg/xdg"

	"github.com/sshell/sshell/cache"
)

func TestParseSince(t *testing.T) {
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	midnight := time.Date(2026, 11, 20, 0, 0, 0, 0, time.Local)
	for in, want := range map[string]time.Time{
		"90m": now.Add(-90 * time.Minute), "12h": now.Add(-12 * time.Hour), "7d": now.Add(-7 * 24 * time.Hour),
		"2026-11-20": midnight, "2026-11-20T09:00:00Z": time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC),
	} {
		if got, err := parseSince(in, now); err != nil || !got.Equal(want) {
			t.Errorf("parseSince(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "d", "-1h", "0s", "1.5d", "week", "2026-11-28", "2026-13-01", "2027-01-01T00:00:00Z"} {
		if _, err := parseSince(in, now); err == nil {
			t.Errorf("parseSince(%q) took it", in)
		}
	}
}

func TestParseStats(t *testing.T) {
	s := &streams{in: strings.NewReader(""), out: &strings.Builder{}, err: &strings.Builder{}}
	now := time.Now()
	o, err := parseStats(s, []string{"--since", "1h", "jq", "--json"}, now)
	if err != nil || o.command != "jq" || !o.since.Equal(now.Add(-time.Hour)) || !o.json {
		t.Errorf("parseStats = %+v, %v", o, err)
	}
	for _, args := range [][]string{{"jq", "yq"}, {"--since", "soon"}, {"--html"}, {"--json", "--html", "x.html"}} {
		if _, err := parseStats(s, args, now); err == nil {
			t.Errorf("parseStats(%q) took it", args)
		}
	}
}

// stateHome points the call log at a temp dir.
func stateHome(t *testing.T) *cache.Log {
	t.Helper()
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	xdg.Reload()
	t.Cleanup(xdg.Reload)
	return cache.DefaultLog()
}

func TestStatsFromLog(t *testing.T) {
	log := stateHome(t)
	now := time.Now()
	for i, cold := range []bool{true, false, false} {
		rec := cache.Record{V: cache.Version, Command: "jq", Image: "sshell-test.invalid/jq:1",
			Time: now.Add(time.Duration(i-10) * time.Minute), Pull: time.Second, Exec: time.Second, Cold: cold}
		if err := log.Append(rec); err != nil {
			t.Fatal(err)
		}
	}
	code, out, errs := call(t, "stats", "--json")
	var st cache.Stats
	if err := json.Unmarshal([]byte(out), &st); code != 0 || err != nil {
		t.Fatalf("stats --json: %d %v\n%s%s", code, err, out, errs)
	}
	if len(st.Commands) != 1 || st.Commands[0].Calls != 3 || st.Commands[0].Cold != 1 || st.Commands[0].ImageBytes != nil {
		t.Errorf("stats = %+v", st.Commands)
	}
	// Records from before runtimes ran on Docker.
	if c := st.Commands[0]; c.Runtime != runtimeDocker || len(c.Runtimes) != 1 || c.Runtimes[runtimeDocker] != 3 || !strings.Contains(out, `"runtime": "docker"`) {
		t.Errorf("stats --json: runtime %q runtimes %v, want docker with 3 calls:\n%s", c.Runtime, c.Runtimes, out)
	}
	code, out, _ = call(t, "stats", "--since", "9m")
	if code != 0 || !strings.Contains(out, "\njq ") || !strings.Contains(out, "   ?\n") {
		t.Errorf("stats --since 9m: %d\n%s", code, out)
	}
	if _, out, _ = call(t, "stats", "yq"); out != "No calls recorded in this period.\n" {
		t.Errorf("stats yq: %q", out)
	}
	checkPage(t)
}

// checkPage writes the page for the records in the log and checks that it
// is self-contained and holds both charts.
func checkPage(t *testing.T) {
	t.Helper()
	page := filepath.Join(t.TempDir(), "stats.html")
	if code, out, errs := call(t, "stats", "--html", page); code != 0 || out != "" {
		t.Fatalf("stats --html: %d %q %q", code, out, errs)
	}
	b, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	html := string(b)
	for _, want := range []string{"<td>jq</td><td>3</td>", `class="setup"`, "<h3>jq</h3>", "≤1m", "&gt;7d"} {
		if !strings.Contains(html, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	for _, not := range []string{"<script", "http://", "https://", "ZgotmplZ"} {
		if strings.Contains(html, not) {
			t.Errorf("the page holds %q", not)
		}
	}
}

func TestShort(t *testing.T) {
	for d, want := range map[time.Duration]string{
		1234567 * time.Microsecond: "1.23s", 90*time.Minute + 7*time.Second: "1h30m0s",
		1500 * time.Microsecond: "1.5ms", 0: "0s", 61 * time.Second: "1m1s",
	} {
		if got := short(d); got != want {
			t.Errorf("short(%v) = %q, want %q", d, got, want)
		}
	}
}

// The page's charts are to scale: setup and execution bars share one
// scale (the longest total is barWidth), and each histogram's tallest bin
// is 100 pixels, empty ones 0.
func TestChartsToScale(t *testing.T) {
	sec := func(f float64) *cache.Seconds { s := cache.Seconds(f * float64(time.Second)); return &s }
	bars := setupBars([]cache.CommandStats{
		{Command: "a", MTTS: sec(3), MTTE: sec(1)},
		{Command: "b", MTTS: sec(1), MTTE: sec(1)},
		{Command: "c"}, // no call timed: empty bars
	})
	if bars[0].SetupW != barWidth*3/4 || bars[0].ExecW != barWidth/4 || bars[1].SetupW != barWidth/4 ||
		bars[1].ExecX != barLeft+barWidth/4 || bars[2].SetupW != 0 || bars[2].ExecW != 0 || bars[1].Y != 24 {
		t.Errorf("bars: %+v", bars)
	}
	hs := histCharts([]cache.Histogram{{Command: "a", Counts: []int{0, 4, 2, 0, 0, 0, 0, 0, 1}}})
	if len(hs) != 1 || len(hs[0].Bars) != 9 || hs[0].Bars[1].H != 100 || hs[0].Bars[2].H != 50 || hs[0].Bars[0].H != 0 || hs[0].Bars[8].H != 25 {
		t.Errorf("histogram: %+v", hs)
	}
	many := make([]cache.Histogram, htmlTop+3)
	if got := len(histCharts(many)); got != htmlTop {
		t.Errorf("%d histograms, want the top %d", got, htmlTop)
	}
}

// TestStatsReadyColumn: the warm calls a ready sandbox ran are counted per
// command in a READY column after WARM, which only a period with some
// shows; a failed or cold call is never counted.
func TestStatsReadyColumn(t *testing.T) {
	log := stateHome(t)
	now := time.Now()
	add := func(cmd string, ago time.Duration, cold, ready, failed bool) {
		rec := cache.Record{V: cache.Version, Command: cmd, Image: "sshell-test.invalid/" + cmd + ":1", Time: now.Add(-ago),
			Exec: time.Second, Cold: cold, Ready: ready, Failed: failed, Runtime: runtimeNative}
		if err := log.Append(rec); err != nil {
			t.Fatal(err)
		}
	}
	add("jq", 20*time.Minute, true, false, false)
	add("jq", 5*time.Minute, false, false, false)
	add("jq", 4*time.Minute, false, true, false)
	add("jq", 3*time.Minute, false, true, false)
	add("jq", 2*time.Minute, false, true, true)
	add("yq", time.Minute, false, false, false)
	code, out, _ := call(t, "stats")
	lines := strings.Split(out, "\n")
	if code != 0 || len(lines) < 3 || !strings.Contains(lines[0], "  WARM  READY  MTBC MEAN") ||
		!strings.HasPrefix(strings.Join(strings.Fields(lines[1]), " "), "jq native 5 1 3 2 ") ||
		!strings.HasPrefix(strings.Join(strings.Fields(lines[2]), " "), "yq native 1 0 1 0 ") {
		t.Errorf("stats: exit %d, want a READY column with jq 2, yq 0:\n%s", code, out)
	}
	if _, out, _ = call(t, "stats", "--since", "4m30s"); !strings.Contains(out, "  READY  ") {
		t.Errorf("stats --since 4m30s: no READY column:\n%s", out)
	}
	if _, out, _ = call(t, "stats", "yq"); strings.Contains(out, "READY") {
		t.Errorf("stats yq, no call ran ready: a READY column:\n%s", out)
	}
}
