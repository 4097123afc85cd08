package testimage

import (
	"context"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// RequireDocker skips the test, with the reason, when the docker CLI is
// missing or `docker info` fails (no daemon, no permission).
func RequireDocker(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("docker"); err != nil {
		t.Skip("docker CLI not found: ", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if out, err := exec.CommandContext(ctx, "docker", "info").CombinedOutput(); err != nil {
		t.Skipf("docker daemon not usable: %v: %s", err, firstLine(out))
	}
}

// removeFromDaemon deletes every image of repository repo (any tag, or
// pulled by digest) from the Docker daemon. Helpers shell out to the docker
// CLI; the product itself uses the Engine API.
func removeFromDaemon(t testing.TB, repo string) {
	if _, err := exec.LookPath("docker"); err != nil {
		return // no docker here, so nothing could have pulled the image
	}
	out, err := exec.Command("docker", "image", "ls", "-q", "--no-trunc", repo).Output()
	if err != nil {
		return // daemon gone; nothing we can remove
	}
	for _, id := range uniq(strings.Fields(string(out))) {
		if msg, err := exec.Command("docker", "rmi", "-f", id).CombinedOutput(); err != nil && !strings.Contains(string(msg), "No such image") {
			t.Errorf("removing image %s (%s) from the daemon: %v: %s", id, repo, err, msg)
		}
	}
}

func uniq(ids []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

func firstLine(b []byte) string {
	s, _, _ := strings.Cut(strings.TrimSpace(string(b)), "\n")
	return s
}
