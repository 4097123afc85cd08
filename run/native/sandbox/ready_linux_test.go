package sandbox

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// readyBox starts a ready sandbox for cfg (its Args, Env, Dir ignored) and
// returns its socket once it listens. It is killed and reaped at cleanup.
func readyBox(t *testing.T, cfg *Config) (*Process, string) {
	t.Helper()
	cfg.Ready = filepath.Join(t.TempDir(), "ready.sock")
	p, err := Start(Namespaces{HostNetwork: cfg.HostNetwork, UserNS: cfg.UserNS}, Stdio{})
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() { _ = p.Kill(); _, _ = p.Wait() })
	if err := p.Configure(cfg); err != nil {
		t.Fatalf("Configure: %v", err)
	}
	if err := p.Ready(); err != nil {
		t.Fatalf("Ready: %v", err)
	}
	return p, cfg.Ready
}

// call claims the ready sandbox at sock and runs req in it, returning the
// exit code, stdout and the start error.
func call(t *testing.T, sock string, req Request) (int, string, error) {
	t.Helper()
	c, err := Claim(sock)
	if err != nil {
		t.Fatalf("Claim: %v", err)
	}
	outR, outW, _ := os.Pipe()
	serr := c.Prepare(req, Stdio{Stdout: outW, Stderr: outW})
	outW.Close()
	if serr == nil {
		serr = c.Go()
	}
	var out bytes.Buffer
	out.ReadFrom(outR)
	code, err := c.Wait()
	c.Close()
	if err != nil && serr == nil {
		t.Fatalf("Wait: %v", err)
	}
	return code, out.String(), serr
}

// start prepares the call and starts its tool.
func start(c *Call, req Request, stdio Stdio) error {
	if err := c.Prepare(req, stdio); err != nil {
		return err
	}
	return c.Go()
}

// workDir is a request's working directory as the caller sees it.
func workDir(t *testing.T, dir string) Request {
	t.Helper()
	var st syscall.Stat_t
	if err := syscall.Stat(dir, &st); err != nil {
		t.Fatal(err)
	}
	return Request{Protocol: Protocol, Dir: dir, Env: []string{"PATH=/bin"},
		Binds: []CallBind{{Bind: Bind{Source: dir, Target: dir}, Dev: st.Dev, Ino: st.Ino}}}
}

func TestReadyRunsOneCall(t *testing.T) {
	requireRoot(t)
	cfg := config(t, []string{layer(t)})
	p, sock := readyBox(t, cfg)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "in"), []byte("from the host"), 0o644); err != nil {
		t.Fatal(err)
	}
	req := workDir(t, dir)
	req.Args = []string{"/testtool", "pwd"}
	code, out, err := call(t, sock, req)
	if err != nil || code != 0 || strings.TrimSpace(out) != dir {
		t.Fatalf("pwd: exit %d, err %v, stdout %q; want %s", code, err, out, dir)
	}
	if !p.Claimed() {
		t.Error("the parent was not told of the claim")
	}
	if _, err := Claim(sock); !errors.Is(err, ErrNotReady) {
		t.Errorf("a second claim: %v, want ErrNotReady", err)
	}
	if code, _ := p.Wait(); code != 0 {
		t.Errorf("the init exited %d, want the tool's 0", code)
	}
}

func TestReadyExitCodesAndFailures(t *testing.T) {
	requireRoot(t)
	l := layer(t)
	for _, c := range []struct {
		args []string
		want int
	}{{[]string{"/testtool", "exit", "42"}, 42}, {[]string{"/testtool", "kill", "TERM"}, 143}, {[]string{"/nope"}, CodeNotFound}} {
		for _, goes := range []bool{false, true} {
			_, sock := readyBox(t, config(t, []string{l}))
			req := workDir(t, t.TempDir())
			req.Args, req.Go = c.args, goes
			code, _, err := call(t, sock, req)
			var se *Error
			if code != c.want || (c.want == CodeNotFound) != errors.As(err, &se) {
				t.Errorf("%v (go at once %v): exit %d, err %v, want %d", c.args, goes, code, err, c.want)
			}
		}
	}
}

// TestReadyIsRestricted: the tool of a ready sandbox is as restricted as a
// cold one's (the root read-only, no capabilities, seccomp).
func TestReadyIsRestricted(t *testing.T) {
	requireRoot(t)
	l := layer(t)
	for _, attack := range [][]string{{"write-root"}, {"procs", "sshell-never", "dockerd"}} {
		_, sock := readyBox(t, config(t, []string{l}))
		req := workDir(t, t.TempDir())
		req.Args = append([]string{"/testtool", "attack"}, attack...)
		if code, out, err := call(t, sock, req); err != nil || code != 0 {
			t.Errorf("attack %v: exit %d, err %v, stdout %q", attack, code, err, out)
		}
	}
}

func TestReadySignalAndKill(t *testing.T) {
	requireRoot(t)
	l := layer(t)
	_, sock := readyBox(t, config(t, []string{l}))
	c, err := Claim(sock)
	if err != nil {
		t.Fatal(err)
	}
	outR, outW, _ := os.Pipe()
	req := workDir(t, t.TempDir())
	req.Args = []string{"/testtool", "wait-signal"}
	if err := start(c, req, Stdio{Stdout: outW}); err != nil {
		t.Fatal(err)
	}
	outW.Close()
	line := make([]byte, 64)
	n, _ := outR.Read(line) // "ready" once its handler is in
	if err := c.Signal(syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	rest := new(bytes.Buffer)
	rest.ReadFrom(outR)
	code, err := c.Wait()
	if err != nil || !strings.Contains(string(line[:n])+rest.String(), "SIGHUP") {
		t.Errorf("wait-signal: exit %d, err %v, stdout %q", code, err, string(line[:n])+rest.String())
	}

	_, sock = readyBox(t, config(t, []string{l}))
	c, err = Claim(sock)
	if err != nil {
		t.Fatal(err)
	}
	req.Args = []string{"/testtool", "sleep", "60"}
	if err := start(c, req, Stdio{}); err != nil {
		t.Fatal(err)
	}
	time.AfterFunc(100*time.Millisecond, func() { _ = c.Kill() })
	if code, err := c.Wait(); err != nil || code != 137 {
		t.Errorf("killed: exit %d, err %v, want 137", code, err)
	}
}

// TestReadyRefusesAnotherDirectory: a working directory the sandbox's copy
// of the host's mounts shows differently (here: the identity the caller
// saw does not match) is refused before anything runs, as a sandbox gone:
// the caller runs the call elsewhere.
func TestReadyRefusesAnotherDirectory(t *testing.T) {
	requireRoot(t)
	_, sock := readyBox(t, config(t, []string{layer(t)}))
	req := workDir(t, t.TempDir())
	req.Binds[0].Ino++
	req.Args = []string{"/testtool", "exit", "0"}
	wantNotServed(t, sock, req)
}

// TestReadyCallerGoneKillsTool: a caller that goes away mid-call takes
// its tool with it, as a cold sandbox dies with its sshell.
func TestReadyCallerGoneKillsTool(t *testing.T) {
	requireRoot(t)
	p, sock := readyBox(t, config(t, []string{layer(t)}))
	c, err := Claim(sock)
	if err != nil {
		t.Fatal(err)
	}
	req := workDir(t, t.TempDir())
	req.Args = []string{"/testtool", "sleep", "60"}
	if err := start(c, req, Stdio{}); err != nil {
		t.Fatal(err)
	}
	c.Close()
	done := make(chan int)
	go func() { code, _ := p.Wait(); done <- code }()
	select {
	case code := <-done:
		if code != 137 {
			t.Errorf("init exited %d, want 137 (its tool killed)", code)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the tool outlived its caller")
	}
}

// TestReadyBindsAreCurrent: a call's binds are made at the call, from the
// host's files as they are then: a file replaced (renamed over, as editors
// and DHCP clients do) after the sandbox got ready shows its new content,
// and a read-only bind stays read-only.
func TestReadyBindsAreCurrent(t *testing.T) {
	requireRoot(t)
	_, sock := readyBox(t, config(t, []string{layer(t)}))
	dir := t.TempDir()
	f := filepath.Join(dir, "conf")
	if err := os.WriteFile(f+".new", []byte("new"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(f+".new", f); err != nil {
		t.Fatal(err)
	}
	var st syscall.Stat_t
	if err := syscall.Stat(f, &st); err != nil {
		t.Fatal(err)
	}
	req := workDir(t, dir)
	req.Binds = append(req.Binds, CallBind{Bind: Bind{Source: f, Target: "/etc/conf", ReadOnly: true, File: true}, Dev: st.Dev, Ino: st.Ino})
	req.Args = []string{"/testtool", "read", "/etc/conf"}
	if code, out, err := call(t, sock, req); err != nil || code != 0 || out != "new" {
		t.Errorf("read: exit %d, err %v, stdout %q; want new", code, err, out)
	}
	_, sock = readyBox(t, config(t, []string{layer(t)}))
	req.Args = []string{"/testtool", "write", "/etc/conf", "changed"}
	if code, _, err := call(t, sock, req); err != nil || code == 0 {
		t.Errorf("write to a read-only bind: exit %d, err %v; want a failure", code, err)
	}
}

// TestReadyRestricted: a ready sandbox's tool, forked from the thread the
// init restricted ahead of the call, keeps exactly what a cold one's does.
func TestReadyRestricted(t *testing.T) {
	requireRoot(t)
	l := layer(t)
	for _, c := range restrictions {
		t.Run(c.name, func(t *testing.T) {
			cfg := config(t, []string{l})
			cfg.Privileged, cfg.CapAdd = c.privileged, c.capAdd
			_, sock := readyBox(t, cfg)
			req := workDir(t, t.TempDir())
			req.Args, req.User = []string{"/testtool", "read", "/proc/self/status"}, c.user
			code, out, err := call(t, sock, req)
			if err != nil || code != 0 {
				t.Fatalf("exit %d, err %v, output %q", code, err, out)
			}
			c.check(t, out)
		})
	}
}

// TestReadySandboxKilled: a call whose sandbox is killed under it (its
// keeper died) ends with 137, as a cold one whose init is killed.
func TestReadySandboxKilled(t *testing.T) {
	requireRoot(t)
	p, sock := readyBox(t, config(t, []string{layer(t)}))
	c, err := Claim(sock)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	req := workDir(t, t.TempDir())
	req.Args = []string{"/testtool", "sleep", "60"}
	if err := start(c, req, Stdio{}); err != nil {
		t.Fatal(err)
	}
	if err := p.Kill(); err != nil {
		t.Fatal(err)
	}
	if code, err := c.Wait(); err != nil || code != 137 {
		t.Errorf("exit %d, err %v; want 137", code, err)
	}
}

// TestReadyOtherProtocol: a call in another version of the protocol is
// not served (no answer: the caller runs it elsewhere), and nothing runs.
func TestReadyOtherProtocol(t *testing.T) {
	requireRoot(t)
	_, sock := readyBox(t, config(t, []string{layer(t)}))
	req := workDir(t, t.TempDir())
	req.Protocol, req.Args = Protocol+1, []string{"/testtool", "exit", "0"}
	wantNotServed(t, sock, req)
}

// wantNotServed claims the sandbox at sock and wants req refused as by a
// sandbox gone (ErrNotReady: the caller runs the call elsewhere).
func wantNotServed(t *testing.T, sock string, req Request) {
	t.Helper()
	c, err := Claim(sock)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Prepare(req, Stdio{}); !errors.Is(err, ErrNotReady) {
		t.Errorf("Prepare: %v, want ErrNotReady", err)
	}
}
