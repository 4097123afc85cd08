package docker

import (
	"context"
	"os/exec"
	"strings"
	"testing"

	"github.com/sshell/sshell/internal/testimage"
)

// PullPlatform fetches the platform asked for from a multi-platform index,
// not the daemon's own: the image the daemon then holds is that
// platform's. Pull (no platform) takes the daemon's.
func TestPullPlatform(t *testing.T) {
	r := testRunner(t)
	reg := testimage.StartRegistry(t)
	for _, c := range []struct{ platform, want string }{{"linux/arm64", "arm64"}, {"linux/amd64", "amd64"}} {
		ref := testimage.PushIndex(t, reg, "prefetch/multi-"+c.want, "1", "linux/amd64", "linux/arm64")
		t.Cleanup(func() { _ = exec.Command("docker", "rmi", "-f", ref).Run() })
		digest, err := r.PullPlatform(context.Background(), ref, c.platform, nil)
		if err != nil {
			t.Fatalf("PullPlatform(%s, %s): %v", ref, c.platform, err)
		}
		if !strings.HasPrefix(digest, "sha256:") {
			t.Errorf("PullPlatform(%s): digest %q, want sha256:…", ref, digest)
		}
		img, ok, err := r.inspect(context.Background(), ref)
		if err != nil || !ok {
			t.Fatalf("after PullPlatform the daemon does not hold %s (%v)", ref, err)
		}
		if img.Architecture != c.want || img.Config.Labels["io.sshell.test.platform"] != c.platform {
			t.Errorf("PullPlatform(%s, %s): the daemon holds %s (label %q), want %s", ref, c.platform,
				img.Architecture, img.Config.Labels["io.sshell.test.platform"], c.want)
		}
	}
}
