package docker

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	cerrdefs "github.com/containerd/errdefs"
	"github.com/sshell/sshell/internal/testimage"
	"github.com/sshell/sshell/run"
)

func TestRemoving(t *testing.T) {
	for err, want := range map[error]bool{
		fmt.Errorf("removal of container abc is already in progress: %w", cerrdefs.ErrConflict): true,
		fmt.Errorf("conflict: unable to remove: %w", cerrdefs.ErrConflict):                      false,
		errors.New("removal of container abc is already in progress"):                           false,
	} {
		if got := removing(err); got != want {
			t.Errorf("removing(%v) = %v, want %v", err, got, want)
		}
	}
}

// Two clients removing one container at once (a run's own cleanup and a
// concurrent sweep or purge) both succeed.
func TestRemoveConcurrently(t *testing.T) {
	r := testRunner(t)
	ref := testimage.Push(t, testimage.StartRegistry(t), "remove")
	mustRun(t, r, toolSpec(ref, "exit", "0"), run.IO{}) // pulls the image
	for range 5 {
		id := leave(t, r, ref, r.host, "1", "")
		var wg sync.WaitGroup
		errs := make([]error, 3)
		for i := range errs {
			wg.Add(1)
			go func() { defer wg.Done(); errs[i] = r.remove(context.Background(), id) }()
		}
		wg.Wait()
		if err := errors.Join(errs...); err != nil {
			t.Fatalf("concurrent removals of %s: %v", id, err)
		}
	}
}
