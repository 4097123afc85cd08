package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// call runs one sshell command line in-process on buffers.
func call(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = execute(context.Background(), &streams{strings.NewReader(""), &out, &errb}, args)
	return code, out.String(), errb.String()
}

func TestDispatch(t *testing.T) {
	tests := []struct {
		args     []string
		code     int
		out, err string // substrings; "" means must be empty
	}{
		{nil, 2, "", "sshell: no verb given: run `sshell help`\n"},
		{[]string{"frob"}, 2, "", "sshell: unknown verb \"frob\": run `sshell help`\n"},
		{[]string{"help"}, 0, "Verbs:", ""},
		{[]string{"--help"}, 0, "  run ", ""},
		{[]string{"-h"}, 0, "  version ", ""},
		{[]string{"help", "run"}, 0, "sshell run --image REF", ""},
		{[]string{"help", "nope"}, 2, "", "unknown verb \"nope\""},
		{[]string{"help", "run", "version"}, 2, "", "at most one verb"},
		{[]string{"--version"}, 0, "sshell ", ""},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			code, out, errs := call(t, tc.args...)
			if code != tc.code {
				t.Errorf("exit code %d, want %d", code, tc.code)
			}
			check(t, "stdout", out, tc.out)
			check(t, "stderr", errs, tc.err)
		})
	}
}

func check(t *testing.T, name, got, want string) {
	t.Helper()
	if (want == "" && got != "") || !strings.Contains(got, want) {
		t.Errorf("%s = %q, want it to contain %q", name, got, want)
	}
}

func TestOverviewListsEveryVerb(t *testing.T) {
	_, out, _ := call(t, "help")
	for _, n := range verbNames() {
		if !strings.Contains(out, "  "+n+" ") {
			t.Errorf("sshell help does not list %q:\n%s", n, out)
		}
	}
}
