package cgroup

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sshell/sshell/run"
)

// helperEnv makes the test binary act as a helper process instead of
// running tests: it waits for a byte on stdin (sent once the test has put
// it in a group), then does what the variable says.
const helperEnv = "SSHELL_CGROUP_TEST_HELPER"

func TestMain(m *testing.M) {
	switch os.Getenv(helperEnv) {
	case "":
		os.Exit(m.Run())
	case "alloc": // touch 512 MiB, far above the test's memory limit
		waitByte()
		b := make([]byte, 512<<20)
		for i := 0; i < len(b); i += 4096 {
			b[i] = 1
		}
		os.Exit(0)
	case "exit":
		waitByte()
		os.Exit(0)
	case "available":
		fmt.Println(Available())
		os.Exit(0)
	default:
		os.Exit(2)
	}
}

func waitByte() {
	var b [1]byte
	os.Stdin.Read(b[:])
}

// needRoot skips a test that creates real groups unless this process may.
func needRoot(t testing.TB) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("creating cgroups needs root here (unprivileged users cannot create cgroups on this machine)")
	}
	if err := Available(); err != nil {
		t.Skipf("cgroups unavailable: %v", err)
	}
}

// testPrefix starts the ids of this process's test groups.
func testPrefix() string { return fmt.Sprintf("sshell-test-%d-", os.Getpid()) }

// newGroup creates a group for the test and removes it (killing what is
// left) at the end, checking nothing remains.
func newGroup(t *testing.T, name string, l run.Limits) *Group {
	t.Helper()
	g, err := New(testPrefix()+name, l)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := g.Kill(); err != nil {
			t.Error(err)
		}
		if err := g.Remove(); err != nil {
			t.Error(err)
		}
		left, err := List(testPrefix() + name)
		if err != nil {
			t.Error(err)
		}
		if len(left) != 0 {
			t.Errorf("groups left after Remove: %v", left)
		}
	})
	return g
}

// started is a helper process waiting for a line on its stdin.
type started struct {
	cmd   *exec.Cmd
	stdin io.WriteCloser
	out   *bufio.Reader
}

// start runs argv (or this test binary as helper mode when argv is nil)
// with piped stdin and stdout.
func start(t *testing.T, helper string, argv ...string) *started {
	t.Helper()
	var cmd *exec.Cmd
	if helper != "" {
		cmd = exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), helperEnv+"="+helper)
	} else {
		cmd = exec.Command(argv[0], argv[1:]...)
	}
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	return &started{cmd: cmd, stdin: stdin, out: bufio.NewReader(stdout)}
}

// readGroupFile reads a file of g's hierarchy holding ctrl.
func readGroupFile(t *testing.T, g *Group, ctrl, file string) string {
	t.Helper()
	i := current().ctrl[ctrl]
	b, err := os.ReadFile(filepath.Join(g.dirs[i], file))
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(b))
}
