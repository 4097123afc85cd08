package run

import "time"

// Limits bound what one run may use. A zero field takes its default below;
// a negative one (Memory, CPUs, PIDs, Tmp) means no bound at all.
type Limits struct {
	// Memory is the most memory, in bytes, the tool may use, /tmp's
	// contents included. Reaching it gets the tool killed (Result.Stopped
	// is StoppedMemory, the exit code 137).
	Memory int64
	// CPUs is how many CPUs' worth of time the tool may use (1.5: one and
	// a half); above it the tool is throttled, not killed.
	CPUs float64
	// PIDs is the most processes and threads the tool may have at once; a
	// fork past it fails (EAGAIN).
	PIDs int64
	// Tmp is the size, in bytes, of the tmpfs at /tmp; writes past it fail
	// (ENOSPC). It is memory, so it also counts against Memory.
	Tmp int64
	// Timeout is the most wall-clock time the tool may run, from its start;
	// then it is killed (Result.Stopped is StoppedTimeout). Zero: no timeout.
	Timeout time.Duration
}

// The defaults for Limits' zero fields.
const (
	DefaultMemory = 1 << 30   // 1 GiB
	DefaultCPUs   = 1.0       // one CPU
	DefaultPIDs   = 512       // processes and threads
	DefaultTmp    = 256 << 20 // 256 MiB
)

// Effective is l with its defaults filled in. Negative values (no bound)
// stay negative.
func (l Limits) Effective() Limits {
	l.Memory = orDefault(l.Memory, DefaultMemory)
	l.PIDs = orDefault(l.PIDs, DefaultPIDs)
	l.Tmp = orDefault(l.Tmp, DefaultTmp)
	if l.CPUs == 0 {
		l.CPUs = DefaultCPUs
	}
	return l
}

func orDefault(v, def int64) int64 {
	if v == 0 {
		return def
	}
	return v
}

// Mount makes a host path visible to the tool, beside Spec.WorkDir.
type Mount struct {
	Source   string // absolute host path
	Target   string // absolute path in the container; empty: Source
	ReadOnly bool
}

// Why a run's bound stopped the tool (Result.Stopped).
const (
	StoppedMemory  = "memory"  // killed for reaching Limits.Memory; ExitCode is 137
	StoppedTimeout = "timeout" // killed at Limits.Timeout; ExitCode is 124, as timeout(1)'s
)

// ExitTimeout is the exit code of a run stopped by its timeout, as timeout(1).
const ExitTimeout = 124
