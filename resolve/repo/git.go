package repo

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
)

// ErrNoGit: git is not installed.
var ErrNoGit = errors.New("git is not installed (team repos need it)")

// git runs the system git in dir and returns its trimmed output.
//
// sshell uses the system git rather than go-git: go-git is not a
// dependency of this module and would bring a large tree of them for
// three operations (clone, fetch, checkout), while the system git also
// honours the user's credential helpers, SSH configuration, proxies and
// URL rewrites, which team repos behind company sign-on need. It never
// prompts: a background update has no one to answer.
func git(ctx context.Context, dir string, args ...string) (string, error) {
	return gitEnv(ctx, dir, nil, args...)
}

// gitEnv is git with extra environment variables.
func gitEnv(ctx context.Context, dir string, env []string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_TERMINAL_PROMPT=0", "GCM_INTERACTIVE=never", "LC_ALL=C")
	cmd.Env = append(cmd.Env, env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	switch {
	case errors.Is(err, exec.ErrNotFound):
		return "", ErrNoGit
	case err != nil:
		return "", fmt.Errorf("git %s: %s", args[0], lastLine(stderr.String(), err))
	}
	return strings.TrimSpace(string(out)), nil
}

// lastLine is the line of git's message that says what failed: its first
// "fatal:" or "error:" line, else its last line, else err.
func lastLine(text string, err error) string {
	lines := strings.Split(strings.TrimSpace(text), "\n")
	for _, l := range lines {
		for _, prefix := range []string{"fatal: ", "error: "} {
			if rest, ok := strings.CutPrefix(strings.TrimSpace(l), prefix); ok {
				return rest
			}
		}
	}
	if last := strings.TrimSpace(lines[len(lines)-1]); last != "" {
		return last
	}
	return err.Error()
}
