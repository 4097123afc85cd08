package store

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"testing"
)

// childEnv makes the test binary a child process working on the store at
// $STORE_TEST_DIR, for the multi-process and the unprivileged tests:
//
//	pull     pull $STORE_TEST_REF, print the PullStats as JSON
//	flatten  pull $STORE_TEST_REF and flatten it, print the root's path
//	purge    purge the store
const childEnv = "STORE_TEST_CHILD"

func TestMain(m *testing.M) {
	if mode := os.Getenv(childEnv); mode != "" {
		if err := childMain(mode); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func childMain(mode string) error {
	ctx := context.Background()
	s, err := Open(os.Getenv("STORE_TEST_DIR"))
	if err != nil {
		return err
	}
	ref := os.Getenv("STORE_TEST_REF")
	switch mode {
	case "pull":
		_, st, err := s.Pull(ctx, ref, "", nil)
		if err != nil {
			return err
		}
		return json.NewEncoder(os.Stdout).Encode(st)
	case "flatten":
		img, _, err := s.Pull(ctx, ref, "", nil)
		if err != nil {
			return err
		}
		root, err := s.Flatten(ctx, img)
		if err != nil {
			return err
		}
		fmt.Print(root)
		return nil
	case "purge":
		return s.Purge(ctx)
	}
	return fmt.Errorf("unknown child mode %q", mode)
}
