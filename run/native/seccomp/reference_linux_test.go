package seccomp

import (
	"fmt"
	"slices"

	bpfseccomp "github.com/elastic/go-seccomp-bpf"
	"github.com/elastic/go-seccomp-bpf/arch"
	moby "github.com/moby/profiles/seccomp"
	"github.com/opencontainers/runtime-spec/specs-go"
	"golang.org/x/net/bpf"
	"golang.org/x/sys/unix"
)

// reference builds the filter for caps the straightforward way, for
// comparison: moby's GetDefaultProfile resolves the profile for the host
// and caps, go-seccomp-bpf assembles it.
//
// go-seccomp-bpf v1.6.0 does not reload the syscall number after a
// conditional group's argument tests fail, so every later group compares
// an argument instead of the number (socket(AF_INET6) would meet the
// default action after the AF_UNIX/AF_INET rule fails). The reference
// steps around that: its programs test one conditional syscall only, in
// the last group, all its alternatives merged there (go-seccomp-bpf ORs
// them); the program depends on the syscall number probed (vmFor).
type reference struct {
	uncond []bpfseccomp.SyscallGroup
	cond   map[string]bpfseccomp.SyscallGroup // by syscall name
	info   *arch.Info
	vms    map[string]*bpf.VM
}

func newReference(caps []string) (*reference, error) {
	spec := &specs.Spec{Process: &specs.Process{Capabilities: &specs.LinuxCapabilities{Bounding: caps}}}
	prof, err := moby.GetDefaultProfile(spec)
	if err != nil {
		return nil, err
	}
	info, err := arch.GetInfo("")
	if err != nil {
		return nil, err
	}
	if prof.DefaultAction != specs.ActErrno || prof.DefaultErrnoRet == nil || *prof.DefaultErrnoRet != uint(unix.EPERM) {
		return nil, fmt.Errorf("default action %s %v, want errno EPERM", prof.DefaultAction, prof.DefaultErrnoRet)
	}
	ref := &reference{cond: map[string]bpfseccomp.SyscallGroup{}, info: info, vms: map[string]*bpf.VM{}}
	placed := map[string]bool{}
	groupOf := map[bpfseccomp.Action]int{}
	for _, rule := range prof.Syscalls {
		act, err := referenceAction(rule.Action, rule.ErrnoRet, prof.DefaultErrnoRet)
		if err != nil {
			return nil, fmt.Errorf("syscalls %v: %w", rule.Names, err)
		}
		var names []string
		for _, n := range rule.Names {
			if _, ok := info.SyscallNames[n]; ok {
				names = append(names, n)
			}
		}
		if len(rule.Args) == 0 {
			i, ok := groupOf[act]
			if !ok && len(names) > 0 {
				i = len(ref.uncond)
				groupOf[act] = i
				ref.uncond = append(ref.uncond, bpfseccomp.SyscallGroup{Action: act})
			}
			for _, n := range names {
				if !placed[n] {
					placed[n] = true
					ref.uncond[i].Names = append(ref.uncond[i].Names, n)
				}
			}
			continue
		}
		conds, err := referenceConditions(rule.Args)
		if err != nil {
			return nil, fmt.Errorf("syscalls %v: %w", rule.Names, err)
		}
		for _, n := range names {
			if placed[n] {
				continue
			}
			g, ok := ref.cond[n]
			if ok && g.Action != act {
				return nil, fmt.Errorf("syscall %s: conditional rules with different actions", n)
			}
			g.Action = act
			g.NamesWithCondtions = append(g.NamesWithCondtions, bpfseccomp.NameWithConditions{Name: n, Conditions: conds})
			ref.cond[n] = g
		}
	}
	return ref, nil
}

// vmFor is the reference program for inputs with syscall number nr.
func (r *reference) vmFor(nr uint32) (*bpf.VM, error) {
	name := r.info.SyscallNumbers[int(nr)]
	g, conditional := r.cond[name]
	if !conditional {
		name = ""
	}
	if vm, ok := r.vms[name]; ok {
		return vm, nil
	}
	policy := &bpfseccomp.Policy{DefaultAction: bpfseccomp.ActionErrno, Syscalls: slices.Clone(r.uncond)}
	if conditional {
		policy.Syscalls = append(policy.Syscalls, g)
	}
	insts, err := policy.Assemble()
	if err != nil {
		return nil, err
	}
	vm, err := bpf.NewVM(insts)
	if err != nil {
		return nil, err
	}
	r.vms[name] = vm
	return vm, nil
}

func referenceAction(a specs.LinuxSeccompAction, errnoRet, defErrno *uint) (bpfseccomp.Action, error) {
	switch a {
	case specs.ActAllow:
		return bpfseccomp.ActionAllow, nil
	case specs.ActErrno:
		e := *defErrno
		if errnoRet != nil {
			e = *errnoRet
		}
		return bpfseccomp.ActionErrno | bpfseccomp.Action(e), nil
	}
	return 0, fmt.Errorf("action %s not in the reference", a)
}

// referenceConditions maps argument tests; go-seccomp-bpf has MASKED_EQ
// only as BitsNotSet, (arg & mask) == 0.
func referenceConditions(args []specs.LinuxSeccompArg) (bpfseccomp.ArgumentConditions, error) {
	var out bpfseccomp.ArgumentConditions
	for _, a := range args {
		c := bpfseccomp.Condition{Argument: uint32(a.Index), Value: a.Value}
		switch a.Op {
		case specs.OpEqualTo:
			c.Operation = bpfseccomp.Equal
		case specs.OpNotEqual:
			c.Operation = bpfseccomp.NotEqual
		case specs.OpLessThan:
			c.Operation = bpfseccomp.LessThan
		case specs.OpLessEqual:
			c.Operation = bpfseccomp.LessOrEqual
		case specs.OpGreaterThan:
			c.Operation = bpfseccomp.GreaterThan
		case specs.OpGreaterEqual:
			c.Operation = bpfseccomp.GreaterOrEqual
		case specs.OpMaskedEqual:
			if a.ValueTwo != 0 {
				return nil, fmt.Errorf("MASKED_EQ with a non-zero value: not expressible in go-seccomp-bpf")
			}
			c.Operation = bpfseccomp.BitsNotSet
		default:
			return nil, fmt.Errorf("operator %s not in the reference", a.Op)
		}
		out = append(out, c)
	}
	return out, nil
}
