package docker_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/filters"
	"github.com/docker/docker/client"

	"github.com/sshell/sshell/internal/testimage"
	"github.com/sshell/sshell/run"
	"github.com/sshell/sshell/run/docker"
	"github.com/sshell/sshell/run/runtest"
)

// TestConformance runs the shared Runner suite against the local daemon.
func TestConformance(t *testing.T) {
	testimage.RequireDocker(t)
	runtest.Suite{
		New: func(t *testing.T) run.Runner { return newRunner(t) },
		Unreachable: func(t *testing.T) run.Runner {
			return newRunner(t, docker.WithHost("unix://"+filepath.Join(t.TempDir(), "no-daemon.sock")))
		},
		Leftovers: leftovers,
	}.Run(t)
}

func newRunner(t *testing.T, opts ...docker.Option) *docker.Runner {
	t.Helper()
	r, err := docker.New(opts...)
	if err != nil {
		t.Fatalf("docker.New: %v", err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

// leftovers asks the daemon for containers, in any state, with all labels.
func leftovers(t *testing.T, labels map[string]string) []string {
	t.Helper()
	cli, err := client.NewClientWithOpts(client.FromEnv, client.WithAPIVersionNegotiation())
	if err != nil {
		t.Fatalf("docker client: %v", err)
	}
	defer cli.Close()
	f := filters.NewArgs()
	for k, v := range labels {
		f.Add("label", k+"="+v)
	}
	list, err := cli.ContainerList(context.Background(), container.ListOptions{All: true, Filters: f})
	if err != nil {
		t.Fatalf("listing containers: %v", err)
	}
	var ids []string
	for _, c := range list {
		ids = append(ids, c.ID)
	}
	return ids
}
