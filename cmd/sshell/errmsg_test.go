package main

import (
	"errors"
	"flag"
	"fmt"
	"strings"
	"testing"

	"github.com/sshell/sshell/resolve"
	"github.com/sshell/sshell/run"
)

func TestMessage(t *testing.T) {
	t.Setenv("DOCKER_HOST", "")
	const img = "127.0.0.1:5000/tools/jq:1"
	pullErr := func(kind error, cause string) error {
		return fmt.Errorf("pulling %q: %w: %w", img, kind, errors.New(cause))
	}
	manifestErr := errors.Join(
		&resolve.Error{Source: resolve.Source{File: "/m/a.toml", Line: 3}, Key: "tools.jq.image", Err: errors.New("must be a string")},
		&resolve.Error{Source: resolve.Source{File: "/m/b.toml", Line: 7}, Err: errors.New("expected '='\nat line 7")})
	tests := []struct {
		name string
		err  error
		want []string // substrings, in order
	}{
		{"usage", &usageError{verb: "run", err: errors.New("flag provided but not defined: -x")},
			[]string{"sshell: flag provided but not defined: -x: run `sshell run --help`"}},
		{"unknown", &unknownCommandError{name: "jq", dir: "/home/u/.config/sshell/manifests"},
			[]string{"sshell: jq: no manifest provides this command: add a manifest for it in /home/u/.config/sshell/manifests"}},
		{"manifest", manifestErr,
			[]string{"sshell: manifest /m/a.toml:3: tools.jq.image: must be a string manifest /m/b.toml:7: expected '=' at line 7: fix it or move the file away"}},
		{"daemon", fmt.Errorf("inspecting image: %w: %w", run.ErrDaemonUnreachable, errors.New("dial unix: no such file")),
			[]string{"sshell: cannot reach the Docker daemon at unix:///var/run/docker.sock", "start it, e.g. `sudo systemctl start docker`, or set DOCKER_HOST"}},
		{"daemon permission", fmt.Errorf("x: %w: %w", run.ErrDaemonUnreachable, errors.New("permission denied while trying to connect")),
			[]string{"sshell: permission denied on the Docker daemon", "docker group"}},
		{"image not found in manifest", &runError{image: img, source: "/m/a.toml:3", err: pullErr(run.ErrImageNotFound, "manifest unknown")},
			[]string{"sshell: pulling \"" + img + "\": image not found: manifest unknown", "check the image name and tag in the manifest at /m/a.toml:3"}},
		{"image not found, --image", &runError{image: img, err: run.ErrImageNotFound},
			[]string{"sshell: image \"" + img + "\": image not found: check the image name and tag"}},
		{"image not pulled, --pull never", &runError{image: img, pull: run.PullNever, err: fmt.Errorf("checking %q: %w locally", img, run.ErrImageNotFound)},
			[]string{"image not found locally: run without `--pull never` to fetch it"}},
		{"registry", &runError{image: img, err: pullErr(run.ErrRegistryUnreachable, "connection refused")},
			[]string{"connection refused", "check the network and proxy settings for the registry 127.0.0.1:5000"}},
		{"auth", &runError{image: img, err: pullErr(run.ErrAuthDenied, "unauthorized")},
			[]string{"unauthorized", "log in with `docker login 127.0.0.1:5000`"}},
		{"auth on Docker Hub", &runError{image: "alpine", err: pullErr(run.ErrAuthDenied, "denied")},
			[]string{"`docker login docker.io`"}},
		{"no space", &runError{image: img, err: pullErr(run.ErrNoSpace, "write /var/lib/docker: no space left on device")},
			[]string{"no space left on device", "free disk space, e.g. with `docker system prune`"}},
		{"cannot invoke", &runError{image: img, source: "/m/a.toml:3", err: fmt.Errorf("starting: %w: %w", run.ErrCannotInvoke, errors.New("exec: \"/nope\": stat /nope: no such file or directory"))},
			[]string{"sshell: starting: command cannot be invoked: exec", "stat /nope", "the entrypoint is missing or not executable in image " + img, "in the manifest at /m/a.toml:3"}},
		{"other", errors.New("finding the current directory:\n  gone"), []string{"sshell: finding the current directory: gone"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := message(tc.err)
			if strings.ContainsAny(got, "\r\n") {
				t.Errorf("message is not one line: %q", got)
			}
			rest := got
			for _, w := range tc.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("message %q\nwant it to contain, in order, %q", got, tc.want)
				}
				rest = rest[i+len(w):]
			}
		})
	}
}

func TestMessageDaemonNamesDockerHost(t *testing.T) {
	t.Setenv("DOCKER_HOST", "tcp://10.0.0.9:2375")
	got := message(fmt.Errorf("x: %w", run.ErrDaemonUnreachable))
	if !strings.Contains(got, "at tcp://10.0.0.9:2375 (DOCKER_HOST)") {
		t.Errorf("message = %q, want it to name DOCKER_HOST's address", got)
	}
}

func TestMessageSilent(t *testing.T) {
	for _, err := range []error{nil, flag.ErrHelp, exitStatus(1), fmt.Errorf("wrapped: %w", exitStatus(2))} {
		if got := message(err); got != "" {
			t.Errorf("message(%v) = %q, want nothing", err, got)
		}
	}
}
