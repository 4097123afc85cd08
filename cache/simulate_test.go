package cache

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// simBudget is the disk budget of the shipped simulations: 2 GiB, less
// than the mixed trace's images together.
const simBudget = 2 << 30

func simulateFile(t *testing.T, name string) []SimResult {
	t.Helper()
	path := filepath.Join("testdata", name+".csv")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	calls, err := ReadTrace(path, f)
	if err != nil {
		t.Fatal(err)
	}
	p := DefaultPolicy()
	p.MaxBytes = simBudget
	return Simulate(calls, p)
}

// What holds on the shipped traces (README.md, docs/cache.md say why the
// rest does not): adaptive pays no more setup than the fixed TTL on
// periodic, rare and mixed, and holds no more disk on bursty, periodic and
// mixed. On mixed it beats the TTL on both.
var adaptiveHolds = map[string]struct{ setup, disk bool }{
	"bursty": {false, true}, "periodic": {true, true}, "rare": {true, false}, "mixed": {true, true},
}

func TestAdaptiveAgainstTTL(t *testing.T) {
	for _, name := range traceNames {
		res := simulateFile(t, name)
		var b strings.Builder
		WriteSim(&b, res)
		t.Logf("%s:\n%s", name, b.String())
		ttl, ad, want := res[2], res[3], adaptiveHolds[name]
		if (want.setup && ad.SetupS > ttl.SetupS) || (want.disk && ad.DiskGiBh > ttl.DiskGiBh) {
			t.Errorf("%s: adaptive setup %.0fs disk %.1f GiB·h; TTL %.0fs %.1f GiB·h", name, ad.SetupS, ad.DiskGiBh, ttl.SetupS, ttl.DiskGiBh)
		}
	}
	if res := simulateFile(t, "mixed"); res[3].SetupS >= res[2].SetupS || res[3].DiskGiBh >= res[2].DiskGiBh {
		t.Errorf("mixed: adaptive does not beat the TTL on both: %+v against %+v", res[3], res[2])
	}
}
