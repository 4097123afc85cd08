//go:build unix

package runtest_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/sshell/sshell/internal/testimage"
	"github.com/sshell/sshell/run"
	"github.com/sshell/sshell/run/runtest"
)

// TestSuiteWithDockerCLI checks the suite itself against a reference runner
// that shells out to `docker run` (the behaviour the suite encodes is the
// docker CLI's). It is no product code: it only shows which failures belong
// to the suite and which to a runner.
func TestSuiteWithDockerCLI(t *testing.T) {
	testimage.RequireDocker(t)
	runtest.Suite{
		New:         func(*testing.T) run.Runner { return cliRunner{} },
		Unreachable: func(t *testing.T) run.Runner { return cliRunner{host: "unix://" + t.TempDir() + "/none.sock"} },
		Leftovers:   cliLeftovers,
		SkipSecurity: "the docker CLI reference runner applies no isolation defaults " +
			"and cannot report which bound stopped a tool (it runs with --rm)",
	}.Run(t)
}

type cliRunner struct{ host string }

func (c cliRunner) Run(ctx context.Context, spec run.Spec, stdio run.IO) (run.Result, error) {
	var res run.Result
	res.Timing.Pulled = spec.Pull != run.PullNever && c.docker(ctx, "image", "inspect", spec.Image).Run() != nil
	cmd := c.docker(ctx, c.args(spec)...)
	cmd.Stdin, cmd.Stdout = stdio.Stdin, stdio.Stdout
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if spec.TTY {
		cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
	} else if stdio.Stderr != nil {
		cmd.Stderr = io.MultiWriter(&stderr, stdio.Stderr)
	}
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGTERM) }
	if err := cmd.Start(); err != nil {
		return res, err
	}
	go forward(cmd.Process, stdio.Signals)
	go resize(cmd.Process, stdio.Resize)
	err := cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		return res, err
	}
	res.ExitCode = ee.ExitCode()
	if res.ExitCode >= 125 && res.ExitCode <= 127 {
		return res, classify(res.ExitCode, stderr.String())
	}
	return res, nil
}

func (c cliRunner) docker(ctx context.Context, args ...string) *exec.Cmd {
	if c.host != "" {
		args = append([]string{"-H", c.host}, args...)
	}
	return exec.CommandContext(ctx, "docker", args...)
}

func (c cliRunner) args(spec run.Spec) []string {
	a := []string{"run", "--rm", "--init", "-i", "-q", "--network", "none", "--pull", pull(spec.Pull)}
	if spec.TTY {
		a = append(a, "-t")
	}
	for k, v := range spec.Labels {
		a = append(a, "--label", k+"="+v)
	}
	for _, e := range spec.Env {
		a = append(a, "-e", e)
	}
	if spec.WorkDir != "" {
		a = append(a, "-v", spec.WorkDir+":"+spec.WorkDir, "-w", spec.WorkDir)
	}
	if spec.User != "" {
		a = append(a, "-u", spec.User)
	}
	if spec.Entrypoint != nil {
		a = append(a, "--entrypoint", spec.Entrypoint[0], spec.Image)
		return append(append(a, spec.Entrypoint[1:]...), spec.Args...)
	}
	return append(append(a, spec.Image), spec.Args...)
}

func pull(p run.PullPolicy) string {
	if p == "" {
		return "missing"
	}
	return string(p)
}

func forward(p *os.Process, sigs <-chan os.Signal) {
	for s := range sigs {
		p.Signal(s)
	}
}

// resize tells the docker CLI to re-read its terminal's size. The kernel also
// sends SIGWINCH to it, the terminal's foreground process; either may come
// before the CLI listens for it (it starts listening only after its first
// resize: a race of this reference runner only), so the signal is repeated
// for a while. Re-reading an unchanged size does nothing.
func resize(p *os.Process, resizes <-chan struct{}) {
	for range resizes {
		for range 20 {
			if p.Signal(syscall.SIGWINCH) != nil {
				break
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
}

func classify(code int, msg string) error {
	kinds := []struct {
		text string
		kind error
	}{
		{"Cannot connect to the Docker daemon", run.ErrDaemonUnreachable},
		{"connection refused", run.ErrRegistryUnreachable},
		{"no basic auth credentials", run.ErrAuthDenied},
		{"not found", run.ErrImageNotFound},
		{"No such image", run.ErrImageNotFound},
	}
	for _, k := range kinds {
		if strings.Contains(msg, k.text) {
			return fmt.Errorf("docker run: %w: %s", k.kind, msg)
		}
	}
	if code == 126 || code == 127 {
		return fmt.Errorf("docker run: %w: %s", run.ErrCannotInvoke, msg)
	}
	return fmt.Errorf("docker run (exit %d): %s", code, msg)
}

func cliLeftovers(t *testing.T, labels map[string]string) []string {
	args := []string{"ps", "-aq"}
	for k, v := range labels {
		args = append(args, "--filter", "label="+k+"="+v)
	}
	out, err := exec.Command("docker", args...).Output()
	if err != nil {
		t.Fatalf("docker ps: %v", err)
	}
	return strings.Fields(string(out))
}
