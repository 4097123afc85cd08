package seccomp

import (
	"encoding/binary"
	"fmt"
	"slices"

	"golang.org/x/sys/unix"
)

// The program is written here rather than by go-seccomp-bpf at run time:
// that library's assembler takes about 0.6 ms for this profile, its
// architecture tables cost 0.34 ms at the start of every process linking
// it, it emits one linear chain (the kernel emulates the filter for every
// syscall number when installing it, to fill its per-syscall action cache,
// so a long chain makes Load slow), and v1.6.0 does not reload the syscall
// number after failed argument tests (see reference_linux_test.go). The
// tests check this program against go-seccomp-bpf's for the same profile,
// input by input.
//
// Layout, for a profile already selected for the run's capabilities:
//
//	ld arch; jeq ARCH, +1; ret DEFAULT; ld nr
//	(x86_64) jge X32_BIT, 0, +1; ret ERRNO(ENOSYS)
//	a binary search over ranges of syscall numbers with one outcome
//	    (runs of allowed numbers, gaps, and each number with argument
//	    tests alone): jge LOW, RIGHT, LEFT (through "ja RIGHT" when the
//	    left half is beyond the 8-bit reach of a conditional jump)
//	outcome: ret ACTION, or for argument tests, per alternative: its
//	    tests (failing jumps to the next alternative), ret ACTION; then
//	    ret DEFAULT
//
// Each number's alternatives follow the order of the groups (see groups),
// so the first match decides as in go-seccomp-bpf's chain of groups. The
// kernel's cost of installing a filter grows with its length; ranges keep
// this one near 320 instructions where one test per syscall took 1,150.

// seccomp_data offsets.
const (
	offNr   = 0
	offArch = 4
	offArgs = 16
)

const x32Bit = 0x40000000

// insn is an instruction whose jumps are still absolute targets.
type insn struct {
	code   uint16
	k      uint32
	jt, jf int // targets (instruction indexes), -1 for the next one; ja's in jt
}

type emitter struct {
	prog []insn
}

func (e *emitter) add(code uint16, k uint32) int {
	e.prog = append(e.prog, insn{code: code, k: k, jt: -1, jf: -1})
	return len(e.prog) - 1
}

// jump adds a conditional jump whose targets are patched later (-1: the
// next instruction).
func (e *emitter) jump(op uint16, k uint32) int {
	e.prog = append(e.prog, insn{code: unix.BPF_JMP | op | unix.BPF_K, k: k, jt: -1, jf: -1})
	return len(e.prog) - 1
}

func (e *emitter) ld(off uint32) { e.add(unix.BPF_LD|unix.BPF_W|unix.BPF_ABS, off) }
func (e *emitter) ret(v uint32)  { e.add(unix.BPF_RET|unix.BPF_K, v) }
func (e *emitter) next() int     { return len(e.prog) }

// argOffsets are where the low and high halves of argument i are.
func argOffsets(i uint8) (lo, hi uint32) {
	base := uint32(offArgs + 8*int(i))
	if binary.NativeEndian.Uint16([]byte{1, 0}) == 1 {
		return base, base + 4
	}
	return base + 4, base
}

// entry is one way a syscall can match: unconditionally (alts nil) or
// when one of alts holds.
type entry struct {
	alts   [][]arg
	action uint32
}

// segment is the numbers from lo up to the next segment's lo: all with
// the constant action (entries nil), or one number with argument tests.
type segment struct {
	lo      uint32
	action  uint32
	entries []entry
	size    int // instructions of its outcome
}

// emit writes the program for the selected groups.
func emit(t *table, gs []group) ([]unix.SockFilter, error) {
	segs := segments(gs, t.Default)
	e := &emitter{prog: make([]insn, 0, 8+searchSize(segs, t.Default))}
	e.ld(offArch)
	j := e.jump(unix.BPF_JEQ, t.Arch)
	e.ret(t.Default)
	e.prog[j].jt = e.next()
	e.ld(offNr)
	if t.X32 {
		j := e.jump(unix.BPF_JGE, x32Bit)
		e.ret(unix.SECCOMP_RET_ERRNO | uint32(unix.ENOSYS))
		e.prog[j].jf = e.next()
	}
	e.search(segs, t.Default)
	return e.assemble()
}

// segments cuts the number space into runs with one outcome.
func segments(gs []group, def uint32) []segment {
	// Every (number, entry) pair in group order, then sorted by number
	// keeping that order: keys are number<<32 | position.
	n := 0
	for _, g := range gs {
		n += len(g.nrs) + len(g.conds)
	}
	all := make([]entry, 0, n)
	keys := make([]uint64, 0, n)
	for _, g := range gs {
		for _, nr := range g.nrs {
			keys = append(keys, uint64(nr)<<32|uint64(len(all)))
			all = append(all, entry{action: g.action})
		}
		for _, c := range g.conds {
			keys = append(keys, uint64(c.nr)<<32|uint64(len(all)))
			all = append(all, entry{alts: c.alts, action: g.action})
		}
	}
	slices.Sort(keys)

	segs := make([]segment, 0, 128)
	push := func(s segment) {
		s.size = 1
		if l := len(segs) - 1; l >= 0 && segs[l].entries == nil && s.entries == nil && segs[l].action == s.action {
			return // same constant outcome: the run goes on
		}
		segs = append(segs, s)
	}
	next := uint64(0) // the first number not yet in a segment
	sorted := make([]entry, len(keys))
	for i, k := range keys {
		sorted[i] = all[uint32(k)]
	}
	for i := 0; i < len(keys); {
		nr := uint32(keys[i] >> 32)
		first := i
		for i < len(keys) && uint32(keys[i]>>32) == nr {
			i++
		}
		ens := sorted[first:i:i]
		if uint64(nr) > next {
			push(segment{lo: uint32(next), action: def})
		}
		if ens[0].alts == nil {
			push(segment{lo: nr, action: ens[0].action}) // the first entry decides
		} else {
			scratch := &emitter{}
			scratch.body(ens, def)
			segs = append(segs, segment{lo: nr, entries: ens, size: len(scratch.prog)})
		}
		next = uint64(nr) + 1
	}
	if next <= 0xffffffff {
		push(segment{lo: uint32(next), action: def})
	}
	return segs
}

// search writes the binary search over segs. A holds the syscall number;
// every path ends in a return.
func (e *emitter) search(segs []segment, def uint32) {
	if len(segs) == 1 {
		if segs[0].entries == nil {
			e.ret(segs[0].action)
		} else {
			e.body(segs[0].entries, def)
		}
		return
	}
	mid := len(segs) / 2
	left := searchSize(segs[:mid], def)
	j := e.jump(unix.BPF_JGE, segs[mid].lo)
	if left > 255 {
		e.prog[j].jf = j + 2
		ja := e.add(unix.BPF_JMP|unix.BPF_JA, 0)
		e.prog[ja].jt = ja + 1 + left
	} else {
		e.prog[j].jt = j + 1 + left
	}
	e.search(segs[:mid], def)
	e.search(segs[mid:], def)
}

// searchSize is the number of instructions search writes for segs.
func searchSize(segs []segment, def uint32) int {
	if len(segs) == 1 {
		return segs[0].size
	}
	mid := len(segs) / 2
	left := searchSize(segs[:mid], def)
	n := 1 + left + searchSize(segs[mid:], def)
	if left > 255 {
		n++
	}
	return n
}

// body writes what one syscall's entries decide; it always returns.
func (e *emitter) body(ens []entry, def uint32) {
	for _, en := range ens {
		if en.alts == nil {
			e.ret(en.action)
			return
		}
		for _, alt := range en.alts {
			var fails []patch // jumps to the next alternative
			for _, a := range alt {
				fails = append(fails, e.test(a)...)
			}
			e.ret(en.action)
			for _, p := range fails {
				p.set(e, e.next())
			}
		}
	}
	e.ret(def)
}

// patch is one jump target to set later: instruction i's jt or jf.
type patch struct {
	i  int
	jt bool
}

func (p patch) set(e *emitter, target int) {
	if p.jt {
		e.prog[p.i].jt = target
	} else {
		e.prog[p.i].jf = target
	}
}

// test writes one 64-bit argument test as two 32-bit halves; it falls
// through when the test holds and returns the jumps taken when it fails.
func (e *emitter) test(a arg) []patch {
	lo, hi := argOffsets(a.Index)
	vlo, vhi := uint32(a.Value), uint32(a.Value>>32)
	var fails, passes []patch
	switch a.Op {
	case opEq:
		e.ld(hi)
		fails = append(fails, patch{e.jump(unix.BPF_JEQ, vhi), false})
		e.ld(lo)
		fails = append(fails, patch{e.jump(unix.BPF_JEQ, vlo), false})
	case opNe:
		e.ld(hi)
		passes = append(passes, patch{e.jump(unix.BPF_JEQ, vhi), false})
		e.ld(lo)
		fails = append(fails, patch{e.jump(unix.BPF_JEQ, vlo), true})
	case opGt, opGe:
		e.ld(hi)
		passes = append(passes, patch{e.jump(unix.BPF_JGT, vhi), true})
		fails = append(fails, patch{e.jump(unix.BPF_JEQ, vhi), false})
		e.ld(lo)
		op := uint16(unix.BPF_JGT)
		if a.Op == opGe {
			op = unix.BPF_JGE
		}
		fails = append(fails, patch{e.jump(op, vlo), false})
	case opLt, opLe:
		e.ld(hi)
		fails = append(fails, patch{e.jump(unix.BPF_JGT, vhi), true})
		passes = append(passes, patch{e.jump(unix.BPF_JEQ, vhi), false})
		e.ld(lo)
		op := uint16(unix.BPF_JGE) // fails when lo >= v
		if a.Op == opLe {
			op = unix.BPF_JGT // fails when lo > v
		}
		fails = append(fails, patch{e.jump(op, vlo), true})
	case opMaskedEq:
		mlo, mhi := uint32(a.Value), uint32(a.Value>>32)
		wlo, whi := uint32(a.ValueTwo), uint32(a.ValueTwo>>32)
		e.ld(hi)
		e.add(unix.BPF_ALU|unix.BPF_AND|unix.BPF_K, mhi)
		fails = append(fails, patch{e.jump(unix.BPF_JEQ, whi), false})
		e.ld(lo)
		e.add(unix.BPF_ALU|unix.BPF_AND|unix.BPF_K, mlo)
		fails = append(fails, patch{e.jump(unix.BPF_JEQ, wlo), false})
	}
	for _, p := range passes {
		p.set(e, e.next())
	}
	return fails
}

// assemble resolves jump targets into the 8-bit relative offsets of
// classic BPF.
func (e *emitter) assemble() ([]unix.SockFilter, error) {
	if len(e.prog) > unix.BPF_MAXINSNS {
		return nil, fmt.Errorf("seccomp program of %d instructions, more than %d", len(e.prog), unix.BPF_MAXINSNS)
	}
	out := make([]unix.SockFilter, len(e.prog))
	for i, in := range e.prog {
		f := unix.SockFilter{Code: in.code, K: in.k}
		if in.code == unix.BPF_JMP|unix.BPF_JA {
			f.K = uint32(in.jt - i - 1) // ja's target is in jt; it has 32 bits
		} else if in.code&0x07 == unix.BPF_JMP {
			jt, err := offset(i, in.jt)
			if err != nil {
				return nil, err
			}
			jf, err := offset(i, in.jf)
			if err != nil {
				return nil, err
			}
			f.Jt, f.Jf = jt, jf
		}
		out[i] = f
	}
	return out, nil
}

func offset(from, to int) (uint8, error) {
	if to == -1 {
		return 0, nil
	}
	d := to - from - 1
	if d < 0 || d > 255 {
		return 0, fmt.Errorf("seccomp jump from %d to %d out of range", from, to)
	}
	return uint8(d), nil
}
