package sandbox

import (
	"errors"
	"os"
	"strconv"
	"strings"
)

// Exit codes of the init when the tool could not run, as Docker's.
const (
	codeSetup      = 125 // the sandbox could not be set up
	CodeCannotExec = 126 // the command is there but cannot be executed
	CodeNotFound   = 127 // no such command
)

// failure is what went wrong before the tool ran: the init's exit code and
// what to tell the user.
type failure struct {
	code int
	msg  string
}

// Error is a failure before the tool ran, as the init reported it: Code is
// CodeNotFound or CodeCannotExec when the command could not be executed,
// and the init's exit code.
type Error struct {
	Code int
	Msg  string
}

func (e *Error) Error() string { return e.Msg }

// report sends f to the parent and returns f's exit code.
func report(status *os.File, f failure) int {
	_, _ = status.WriteString(strconv.Itoa(f.code) + " " + f.msg)
	return f.code
}

// started is what the init reports once the tool runs.
const started = "0"

// errDied is the failure of an init that died before it said anything:
// killed, most likely (a cancelled run).
var errDied = errors.New("the sandbox's init exited before starting the tool")

// parseFailure reads what the init reported; ok is false when the tool
// started.
func parseFailure(b []byte) (failure, bool) {
	if string(b) == started {
		return failure{}, false
	}
	code, msg, _ := strings.Cut(string(b), " ")
	n, err := strconv.Atoi(code)
	if err != nil {
		return failure{code: codeSetup, msg: string(b)}, true
	}
	return failure{code: n, msg: msg}, true
}
