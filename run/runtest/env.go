package runtest

import (
	"os"
	"strings"
	"testing"
)

// imageVar is set by the test image itself; the tool must still see it.
const imageVar = "SSHELL_IMAGE_VAR=from-image"

// hostOnlyVar is set in the test process, never in a Spec: it must not leak.
const hostOnlyVar = "SSHELL_RUNTEST_HOST_ONLY"

// runtimeVars may be set by the runtime itself beside Spec.Env and the image.
var runtimeVars = map[string]bool{"PATH": true, "HOSTNAME": true, "HOME": true, "TERM": true}

// testEnv: the tool sees exactly Spec.Env plus the image's own variables
// (and what the runtime always sets: PATH, HOSTNAME, HOME, TERM); nothing
// of the host's environment leaks in.
func (f *fixture) testEnv(t *testing.T) {
	t.Parallel()
	if err := os.Setenv(hostOnlyVar, "leaked"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Unsetenv(hostOnlyVar) })
	spec := f.spec("env")
	spec.Env = []string{"SSHELL_A=1", "SSHELL_SPACES=two  words", "SSHELL_EQ=a=b", "SSHELL_EMPTY=", "PATH=/spec/bin:/bin"}
	out, _ := f.outputs(t, spec, nil, 0)
	got := map[string]bool{}
	for _, kv := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		got[kv] = true
		key, _, _ := strings.Cut(kv, "=")
		if !contains(spec.Env, kv) && kv != imageVar && !runtimeVars[key] {
			t.Errorf("tool saw %q, which is neither in Spec.Env nor the image's (env: %q)", kv, out)
		}
	}
	for _, kv := range append(spec.Env, imageVar) {
		if !got[kv] {
			t.Errorf("tool did not see %q (env: %q)", kv, out)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
