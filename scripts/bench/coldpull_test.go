package bench

import (
	"context"
	"crypto/rand"
	"io"
	"testing"
	"time"

	"github.com/docker/docker/api/types/image"
	"github.com/docker/docker/client"
	"github.com/docker/docker/pkg/jsonmessage"

	"github.com/sshell/sshell/internal/testimage"
	"github.com/sshell/sshell/run/native/store"
)

// BenchmarkColdPull times pulling and unpacking an image of about 70 MB
// (three layers of incompressible data) from the loopback registry into an
// empty native store, against the Docker Engine pulling the same image
// after removing it, alternating each round. Target: native at most 1.2×
// docker's time.
func BenchmarkColdPull(b *testing.B) {
	testimage.RequireDocker(b)
	reg := testimage.StartRegistry(b)
	ref := pushLayers(b, reg, "bench-cold", [][]byte{
		randomLayer(b, 40<<20), randomLayer(b, 20<<20), randomLayer(b, 10<<20),
	})
	cli, err := client.NewClientWithOpts(client.FromEnv, client.WithAPIVersionNegotiation())
	must(b, "docker client", err)
	defer cli.Close()
	ctx := context.Background()
	b.Cleanup(func() { cli.ImageRemove(ctx, ref, image.RemoveOptions{Force: true, PruneChildren: true}) })
	var nat, dock samples
	for range b.N {
		nat = append(nat, nativePull(ctx, b, ref))
		dock = append(dock, dockerPull(ctx, b, cli, ref))
	}
	report(b, "native-ms", nat.median())
	report(b, "docker-pull-ms", dock.median())
	ratio := float64(nat.median()) / float64(dock.median())
	b.ReportMetric(ratio, "native/docker-pull")
	b.Logf("cold pull of 70 MB, %d rounds: native %.0f ms, docker pull %.0f ms; native/docker %.2f× (%s)",
		len(nat), ms(nat.median()), ms(dock.median()), ratio, verdict(ratio <= 1.2))
}

// nativePull pulls ref into a new, empty store, and unpacks it.
func nativePull(ctx context.Context, tb testing.TB, ref string) time.Duration {
	tb.Helper()
	s, err := store.Open(tb.TempDir())
	must(tb, "opening the store", err)
	start := time.Now()
	_, _, err = s.Pull(ctx, ref, "", nil)
	d := time.Since(start)
	must(tb, "native pull", err)
	must(tb, "purging the store", s.Purge(ctx))
	return d
}

// dockerPull pulls ref through the Engine API until the pull completes,
// then removes the image and its layers for the next round.
func dockerPull(ctx context.Context, tb testing.TB, cli *client.Client, ref string) time.Duration {
	tb.Helper()
	start := time.Now()
	rc, err := cli.ImagePull(ctx, ref, image.PullOptions{})
	must(tb, "docker pull", err)
	err = jsonmessage.DisplayJSONMessagesStream(rc, io.Discard, 0, false, nil) // fails on the stream's error
	rc.Close()
	d := time.Since(start)
	must(tb, "docker pull", err)
	_, err = cli.ImageRemove(ctx, ref, image.RemoveOptions{Force: true, PruneChildren: true})
	must(tb, "removing the image", err)
	return d
}

// randomLayer is an uncompressed tar holding one file of n random bytes,
// which no compression shrinks.
func randomLayer(tb testing.TB, n int) []byte {
	tb.Helper()
	data := make([]byte, n)
	rand.Read(data)
	return tarOf(tb, map[string][]byte{"data/" + rand.Text()[:8]: data})
}
