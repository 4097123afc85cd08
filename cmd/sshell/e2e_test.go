//go:build linux

package main

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
)

// Files the tool writes in the current directory belong to the caller, here
// an unprivileged uid in the docker socket's group.
func TestFilesOwnedByCaller(t *testing.T) {
	if os.Getuid() != 0 {
		t.Skip("running sshell as another user needs root")
	}
	ref := e2eImage(t, "sshell-e2e/owner")
	const uid = 1234
	gid := socketGroup(t)
	bin := sshellBin(t)
	for _, args := range [][]string{{"write", "made.txt", "hi"}, {"id"}} {
		cmd := sshellCmd(t, bin, append([]string{"run", "--image", ref, "--"}, args...)...)
		if err := os.Chown(cmd.Dir, uid, gid); err != nil {
			t.Fatal(err)
		}
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: uid, Gid: uint32(gid)}}
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("sshell run %s as %d:%d: %v\n%s", args[0], uid, gid, err, out)
		}
		if args[0] == "id" && string(out) != fmt.Sprintf("%d:%d\n", uid, gid) {
			t.Errorf("the tool ran as %q, want %d:%d", out, uid, gid)
		}
		if args[0] == "write" {
			checkOwner(t, filepath.Join(cmd.Dir, "made.txt"), uid, gid)
		}
	}
}

// socketGroup is the group of the Docker socket the tests use.
func socketGroup(t *testing.T) int {
	t.Helper()
	sock := "/var/run/docker.sock"
	if h := os.Getenv("DOCKER_HOST"); h != "" {
		var ok bool
		if sock, ok = strings.CutPrefix(h, "unix://"); !ok {
			t.Skip("DOCKER_HOST is not a unix socket: cannot hand its access to another uid")
		}
	}
	fi, err := os.Stat(sock)
	if err != nil {
		t.Skip("no Docker socket to share with another uid: ", err)
	}
	return int(fi.Sys().(*syscall.Stat_t).Gid)
}

func checkOwner(t *testing.T, path string, uid, gid int) {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatalf("the tool's file: %v", err)
	}
	st := fi.Sys().(*syscall.Stat_t)
	if int(st.Uid) != uid || int(st.Gid) != gid {
		t.Errorf("%s is owned by %d:%d, want %d:%d", path, st.Uid, st.Gid, uid, gid)
	}
}

// A SIGKILLed sshell cannot clean up; the next sshell call removes what it
// left behind.
func TestStaleContainerRemovedByNextCall(t *testing.T) {
	ref := e2eImage(t, "sshell-e2e/stale")
	bin := sshellBin(t)
	victim := sshellCmd(t, bin, "run", "--image", ref, "--", "sleep", "600")
	if err := victim.Start(); err != nil {
		t.Fatal(err)
	}
	pid := strconv.Itoa(victim.Process.Pid)
	var id string
	eventually(t, "the container of sshell pid "+pid, func() bool {
		id = dockerOut(t, "ps", "-a", "-q", "--filter", "label=io.sshell.managed=true", "--filter", "label=io.sshell.owner.pid="+pid)
		return id != ""
	})
	t.Cleanup(func() { _ = exec.Command("docker", "rm", "-f", id).Run() })
	if err := victim.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = victim.Wait() // reap it: a zombie still holds its pid
	if out, err := sshellCmd(t, bin, "run", "--image", ref, "--", "exit", "0").CombinedOutput(); err != nil {
		t.Fatalf("the next sshell call: %v\n%s", err, out)
	}
	eventually(t, "stale container "+id+" to be removed", func() bool {
		return dockerOut(t, "ps", "-a", "-q", "--filter", "id="+id) == ""
	})
}

// INT, TERM and HUP sent to sshell reach the tool; sshell survives them and
// passes on the tool's 128+N.
func TestSignalsReachTheTool(t *testing.T) {
	ref := e2eImage(t, "sshell-e2e/signals")
	bin := sshellBin(t)
	signals := map[string]syscall.Signal{"SIGINT": syscall.SIGINT, "SIGTERM": syscall.SIGTERM, "SIGHUP": syscall.SIGHUP}
	for name, sig := range signals {
		t.Run(name, func(t *testing.T) {
			cmd := sshellCmd(t, bin, "run", "--image", ref, "--", "wait-signal")
			stdout, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			out := collect(stdout)
			eventually(t, "the tool to be ready", func() bool { return strings.Contains(out.String(), "ready\n") })
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			err = cmd.Wait()
			if code := cmd.ProcessState.ExitCode(); code != 128+int(sig) || !strings.Contains(out.String(), "got "+name) {
				t.Errorf("after %s: exit %d (%v), output %q; want %d and %q", name, code, err, out.String(), 128+int(sig), "got "+name)
			}
		})
	}
}

// An unknown command is answered from the manifests alone: the Docker
// endpoint, a socket that counts its connections, is never dialled.
func TestUnknownCommandNeverDialsDocker(t *testing.T) {
	sock := filepath.Join(openDir(t), "docker.sock")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Skip("no unix sockets here: ", err)
	}
	var dialled atomic.Int32
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			dialled.Add(1)
			c.Close()
		}
	}()
	cmd := sshellCmd(t, sshellBin(t), "run", "jq", ".")
	cmd.Env = append(cmd.Env, "DOCKER_HOST=unix://"+sock)
	out, _ := cmd.CombinedOutput()
	l.Close()
	if code := cmd.ProcessState.ExitCode(); code != 127 || dialled.Load() != 0 {
		t.Errorf("sshell run jq: exit %d, %d connection(s) to Docker, output %q; want 127 and none", code, dialled.Load(), out)
	}
}
