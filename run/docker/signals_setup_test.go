package docker

import (
	"context"
	"net"
	"os"
	"syscall"
	"testing"
	"time"

	"github.com/sshell/sshell/run"
)

// silentRegistry accepts connections on 127.0.0.1 and never answers, so a
// pull from it hangs until someone stops it.
func silentRegistry(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			t.Cleanup(func() { c.Close() })
		}
	}()
	return l.Addr().String()
}

// A Ctrl-C during a pull stops it at once, and the run ends as a tool
// killed by SIGINT would: 130, no error, nothing left behind.
func TestSignalDuringPullStopsIt(t *testing.T) {
	r := testRunner(t)
	sigs := make(chan os.Signal, 1)
	done := make(chan struct{})
	var res run.Result
	var err error
	go func() {
		defer close(done)
		res, err = r.Run(context.Background(), toolSpec(silentRegistry(t)+"/hang:1", "exit", "0"), run.IO{Signals: sigs})
	}()
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
