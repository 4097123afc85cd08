package shells

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// fakeScript stands in for the sshell binary in these unit tests only: it
// records each call (SSHELL_HOOK_DEPTH and argv) in $FAKE_LOG, answers
// `hook --known NAME` with 0 for the names in $FAKE_KNOWN and
// $FAKE_KNOWN_STATUS (default 1) otherwise, and for the run form echoes one
// line of stdin when it is not a terminal and exits $FAKE_EXIT.
const fakeScript = `#!/bin/sh
{ printf 'depth=%s' "${SSHELL_HOOK_DEPTH-}"; for a in "$@"; do printf ' [%s]' "$a"; done; echo; } >>"$FAKE_LOG"
if [ "$2" = --known ]; then
	for k in $FAKE_KNOWN; do [ "$k" = "$3" ] && exit 0; done
	exit "${FAKE_KNOWN_STATUS:-1}"
fi
if [ ! -t 0 ]; then IFS= read -r line; echo "stdin=$line"; fi
echo "ran $*"
exit "${FAKE_EXIT:-0}"
`

// fake is one fake sshell installed in a temporary directory whose name
// needs quoting in every shell.
type fake struct {
	Bin, Log string
}

func newFake(t *testing.T) fake {
	t.Helper()
	dir := filepath.Join(t.TempDir(), `it's a $dir`)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	f := fake{Bin: filepath.Join(dir, "sshell"), Log: filepath.Join(dir, "calls.log")}
	if err := os.WriteFile(f.Bin, []byte(fakeScript), 0o755); err != nil {
		t.Fatal(err)
	}
	return f
}

// env is the environment the shell under test gets for this fake.
func (f fake) env(extra ...string) []string {
	return append([]string{"FAKE_LOG=" + f.Log, "FAKE_KNOWN=jq", "FAKE_EXIT=42"}, extra...)
}

// calls returns the recorded calls, one string per call, and empties the log.
func (f fake) calls(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile(f.Log)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(f.Log); err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
}

var argRE = regexp.MustCompile(`\[([^]]*)\]`)

// argv parses one recorded call back into SSHELL_HOOK_DEPTH and argv.
func argv(call string) (depth string, args []string) {
	depth, _, _ = strings.Cut(strings.TrimPrefix(call, "depth="), " ")
	for _, m := range argRE.FindAllStringSubmatch(call, -1) {
		args = append(args, m[1])
	}
	return depth, args
}

// hookFile writes the generated hook for shell to a file and returns its path.
func hookFile(t *testing.T, shell string, opts Options) string {
	t.Helper()
	text, err := Generate(shell, opts)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "hook."+shell)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}
