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
	for in, want := range map[string]time.Duration{"90m": 90 * time.Minute, "12h": 12 * time.Hour, "7d": 7 * 24 * time.Hour} {
		if got, err := parseSince(in); err != nil || got != want {
			t.Errorf("parseSince(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "d", "-1h", "0s", "1.5d", "week"} {
		if _, err := parseSince(in); err == nil {
			t.Errorf("parseSince(%q) took it", in)
		}
	}
}

func TestParseStats(t *testing.T) {
	s := &streams{in: strings.NewReader(""), out: &strings.Builder{}, err: &strings.Builder{}}
	o, err := parseStats(s, []string{"--since", "1h", "jq", "--json"})
	if err != nil || o.command != "jq" || o.since != time.Hour || !o.json {
		t.Errorf("parseStats = %+v, %v", o, err)
	}
	for _, args := range [][]string{{"jq", "yq"}, {"--since", "soon"}, {"--html"}, {"--json", "--html", "x.html"}} {
		if _, err := parseStats(s, args); err == nil {
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
