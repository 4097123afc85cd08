package seccomp

import (
	"fmt"
	"os"
	"os/exec"
	"testing"
)

// BenchmarkBuildUncached is the cost of compiling the profile, paid once
// per process and capability set.
func BenchmarkBuildUncached(b *testing.B) {
	for range b.N {
		if _, err := build(hostTable, nil, kernelVersion()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuildCached is Build after the first call for a capability set.
func BenchmarkBuildCached(b *testing.B) {
	if _, err := Build(nil); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		if _, err := Build(nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReference is what building with moby's GetDefaultProfile and
// go-seccomp-bpf's assembler costs, for comparison.
func BenchmarkReference(b *testing.B) {
	for range b.N {
		ref, err := newReference(nil)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := ref.vmFor(0); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoad is Load(nil) as a fresh process pays it: Build plus the
// seccomp system call (the kernel checks and translates the program). Each
// iteration runs in a re-executed test binary, since filters only stack up
// in one process; the metric is the time inside Load only.
func BenchmarkLoad(b *testing.B) {
	b.StopTimer()
	var total, build int64
	for range b.N {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), helperEnv+"=time")
		out, err := cmd.Output()
		if err != nil {
			b.Fatalf("%v: %s", err, out)
		}
		var ns, bns int64
		if _, err := fmt.Sscanf(string(out), "load-ns %d %d", &ns, &bns); err != nil {
			b.Fatalf("helper said %q: %v", out, err)
		}
		total += ns
		build += bns
	}
	b.ReportMetric(float64(total)/float64(b.N), "ns/load")
	b.ReportMetric(float64(build)/float64(b.N), "ns/build")
}
