package seccomp

import (
	"bytes"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/sys/unix"
)

// Filter is a compiled filter, ready to install with Load. It is immutable
// and may be shared.
type Filter struct {
	prog []unix.SockFilter
}

// Len is the number of BPF instructions, for diagnostics.
func (f *Filter) Len() int { return len(f.prog) }

var (
	cacheMu sync.Mutex
	cache   = map[string]*Filter{}
)

// Build compiles Docker's default seccomp profile for the host's
// architecture and for a process whose capabilities are capAdd (names as
// "NET_RAW" or "CAP_NET_RAW", any case; "ALL" for all), as Docker does for
// `--cap-drop ALL --cap-add ...`: the profile's rules that include or
// exclude syscalls by capability follow capAdd, those that depend on the
// kernel version follow the running kernel. Filters are memoised per
// capability set for the life of the process.
func Build(capAdd []string) (*Filter, error) {
	caps := normalizeCaps(capAdd)
	key := strings.Join(caps, ",")
	cacheMu.Lock()
	defer cacheMu.Unlock()
	if f, ok := cache[key]; ok {
		return f, nil
	}
	if len(caps) == 0 && noCapsProgram != nil && atLeast(kernelVersion(), noCapsKernel) {
		// Compiled by go generate (checked against build by the tests).
		f := &Filter{prog: noCapsProgram}
		cache[key] = f
		return f, nil
	}
	f, err := build(hostTable, caps, kernelVersion())
	if err != nil {
		return nil, fmt.Errorf("building seccomp filter for capabilities %v: %w", caps, err)
	}
	cache[key] = f
	return f, nil
}

func build(t *table, caps []string, kernel [2]uint16) (*Filter, error) {
	if t == nil {
		return nil, fmt.Errorf("no seccomp profile for linux/%s", runtime.GOARCH)
	}
	prog, err := emit(t, groups(t, caps, kernel))
	if err != nil {
		return nil, err
	}
	return &Filter{prog: prog}, nil
}

// normalizeCaps turns names into sorted, unique CAP_ names; "ALL" becomes
// every capability the profile names.
func normalizeCaps(capAdd []string) []string {
	var caps []string
	for _, c := range capAdd {
		c = strings.ToUpper(strings.TrimSpace(c))
		if c == "" {
			continue
		}
		if c == "ALL" || c == "CAP_ALL" {
			caps = append(caps, tableCaps(hostTable)...)
			continue
		}
		if !strings.HasPrefix(c, "CAP_") {
			c = "CAP_" + c
		}
		caps = append(caps, c)
	}
	slices.Sort(caps)
	return slices.Compact(caps)
}

// tableCaps lists every capability named by t's rules.
func tableCaps(t *table) []string {
	if t == nil {
		return nil
	}
	var caps []string
	for _, r := range t.Rules {
		caps = append(caps, r.IncCaps...)
		caps = append(caps, r.ExcCaps...)
	}
	return caps
}

// applies says whether rule r is in the profile for caps on kernel, as
// moby's GetDefaultProfile decides (excludes first, then includes).
func applies(r rule, caps []string, kernel [2]uint16) bool {
	for _, c := range r.ExcCaps {
		if slices.Contains(caps, c) {
			return false
		}
	}
	if r.ExcKernel != [2]uint16{} && atLeast(kernel, r.ExcKernel) {
		return false
	}
	for _, c := range r.IncCaps {
		if !slices.Contains(caps, c) {
			return false
		}
	}
	if r.IncKernel != [2]uint16{} && !atLeast(kernel, r.IncKernel) {
		return false
	}
	return true
}

func atLeast(k, min [2]uint16) bool {
	return k[0] > min[0] || (k[0] == min[0] && k[1] >= min[1])
}

// group is what the program tests in one place: unconditional syscalls
// sharing an action, or one rule's conditional syscalls.
type group struct {
	action uint32
	nrs    []uint32
	conds  []condSyscall
}

// condSyscall is a syscall allowed (or refused) when one of alts holds.
type condSyscall struct {
	nr   uint32
	alts [][]arg
}

// groups selects the rules that apply and groups them: unconditional
// syscalls join the group of the first unconditional rule with the same
// action; each conditional rule is a group of its own, in the profile's
// order, minus the syscalls an earlier rule already covers
// unconditionally. This is the grouping the tests feed go-seccomp-bpf.
func groups(t *table, caps []string, kernel [2]uint16) []group {
	gs := make([]group, 0, 64)
	var placed nrSet
	uncond := map[uint32]int{} // action -> index in gs
	for _, r := range t.Rules {
		if !applies(r, caps, kernel) {
			continue
		}
		if len(r.Args) == 0 {
			i, ok := uncond[r.Action]
			if !ok {
				i = len(gs)
				uncond[r.Action] = i
				gs = append(gs, group{action: r.Action, nrs: make([]uint32, 0, 2*len(r.Nrs))})
			}
			for _, nr := range r.Nrs {
				if !placed.has(nr) {
					placed.add(nr)
					gs[i].nrs = append(gs[i].nrs, nr)
				}
			}
			continue
		}
		g := group{action: r.Action}
		for _, nr := range r.Nrs {
			if !placed.has(nr) {
				g.conds = append(g.conds, condSyscall{nr: nr, alts: [][]arg{r.Args}})
			}
		}
		if len(g.conds) > 0 {
			gs = append(gs, g)
		}
	}
	return gs
}

var (
	kernelOnce sync.Once
	kernel     [2]uint16
)

// kernelVersion is the running kernel's major and minor version (0.0 when
// unknown, which leaves out the rules that need a minimum kernel).
func kernelVersion() [2]uint16 {
	kernelOnce.Do(func() {
		var u unix.Utsname
		if unix.Uname(&u) != nil {
			return
		}
		kernel = parseKernel(string(u.Release[:bytes.IndexByte(u.Release[:], 0)]))
	})
	return kernel
}

// parseKernel reads "6.18.0-foo" as {6, 18}; {0, 0} when unreadable.
func parseKernel(release string) [2]uint16 {
	parts := strings.SplitN(release, ".", 3)
	if len(parts) < 2 {
		return [2]uint16{}
	}
	var v [2]uint16
	for i, p := range parts[:2] {
		if end := strings.IndexFunc(p, func(r rune) bool { return r < '0' || r > '9' }); end >= 0 {
			p = p[:end]
		}
		n, err := strconv.ParseUint(p, 10, 16)
		if err != nil {
			return [2]uint16{}
		}
		v[i] = uint16(n)
	}
	return v
}

// nrSet is a set of syscall numbers: a bitmap for the usual ones, a map
// for the few above 1024 (ARM's private syscalls).
type nrSet struct {
	low  [1024 / 64]uint64
	high map[uint32]bool
}

func (s *nrSet) has(nr uint32) bool {
	if nr < 1024 {
		return s.low[nr/64]&(1<<(nr%64)) != 0
	}
	return s.high[nr]
}

func (s *nrSet) add(nr uint32) {
	if nr < 1024 {
		s.low[nr/64] |= 1 << (nr % 64)
		return
	}
	if s.high == nil {
		s.high = map[uint32]bool{}
	}
	s.high[nr] = true
}
