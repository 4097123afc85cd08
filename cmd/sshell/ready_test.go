package main

import (
	"strings"
	"testing"
)

// TestKeeperVerbHidden: the keeper's verb is not listed, and refuses what
// sshell itself would never pass it with one line: usage (2), or a spec
// that does not read (125).
func TestKeeperVerbHidden(t *testing.T) {
	if _, out, _ := call(t, "help"); strings.Contains(out, keeperVerb) {
		t.Errorf("sshell help lists %s:\n%s", keeperVerb, out)
	}
	for _, c := range []struct {
		args []string
		code int
	}{
		{[]string{keeperVerb}, exitUsage},
		{[]string{keeperVerb, "soon"}, exitUsage},
		{[]string{keeperVerb, "0s"}, exitUsage},
		{[]string{keeperVerb, "1m"}, exitFailure}, // stdin is empty: no spec
	} {
		if code, out, errOut := call(t, c.args...); code != c.code || out != "" || strings.Count(errOut, "\n") != 1 {
			t.Errorf("sshell %q: exit %d, stdout %q, stderr %q; want %d and one line", c.args, code, out, errOut, c.code)
		}
	}
}
