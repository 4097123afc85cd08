package seccomp

// table is Docker's default profile resolved for one architecture at
// generation time (zprofile_linux_*.go, written by TestProfileTables with
// -update): syscall names turned into this architecture's numbers, rules
// for other architectures dropped. What depends on the run (capabilities)
// or the machine (kernel version) stays as data.
type table struct {
	Arch    uint32 // AUDIT_ARCH_* of the architecture
	X32     bool   // x86_64: refuse x32 syscalls (ENOSYS), as go-seccomp-bpf does
	Default uint32 // SECCOMP_RET_* value for syscalls no rule matches
	Rules   []rule
}

// rule is one entry of the profile's syscalls list.
type rule struct {
	Names  []string // for reading the table and for errors
	Nrs    []uint32 // Names' numbers on this architecture
	Action uint32   // SECCOMP_RET_* value, errno included
	Args   []arg    // all must hold; none: unconditional

	IncCaps   []string  // the rule applies only when all these are granted
	ExcCaps   []string  // the rule does not apply when one of these is
	IncKernel [2]uint16 // applies only on kernels at least this (0.0: any)
	ExcKernel [2]uint16 // does not apply on kernels at least this
}

// arg is one argument test, as libseccomp's: (arg Op Value), or for
// opMaskedEq (arg & Value) == ValueTwo.
type arg struct {
	Index           uint8
	Op              uint8
	Value, ValueTwo uint64
}

// Argument operators.
const (
	opEq uint8 = iota + 1
	opNe
	opLt
	opLe
	opGt
	opGe
	opMaskedEq
)
