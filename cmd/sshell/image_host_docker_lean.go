//go:build lean

package main

import (
	"context"
	"fmt"

	"github.com/sshell/sshell/run"
)

// dockerHost is the full build's (image_host_docker.go): in the lean build
// openDockerHost says so, and sshell runs the full one. The embedded
// interface only gives it the methods; none is ever called.
type dockerHost struct{ imageHost }

func openDockerHost() (*dockerHost, error) {
	return nil, fmt.Errorf("the Docker daemon's images: %w", run.ErrFullBuild)
}

func (d *dockerHost) ping(context.Context) error { return run.ErrFullBuild }

func (d *dockerHost) close() error { return nil }
