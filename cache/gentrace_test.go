package cache

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// The shipped traces (testdata/*.csv) are generated here, from a fixed
// seed: SSHELL_UPDATE_TRACES=1 go test ./cache -run TestShippedTraces
// rewrites them. Each spans 30 days.
const traceSpan = 30 * 24 * time.Hour

// tool is one command of a synthetic trace, with its image.
type tool struct {
	name  string
	bytes int64
}

// pullOf is a plausible pull time: 1 s plus the bytes at 20 MiB/s, ±20%.
func pullOf(rng *rand.Rand, b int64) time.Duration {
	s := (1 + float64(b)/(20<<20)) * (0.8 + 0.4*rng.Float64())
	return time.Duration(s*10) * time.Second / 10
}

func exp(rng *rand.Rand, mean time.Duration) time.Duration {
	return time.Duration(rng.ExpFloat64() * float64(mean))
}

// bursty: work sessions (2 to 30 calls, about 2 minutes apart) that start
// about every 10 hours.
func bursty(rng *rand.Rand, t tool, out []Call) []Call {
	for at := exp(rng, 10*time.Hour); at < traceSpan; at += exp(rng, 10*time.Hour) {
		n := 2 + rng.IntN(29)
		for i, s := 0, at; i < n && s < traceSpan; i, s = i+1, s+exp(rng, 2*time.Minute) {
			out = append(out, Call{Offset: s, Command: t.name, Bytes: t.bytes, Pull: pullOf(rng, t.bytes)})
		}
	}
	return out
}

// periodic: a call every period, give or take jitter (a cron job, a
// habit).
func periodic(period, jitter time.Duration) func(*rand.Rand, tool, []Call) []Call {
	return func(rng *rand.Rand, t tool, out []Call) []Call {
		for at := period; at < traceSpan; at += period {
			s := at + time.Duration((2*rng.Float64()-1)*float64(jitter))
			out = append(out, Call{Offset: s, Command: t.name, Bytes: t.bytes, Pull: pullOf(rng, t.bytes)})
		}
		return out
	}
}

// rare: calls days apart (exponential, mean 4 days).
func rare(rng *rand.Rand, t tool, out []Call) []Call {
	for at := exp(rng, 4*24*time.Hour); at < traceSpan; at += exp(rng, 4*24*time.Hour) {
		out = append(out, Call{Offset: at, Command: t.name, Bytes: t.bytes, Pull: pullOf(rng, t.bytes)})
	}
	return out
}

type gen struct {
	t tool
	f func(*rand.Rand, tool, []Call) []Call
}

const mib = 1 << 20

var traceGens = map[string][]gen{
	"bursty": {{tool{"jq", 30 * mib}, bursty}, {tool{"terraform", 400 * mib}, bursty}, {tool{"gcloud", 1100 * mib}, bursty}},
	"periodic": {{tool{"backup", 200 * mib}, periodic(6*time.Hour, 10*time.Minute)},
		{tool{"lint", 80 * mib}, periodic(time.Hour, 5*time.Minute)},
		{tool{"report", 700 * mib}, periodic(24*time.Hour, 30*time.Minute)}},
	"rare": {{tool{"ffmpeg", 300 * mib}, rare}, {tool{"pandoc", 600 * mib}, rare}, {tool{"latex", 1500 * mib}, rare}},
}

func init() {
	var mixed []gen
	for _, k := range []string{"bursty", "periodic", "rare"} {
		mixed = append(mixed, traceGens[k]...)
	}
	traceGens["mixed"] = mixed
}

// generate makes one named trace from a seed fixed per name.
func generate(name string) []Call {
	seed := uint64(0)
	for _, c := range name {
		seed = seed*31 + uint64(c)
	}
	rng := rand.New(rand.NewPCG(seed, 2026))
	var calls []Call
	for _, g := range traceGens[name] {
		calls = g.f(rng, g.t, calls)
	}
	for i := range calls {
		calls[i].Offset = max(calls[i].Offset, 0).Round(time.Second)
	}
	slices.SortStableFunc(calls, func(a, b Call) int { return int(a.Offset - b.Offset) })
	return calls
}

var traceNames = []string{"bursty", "periodic", "rare", "mixed"}

// The committed traces are what the generator makes.
func TestShippedTraces(t *testing.T) {
	for _, name := range traceNames {
		var buf bytes.Buffer
		if err := WriteTrace(&buf, generate(name)); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join("testdata", name+".csv")
		if os.Getenv("SSHELL_UPDATE_TRACES") != "" {
			if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		got, err := os.ReadFile(path)
		if err != nil || !bytes.Equal(got, buf.Bytes()) {
			t.Errorf("%s differs from the generator's output (%v); rerun with SSHELL_UPDATE_TRACES=1", path, err)
		}
	}
}
