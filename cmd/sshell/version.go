package main

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3";
// when empty, the module version recorded by the Go toolchain is used.
var version string

func init() {
	register(&verb{
		name:    "version",
		summary: "print sshell's version",
		help:    "Usage: sshell version\n\nPrint sshell's version, the Go version it was built with, and its OS/arch.\n",
		run:     runVersion,
	})
}

func runVersion(_ context.Context, s *streams, args []string) error {
	v := verbs["version"]
	fs := newFlagSet(v)
	if err := parseFlags(fs, v, s, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return &usageError{verb: v.name, err: fmt.Errorf("version takes no arguments, got %q", fs.Args())}
	}
	fmt.Fprintf(s.out, "sshell %s (%s %s/%s)\n", versionString(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return nil
}

func versionString() string {
	if version != "" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" {
		return info.Main.Version
	}
	return "(devel)"
}
