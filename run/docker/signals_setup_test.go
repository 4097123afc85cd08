package docker

import (
	"context"
	"os"
	"syscall"
	"testing"
	"time"

	"github.com/sshell/sshell/internal/testimage"
	"github.com/sshell/sshell/run"
)

// A Ctrl-C during a pull stops it at once, and the run ends as a tool
// killed by SIGINT would: 130, no error, nothing left behind.
func TestSignalDuringPullStopsIt(t *testing.T) {
	r := testRunner(t)
	sigs := make(chan os.Signal, 1)
	done := make(chan struct{})
	var res run.Result
	var err error
	addr, pulling := testimage.SilentRegistry(t)
	go func() {
		defer close(done)
		res, err = r.Run(context.Background(), toolSpec(addr+"/hang:1", "exit", "0"), run.IO{Signals: sigs})
	}()
	<-pulling // the daemon is fetching: the pull is in progress
	sigs <- syscall.SIGINT
	select {
	case <-done:
	case <-time.After(2 * time.Minute): // a deadline against hanging, not a timing assertion
		t.Fatal("Run did not return after SIGINT during the pull")
	}
	if err != nil || res.ExitCode != 130 {
		t.Fatalf("Run = exit %d, %v; want exit 130 and no error", res.ExitCode, err)
	}
}
