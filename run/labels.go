package run

// Label keys on everything sshell creates, so that sshell manages only what
// is its own (stale containers, the cache, purge) and never the user's.
const (
	LabelManaged   = "io.sshell.managed"    // always "true"
	LabelCommand   = "io.sshell.command"    // the command the user typed
	LabelOwnerPID  = "io.sshell.owner.pid"  // pid of the sshell process that created it
	LabelOwnerHost = "io.sshell.owner.host" // hostname of that process
)
