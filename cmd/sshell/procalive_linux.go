package main

import (
	"bytes"
	"os"
	"strconv"
	"strings"
)

// ownerAlive reports whether process pid lives and, when start is known
// (field 22 of /proc/PID/stat, as the native runner labels its runs), is
// the process that started then rather than a later one reusing the pid.
// Hand-written, as in run/native (which does not export it): a few lines
// of /proc.
func ownerAlive(pid int, start string) bool {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	// The command name (field 2) may hold spaces and parentheses: count
	// fields after its closing parenthesis, from field 3 (the state).
	f := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+1:]))
	if len(f) < 20 || f[0] == "Z" || f[0] == "X" {
		return false // a zombie is dead already
	}
	return start == "" || f[19] == start
}
