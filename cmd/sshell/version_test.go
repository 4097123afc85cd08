package main

import (
	"runtime"
	"testing"
)

func TestVersion(t *testing.T) {
	code, out, _ := call(t, "version")
	want := "sshell " + versionString() + " (" + runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH + ")\n"
	if code != 0 || out != want {
		t.Errorf("sshell version = %d, %q; want 0, %q", code, out, want)
	}
}

func TestVersionFromLdflags(t *testing.T) {
	defer func(v string) { version = v }(version)
	version = "v9.8.7"
	if got := versionString(); got != "v9.8.7" {
		t.Errorf("versionString() = %q with main.version set, want v9.8.7", got)
	}
}

func TestVersionUsage(t *testing.T) {
	if code, _, errs := call(t, "version", "extra"); code != 2 || errs == "" {
		t.Errorf("sshell version extra = %d, %q; want 2 and a message", code, errs)
	}
	if code, out, _ := call(t, "version", "--help"); code != 0 || out == "" {
		t.Errorf("sshell version --help = %d, %q; want 0 and help", code, out)
	}
}
