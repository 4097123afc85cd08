package main

import (
	"fmt"
	"os"

	"github.com/sshell/sshell/cache"
)

// debugEnv, when set, shows problems that sshell otherwise keeps quiet.
const debugEnv = "SSHELL_DEBUG"

// record appends rec, with the runtime it ran on, to the call log
// ($XDG_STATE_HOME/sshell), notes a pull in the memory of pulled images (which outlives the log's rotation),
// then may start the background cache gc (at most hourly, detached). It
// never fails a run: with SSHELL_DEBUG set, a problem is shown on stderr.
func record(s *streams, rec cache.Record) {
	if err := cache.DefaultLog().Append(rec); err != nil {
		debugf(s, "recording the call: %v", err)
	}
	if rec.Cold && !rec.Failed && rec.Image != "" {
		p := cache.PulledRef{Command: rec.Command, Last: rec.Time, Pull: rec.Pull, Runtimes: []string{rec.On()}}
		if err := cache.DefaultPulled().Note(rec.Image, p); err != nil {
			debugf(s, "remembering the pull: %v", err)
		}
	}
	startBackgroundGC()
}

// debugf prints one line to stderr when SSHELL_DEBUG is set.
func debugf(s *streams, format string, args ...any) {
	if os.Getenv(debugEnv) != "" {
		fmt.Fprintf(s.err, "sshell: debug: "+format+"\n", args...)
	}
}
