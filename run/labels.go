package run

import (
	"maps"
	"os"
	"strconv"
	"sync"

	"github.com/sshell/sshell/internal/proc"
)

// Label keys on everything sshell creates, so that sshell manages only what
// is its own (stale containers, the cache, purge) and never the user's.
const (
	LabelManaged   = "io.sshell.managed"    // always "true"
	LabelCommand   = "io.sshell.command"    // the command the user typed
	LabelOwnerPID  = "io.sshell.owner.pid"  // pid of the sshell process that created it
	LabelOwnerHost = "io.sshell.owner.host" // hostname of that process
	// LabelOwnerStart is when that process started (on Linux its start
	// time in clock ticks after boot), so that a pid reused by a later
	// process does not keep a stale container or run alive.
	LabelOwnerStart = "io.sshell.owner.start"
	// LabelOwnerMachine is the machine id of that process's machine: two
	// machines with one hostname may share a Docker daemon, and neither may
	// judge the other's containers by its own processes.
	LabelOwnerMachine = "io.sshell.owner.machine"
)

// OwnerLabels are spec.Labels plus sshell's own (managed, command, and
// this process as the owner on host), which spec cannot override.
func OwnerLabels(spec Spec, host string) map[string]string {
	l := make(map[string]string, len(spec.Labels)+6)
	maps.Copy(l, spec.Labels)
	l[LabelManaged] = "true"
	l[LabelCommand] = spec.Command
	l[LabelOwnerPID] = strconv.Itoa(os.Getpid())
	l[LabelOwnerHost] = host
	if s := SelfStart(); s != "" {
		l[LabelOwnerStart] = s
	}
	if m := proc.Machine(); m != "" {
		l[LabelOwnerMachine] = m
	}
	return l
}

// SelfStart is this process's start time for LabelOwnerStart ("" when the
// platform cannot say).
var SelfStart = sync.OnceValue(func() string { return proc.Start(os.Getpid()) })
