//go:build !lean

package main

import "github.com/sshell/sshell/run"

// The full build: see build_lean.go.
const leanBuild = false

var leanVerbs = map[string]bool{}

// execFull is never needed in the full build.
func execFull(args []string) error { return run.ErrFullBuild }
