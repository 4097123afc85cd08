package seccomp

import (
	"encoding/binary"
	"fmt"
	"testing"

	"golang.org/x/net/bpf"
	"golang.org/x/sys/unix"
)

// capSets are the capability sets the program is checked for.
var capSets = [][]string{
	nil,
	{"CAP_SYS_ADMIN"},
	{"CAP_SYS_PTRACE"},
	{"CAP_NET_RAW", "CAP_SYS_CHROOT"},
	normalizeCaps([]string{"ALL"}),
}

// TestEmitMatchesGoSeccompBPF runs this package's program and
// go-seccomp-bpf's program for the same profile (reference) through
// a BPF interpreter, for every syscall number, this architecture and
// another, the x32 bit, and argument values around every value the profile
// tests: the results must be the same everywhere.
func TestEmitMatchesGoSeccompBPF(t *testing.T) {
	if hostTable == nil {
		t.Skip("no profile table for this architecture")
	}
	probes := argProbes(hostTable)
	for _, caps := range capSets {
		t.Run(fmt.Sprint(caps), func(t *testing.T) {
			ref, err := newReference(caps)
			if err != nil {
				t.Fatal(err)
			}
			f, err := build(hostTable, caps, kernelVersion())
			if err != nil {
				t.Fatal(err)
			}
			ours, err := disassemble(f.prog)
			if err != nil {
				t.Fatal(err)
			}
			ourVM, err := bpf.NewVM(ours)
			if err != nil {
				t.Fatal(err)
			}
			checked, allowed := 0, 0
			for _, archID := range []uint32{hostTable.Arch, hostTable.Arch + 1} {
				for nr := uint32(0); nr < 1100; nr++ {
					refVM, err := ref.vmFor(nr)
					if err != nil {
						t.Fatal(err)
					}
					for _, n := range []uint32{nr, nr | x32Bit} {
						for _, a0 := range probes {
							for _, a1 := range []uint64{0, 0x7e020000} {
								in := seccompData(n, archID, a0, a1)
								want, err := refVM.Run(in)
								if err != nil {
									t.Fatal(err)
								}
								got, err := ourVM.Run(in)
								if err != nil {
									t.Fatal(err)
								}
								if got != want {
									t.Fatalf("nr %#x arch %#x args %#x %#x: got %#x, go-seccomp-bpf %#x", n, archID, a0, a1, got, want)
								}
								checked++
								if got == unix.SECCOMP_RET_ALLOW {
									allowed++
								}
							}
						}
					}
				}
			}
			if allowed == 0 || allowed == checked {
				t.Fatalf("%d of %d inputs allowed: the comparison tests nothing", allowed, checked)
			}
		})
	}
}

// argProbes are first-argument values around each value the table tests,
// plus extremes.
func argProbes(t *table) []uint64 {
	seen := map[uint64]bool{}
	var out []uint64
	add := func(v uint64) {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	for _, v := range []uint64{0, 1, 0xffffffff, 1 << 32, ^uint64(0)} {
		add(v)
	}
	for _, r := range t.Rules {
		for _, a := range r.Args {
			for _, v := range []uint64{a.Value, a.Value - 1, a.Value + 1, a.Value | 1<<32, a.Value & (a.Value - 1), 0x20000} {
				add(v)
			}
		}
	}
	return out
}

// seccompData is a struct seccomp_data as the interpreter reads it: its
// loads are big-endian, so each 32-bit word is stored big-endian at the
// offset the programs (written for this host) load it from.
func seccompData(nr, archID uint32, a0, a1 uint64) []byte {
	b := make([]byte, 64)
	binary.BigEndian.PutUint32(b[offNr:], nr)
	binary.BigEndian.PutUint32(b[offArch:], archID)
	for i, v := range []uint64{a0, a1} {
		lo, hi := argOffsets(uint8(i))
		binary.BigEndian.PutUint32(b[lo:], uint32(v))
		binary.BigEndian.PutUint32(b[hi:], uint32(v>>32))
	}
	return b
}

func disassemble(prog []unix.SockFilter) ([]bpf.Instruction, error) {
	raw := make([]bpf.RawInstruction, len(prog))
	for i, f := range prog {
		raw[i] = bpf.RawInstruction{Op: f.Code, Jt: f.Jt, Jf: f.Jf, K: f.K}
	}
	insts, ok := bpf.Disassemble(raw)
	if !ok {
		return nil, fmt.Errorf("program has instructions the interpreter does not know")
	}
	return insts, nil
}

// TestEmitArgumentTests checks each operator, including MASKED_EQ with a
// non-zero value (which go-seccomp-bpf cannot express), on 64-bit values.
func TestEmitArgumentTests(t *testing.T) {
	const allow, deny = unix.SECCOMP_RET_ALLOW, unix.SECCOMP_RET_ERRNO | 1
	cases := []struct {
		a    arg
		in   uint64
		want uint32
	}{
		{arg{Op: opEq, Value: 1<<32 | 5}, 1<<32 | 5, allow},
		{arg{Op: opEq, Value: 1<<32 | 5}, 5, deny},
		{arg{Op: opNe, Value: 7}, 7, deny},
		{arg{Op: opNe, Value: 7}, 1<<32 | 7, allow},
		{arg{Op: opLt, Value: 1 << 32}, 0xffffffff, allow},
		{arg{Op: opLt, Value: 1 << 32}, 1 << 32, deny},
		{arg{Op: opLe, Value: 3}, 3, allow},
		{arg{Op: opLe, Value: 3}, 4, deny},
		{arg{Op: opGt, Value: 3}, 1 << 32, allow},
		{arg{Op: opGt, Value: 3}, 3, deny},
		{arg{Op: opGe, Value: 3}, 3, allow},
		{arg{Op: opGe, Value: 3}, 2, deny},
		{arg{Op: opMaskedEq, Value: 0xff00, ValueTwo: 0x1200}, 0x12ab, allow},
		{arg{Op: opMaskedEq, Value: 0xff00, ValueTwo: 0x1200}, 0x13ab, deny},
		{arg{Op: opMaskedEq, Value: 1 << 40, ValueTwo: 0}, 1 << 40, deny},
	}
	for _, c := range cases {
		tab := &table{Arch: 1, Default: deny, Rules: []rule{{Nrs: []uint32{9}, Action: allow, Args: []arg{c.a}}}}
		prog, err := emit(tab, groups(tab, nil, [2]uint16{}))
		if err != nil {
			t.Fatal(err)
		}
		insts, err := disassemble(prog)
		if err != nil {
			t.Fatal(err)
		}
		vm, err := bpf.NewVM(insts)
		if err != nil {
			t.Fatal(err)
		}
		got, err := vm.Run(seccompData(9, 1, c.in, 0))
		if err != nil {
			t.Fatal(err)
		}
		if uint32(got) != c.want {
			t.Errorf("%+v on %#x: %#x, want %#x", c.a, c.in, got, c.want)
		}
	}
}
