package sandbox

import (
	"os"
	"testing"
)

// TestMain lets this test binary be the sandbox's init when re-executed.
func TestMain(m *testing.M) {
	Init()
	os.Exit(m.Run())
}
