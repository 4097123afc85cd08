package bench

import (
	"context"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/mount"
	"github.com/docker/docker/client"
	"github.com/docker/docker/pkg/stdcopy"
)

// buildSshell compiles cmd/sshell the way `make build` does.
// buildSshell builds sshell as make install installs it: the lean build
// as sshell, the full one beside it as sshell-full.
func buildSshell(tb testing.TB) string {
	tb.Helper()
	dir := tb.TempDir()
	buildCmdTo(tb, filepath.Join(dir, "sshell-full"), "github.com/sshell/sshell/cmd/sshell")
	return buildCmdTo(tb, filepath.Join(dir, "sshell"), "github.com/sshell/sshell/cmd/sshell", "-tags", "lean")
}

// buildCmd builds the command pkg as the release build does (static,
// stripped) and returns its path.
func buildCmd(tb testing.TB, pkg string) string {
	return buildCmdTo(tb, filepath.Join(tb.TempDir(), path.Base(pkg)), pkg)
}

// buildCmdTo builds pkg at bin, with flags.
func buildCmdTo(tb testing.TB, bin, pkg string, flags ...string) string {
	tb.Helper()
	cmd := exec.Command("go", append(append([]string{"build", "-trimpath", "-ldflags", "-s -w", "-o", bin}, flags...), pkg)...)
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("building %s: %v\n%s", pkg, err, out)
	}
	return bin
}

// timeCmd runs a command to completion with stdin from /dev/null and
// returns how long it took; a failure stops the benchmark.
func timeCmd(tb testing.TB, env []string, argv ...string) time.Duration {
	tb.Helper()
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = io.Discard, os.Stderr
	start := time.Now()
	err := cmd.Run()
	d := time.Since(start)
	if err != nil {
		tb.Fatalf("%v: %v", argv, err)
	}
	return d
}

// dockerRunArgs are `docker run` options equal to what sshell asks of the
// Engine for a tool without a manifest, its default isolation included
// (run/docker/isolate.go, run/limits.go).
func dockerRunArgs(ref, dir string, args ...string) []string {
	return append([]string{"docker", "run", "--rm", "-i", "--init", "--network", "none",
		"-u", callerUser(), "-v", dir + ":" + dir, "-w", dir, "--label", "io.sshell.managed=true",
		"--ipc", "private", "--cap-drop", "ALL", "--security-opt", "no-new-privileges:true", "--read-only",
		"--tmpfs", "/tmp:" + tmpfsOptions, "--memory", "1g", "--memory-swap", "1g", "--cpus", "1", "--pids-limit", "512",
		"-e", "HOME=/tmp", ref}, args...)
}

// tmpfsOptions are sshell's default /tmp.
const tmpfsOptions = "rw,nosuid,nodev,mode=1777,size=268435456"

// bareAPI runs ref once through the bare Engine API: create, attach, start,
// wait, remove, with the same configuration as dockerRunArgs. A failure
// stops the benchmark; its cleanup removes what is left (see sweepBench).
func bareAPI(ctx context.Context, tb testing.TB, cli *client.Client, ref, dir string, args ...string) time.Duration {
	tb.Helper()
	start := time.Now()
	init := true
	pids := int64(512)
	c, err := cli.ContainerCreate(ctx, &container.Config{
		Image: ref, Cmd: args, User: callerUser(), WorkingDir: dir, Env: []string{"HOME=/tmp"},
		OpenStdin: true, StdinOnce: true, AttachStdin: true, AttachStdout: true, AttachStderr: true,
		Labels: map[string]string{"io.sshell.managed": "true"},
	}, &container.HostConfig{
		Init: &init, NetworkMode: "none", IpcMode: "private",
		Mounts:  []mount.Mount{{Type: mount.TypeBind, Source: dir, Target: dir}},
		CapDrop: []string{"ALL"}, SecurityOpt: []string{"no-new-privileges:true"}, ReadonlyRootfs: true,
		Tmpfs:     map[string]string{"/tmp": tmpfsOptions},
		Resources: container.Resources{Memory: 1 << 30, MemorySwap: 1 << 30, NanoCPUs: 1e9, PidsLimit: &pids},
	}, nil, nil, "")
	must(tb, "create", err)
	att, err := cli.ContainerAttach(ctx, c.ID, container.AttachOptions{Stream: true, Stdin: true, Stdout: true, Stderr: true})
	must(tb, "attach", err)
	defer att.Close()
	waitC, errC := cli.ContainerWait(ctx, c.ID, container.WaitConditionNextExit)
	must(tb, "start", cli.ContainerStart(ctx, c.ID, container.StartOptions{}))
	must(tb, "close stdin", att.CloseWrite())
	done := make(chan error, 1)
	go func() { _, err := stdcopy.StdCopy(io.Discard, io.Discard, att.Reader); done <- err }()
	select {
	case w := <-waitC:
		if w.StatusCode != 0 {
			tb.Fatalf("bare API run exited %d", w.StatusCode)
		}
	case err := <-errC:
		must(tb, "wait", err)
	}
	must(tb, "copy output", <-done)
	must(tb, "remove", cli.ContainerRemove(ctx, c.ID, container.RemoveOptions{Force: true}))
	return time.Since(start)
}

func callerUser() string { return strconv.Itoa(os.Getuid()) + ":" + strconv.Itoa(os.Getgid()) }

func must(tb testing.TB, op string, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatalf("%s: %v", op, err)
	}
}

// runQuiet runs a command with no output and returns its error.
func runQuiet(env []string, argv ...string) error {
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = env
	return cmd.Run()
}

// exitCode is the exit status in err (0 for nil, -1 if it did not exit).
func exitCode(err error) int {
	if err == nil {
		return 0
	}
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode()
	}
	return -1
}
