package seccomp

import (
	"reflect"
	"slices"
	"testing"
)

// TestBuildNoCapsUsesGeneratedProgram checks that the program compiled at
// generation time is what build compiles now for no capabilities.
func TestBuildNoCapsUsesGeneratedProgram(t *testing.T) {
	if hostTable == nil {
		t.Skip("no profile table for this architecture")
	}
	k := kernelVersion()
	if !atLeast(k, noCapsKernel) {
		t.Skipf("kernel %v older than %v: the generated program is not used", k, noCapsKernel)
	}
	f, err := Build(nil)
	if err != nil {
		t.Fatal(err)
	}
	fresh, err := build(hostTable, nil, k)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(f.prog, fresh.prog) {
		t.Error("generated no-capability program differs from a fresh build: run go generate")
	}
	if g, _ := Build([]string{}); g != f {
		t.Error("Build(empty) not memoised with Build(nil)")
	}
}

func TestNormalizeCaps(t *testing.T) {
	got := normalizeCaps([]string{"net_raw", "CAP_NET_RAW", " SYS_ADMIN ", ""})
	if want := []string{"CAP_NET_RAW", "CAP_SYS_ADMIN"}; !reflect.DeepEqual(got, want) {
		t.Errorf("normalizeCaps = %v, want %v", got, want)
	}
	all := normalizeCaps([]string{"ALL"})
	for _, c := range []string{"CAP_SYS_ADMIN", "CAP_SYS_PTRACE", "CAP_DAC_READ_SEARCH"} {
		if !slices.Contains(all, c) {
			t.Errorf("ALL lacks %s: %v", c, all)
		}
	}
}

func TestBuildCapsChangeTheProgram(t *testing.T) {
	if hostTable == nil {
		t.Skip("no profile table for this architecture")
	}
	a, err := Build([]string{"SYS_PTRACE"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Build([]string{"cap_sys_ptrace"})
	if err != nil {
		t.Fatal(err)
	}
	if a != b {
		t.Error("SYS_PTRACE and cap_sys_ptrace built separately")
	}
	none, _ := Build(nil)
	if reflect.DeepEqual(a.prog, none.prog) {
		t.Error("CAP_SYS_PTRACE gave the same program as no capabilities")
	}
}

func TestParseKernel(t *testing.T) {
	for in, want := range map[string][2]uint16{
		"6.18.0-1-cloud-amd64": {6, 18},
		"4.8":                  {4, 8},
		"5.15.0+":              {5, 15},
		"5":                    {},
		"x.y":                  {},
	} {
		if got := parseKernel(in); got != want {
			t.Errorf("parseKernel(%q) = %v, want %v", in, got, want)
		}
	}
}
