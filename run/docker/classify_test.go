package docker

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"testing"

	"github.com/sshell/sshell/internal/testimage"
	"github.com/sshell/sshell/run"
)

// Messages as the daemon (Engine 20.10, API 1.41) returned them here, unless
// marked otherwise.
func TestClassify(t *testing.T) {
	for _, c := range []struct {
		msg  string
		want error
	}{
		// A pull from 127.0.0.1:PORT where nothing listens.
		{`Error response from daemon: Get "http://127.0.0.1:39135/v2/": dial tcp 127.0.0.1:39135: connect: connection refused`, run.ErrRegistryUnreachable},
		// A registry host that does not resolve.
		{`Error response from daemon: Get "https://nonexistent.invalid/v2/": dial tcp: lookup nonexistent.invalid on 10.255.255.53:53: no such host`, run.ErrRegistryUnreachable},
		// A registry that accepts connections and never answers.
		{`Error response from daemon: Get "http://127.0.0.1:37103/v2/": net/http: request canceled (Client.Timeout exceeded while awaiting headers)`, run.ErrRegistryUnreachable},
		// Not observed here (documented daemon and Go net/http texts).
		{`Error response from daemon: Get "https://r.example/v2/": dial tcp 10.1.2.3:443: i/o timeout`, run.ErrRegistryUnreachable},
		{`Error response from daemon: Get "https://r.example:5000/v2/": http: server gave HTTP response to HTTPS client`, run.ErrRegistryUnreachable},
		{`Error response from daemon: Get "https://r.example/v2/": x509: certificate signed by unknown authority`, run.ErrRegistryUnreachable},
		// A repository missing from a live registry, a missing tag, a missing digest.
		{`Error response from daemon: repository 127.0.0.1:37641/obs/missing not found: name unknown: Unknown name`, run.ErrImageNotFound},
		{`Error response from daemon: manifest for 127.0.0.1:37641/obs/tool:nosuchtag not found: manifest unknown: Unknown manifest`, run.ErrImageNotFound},
		{`Error response from daemon: manifest for 127.0.0.1:37641/obs/tool@sha256:0000000000000000000000000000000000000000000000000000000000000000 not found: manifest unknown: Unknown manifest`, run.ErrImageNotFound},
		// Docker Hub for a repository that is missing or private (not observed here).
		{`Error response from daemon: pull access denied for nosuch, repository does not exist or may require 'docker login': denied: requested access to the resource is denied`, run.ErrImageNotFound},
		// In the stream, when the registry lost a layer the manifest names.
		{`unknown blob`, run.ErrImageNotFound},
		{`Error response from daemon: No such image: 127.0.0.1:5000/x:latest`, run.ErrImageNotFound},
		// A registry demanding basic auth, pulled without credentials.
		{`Error response from daemon: Head "http://127.0.0.1:41605/v2/obs/private/manifests/latest": no basic auth credentials`, run.ErrAuthDenied},
		// Not observed here: wrong credentials on Hub, a 403 from ghcr.io.
		{`Error response from daemon: Get "https://registry-1.docker.io/v2/": unauthorized: incorrect username or password`, run.ErrAuthDenied},
		{`Error response from daemon: Head "https://ghcr.io/v2/o/r/manifests/latest": denied`, run.ErrAuthDenied},
		// Not observed here: a full disk while extracting a layer.
		{`failed to register layer: Error processing tar file(exit status 1): write /usr/lib/x.so: no space left on device`, run.ErrNoSpace},
		// Neither: a bad reference, a mount failure that says "permission denied".
		{`invalid reference format: repository name (/Ref) must be lowercase`, nil},
		{`Error response from daemon: error while creating mount source path '/x': mkdir /x: permission denied`, nil},
	} {
		if got := classify(errors.New(c.msg)); got != c.want {
			t.Errorf("classify(%q) = %v, want %v", c.msg, got, c.want)
		}
	}
}

func TestClassifyTyped(t *testing.T) {
	dial := &net.OpError{Op: "dial", Net: "unix", Err: errors.New("connect: no such file or directory")}
	for _, c := range []struct {
		err  error
		want error
	}{
		{fmt.Errorf("x: %w", dial), run.ErrDaemonUnreachable},
		{&url.Error{Op: "Get", URL: "https://d:2376/_ping", Err: errors.New("x509: certificate signed by unknown authority")}, run.ErrDaemonUnreachable},
		{&url.Error{Op: "Get", URL: "http://d/_ping", Err: context.Canceled}, nil},
		{fmt.Errorf("pulling: %w", context.Canceled), nil},
		{context.DeadlineExceeded, nil},
		{nil, nil},
	} {
		if got := classify(c.err); got != c.want {
			t.Errorf("classify(%v) = %v, want %v", c.err, got, c.want)
		}
	}
}

// TestPullErrorKinds makes the daemon say the table's words again.
func TestPullErrorKinds(t *testing.T) {
	r := testRunner(t)
	reg := testimage.StartRegistry(t)
	present := testimage.Push(t, reg, "kinds/tool")
	for ref, want := range map[string]error{
		testimage.DeadRegistry(t) + "/kinds/tool:latest": run.ErrRegistryUnreachable,
		reg.Ref("kinds/missing", "latest"):               run.ErrImageNotFound,
		reg.Ref("kinds/tool", "nosuchtag"):               run.ErrImageNotFound,
		testimage.Push(t, testimage.StartRegistry(t, testimage.WithBasicAuth("u", "p")), "kinds/private"): run.ErrAuthDenied,
	} {
		if _, err := r.pull(context.Background(), ref, "", nil); !errors.Is(err, want) {
			t.Errorf("pull(%s): %v; want an error wrapping %q", ref, err, want)
		}
	}
	dead := testRunner(t, WithHost("unix:///nonexistent/docker.sock"))
	if _, err := dead.present(context.Background(), present); !errors.Is(err, run.ErrDaemonUnreachable) {
		t.Errorf("no daemon: %v; want an error wrapping %q", err, run.ErrDaemonUnreachable)
	}
}
