package native_test

import (
	"os"
	"testing"

	"github.com/sshell/sshell/run/native/sandbox"
)

// TestMain lets this test binary be the sandbox's init when re-executed.
func TestMain(m *testing.M) {
	sandbox.Init()
	os.Exit(m.Run())
}
