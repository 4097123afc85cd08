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

// The bar, on every trace in testdata: adaptive pays no more
// setup than the fixed TTL, and holds no more disk.
func TestAdaptiveAgainstTTL(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("testdata", "*.csv"))
	if err != nil || len(paths) < len(traceNames) {
		t.Fatalf("traces in testdata: %v (%v), want at least %d", paths, err, len(traceNames))
	}
	for _, path := range paths {
		name := strings.TrimSuffix(filepath.Base(path), ".csv")
		res := simulateFile(t, name)
		var b strings.Builder
		WriteSim(&b, res)
		t.Logf("%s:\n%s", name, b.String())
		ttl, ad := res[2], res[3]
		if !strings.HasPrefix(ttl.Policy, "TTL") || ad.Policy != "adaptive" {
			t.Fatalf("results in another order: %+v", res)
		}
		if ad.SetupS > ttl.SetupS || ad.DiskGiBh > ttl.DiskGiBh {
			t.Errorf("%s: adaptive setup %.1fs disk %.2f GiB·h; TTL %.1fs %.2f GiB·h: want both no more", name, ad.SetupS, ad.DiskGiBh, ttl.SetupS, ttl.DiskGiBh)
		}
	}
}
