package proc

import (
	"errors"

	"golang.org/x/sys/windows"
)

// Start is unknown here: liveness falls back to the pid alone.
func Start(int) string { return "" }

// stillActive is the exit code GetExitCodeProcess reports for a live process.
const stillActive = 259

// Alive reports whether a live process has that pid. os.FindProcess
// alone would also succeed for a process that exited while some other
// process still holds a handle to it.
func Alive(pid int, _ string) bool {
	h, err := windows.OpenProcess(windows.PROCESS_QUERY_LIMITED_INFORMATION, false, uint32(pid))
	if err != nil {
		return errors.Is(err, windows.ERROR_ACCESS_DENIED)
	}
	defer windows.CloseHandle(h)
	var code uint32
	return windows.GetExitCodeProcess(h, &code) == nil && code == stillActive
}
