package store

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"testing"
)

// childEnv makes the test binary a child process that pulls
// $STORE_TEST_REF into the store at $STORE_TEST_DIR, prints the
// PullStats as JSON and exits: the processes of the multi-process tests.
const childEnv = "STORE_TEST_CHILD"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "pull" {
		os.Exit(childPull())
	}
	os.Exit(m.Run())
}

func childPull() int {
	s, err := Open(os.Getenv("STORE_TEST_DIR"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	_, st, err := s.Pull(context.Background(), os.Getenv("STORE_TEST_REF"), "", nil)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	json.NewEncoder(os.Stdout).Encode(st)
	return 0
}
