package proc

import (
	"bytes"
	"os"
	"strconv"
	"strings"
)

// Start is the start time of process pid in clock ticks after boot
// (field 22 of /proc/PID/stat), or "" when no live process has that pid.
// Hand-written: no library we use reads /proc, and it is a few lines.
func Start(pid int) string {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return ""
	}
	// The command name (field 2) may hold spaces and parentheses: count
	// fields after its closing parenthesis, from field 3 (the state).
	f := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+1:]))
	if len(f) < 20 || f[0] == "Z" || f[0] == "X" {
		return "" // a zombie is dead already
	}
	return f[19]
}

// Alive reports whether process pid lives and, when start is known,
// is the process that started then rather than a later one reusing the pid.
func Alive(pid int, start string) bool {
	s := Start(pid)
	return s != "" && (start == "" || s == start)
}
