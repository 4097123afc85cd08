//go:build lean

// Package docker is a run.Runner on the Docker Engine API. The lean build
// of sshell (-tags lean) leaves the Docker runtime to the full build: here
// New says run.ErrFullBuild, and sshell then runs the full one.
package docker

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/sshell/sshell/run"
)

// Runner is never made in the lean build: New fails.
type Runner struct{}

// Option configures New.
type Option func(*struct{})

// ErrImageInUse is the full build's: an image a container uses.
var ErrImageInUse = errors.New("image in use by a container")

// New says that the Docker runtime is the full build's.
func New(opts ...Option) (*Runner, error) {
	return nil, fmt.Errorf("the Docker runtime: %w", run.ErrFullBuild)
}

func (r *Runner) Close() error { return nil }

func (r *Runner) Run(context.Context, run.Spec, run.IO) (run.Result, error) {
	return run.Result{}, run.ErrFullBuild
}

func (r *Runner) Describe(context.Context) (string, error) { return "", run.ErrFullBuild }

func (r *Runner) PullPlatform(context.Context, string, string, io.Writer) (string, error) {
	return "", run.ErrFullBuild
}

func (r *Runner) ImageDigest(context.Context, string) (string, bool, error) {
	return "", false, run.ErrFullBuild
}

func (r *Runner) ManagedContainers(context.Context) ([]string, []string, error) {
	return nil, nil, run.ErrFullBuild
}

func (r *Runner) ManagedVolumes(context.Context) ([]string, error) { return nil, run.ErrFullBuild }

func (r *Runner) RemoveContainer(context.Context, string) error { return run.ErrFullBuild }

func (r *Runner) RemoveVolume(context.Context, string) error { return run.ErrFullBuild }

func (r *Runner) RemoveImage(context.Context, string) (bool, error) { return false, run.ErrFullBuild }
