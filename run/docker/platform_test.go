package docker

import (
	"bytes"
	"context"
	"reflect"
	"runtime"
	"testing"

	"github.com/docker/docker/api/types/image"
	ocispec "github.com/opencontainers/image-spec/specs-go/v1"
	"github.com/sshell/sshell/run"
)

func TestOCIPlatform(t *testing.T) {
	for s, want := range map[string]*ocispec.Platform{
		"":             nil,
		"linux/amd64":  {OS: "linux", Architecture: "amd64"},
		"linux/arm/v7": {OS: "linux", Architecture: "arm", Variant: "v7"},
	} {
		if got := ociPlatform(s); !reflect.DeepEqual(got, want) {
			t.Errorf("ociPlatform(%q) = %+v, want %+v", s, got, want)
		}
	}
	img := image.InspectResponse{Os: "linux", Architecture: "arm", Variant: "v7"}
	for s, want := range map[string]bool{"": true, "linux/arm": true, "linux/arm/v7": true, "linux/arm/v6": false, "linux/amd64": false} {
		if got := onPlatform(img, s); got != want {
			t.Errorf("onPlatform(linux/arm/v7 image, %q) = %v, want %v", s, got, want)
		}
	}
}

// Spec.Platform reaches the pull and the create: the image's own platform
// runs (pulled, then from the daemon's copy); another one fails: the image
// is for linux/amd64 only, which the daemon says when creating the
// container.
func TestPlatform(t *testing.T) {
	if runtime.GOARCH != "amd64" {
		t.Skip("the test image is linux/amd64")
	}
	r := testRunner(t)
	img := pushFresh(t, r, "", "platform")
	var out bytes.Buffer
	spec := toolSpec(img, "echo-split", "ran", "")
	spec.Platform = "linux/amd64"
	if res := mustRun(t, r, spec, run.IO{Stdout: &out}); out.String() != "ran" || !res.Timing.Pulled {
		t.Errorf("linux/amd64: stdout %q, pulled %v; want ran, pulled", out.String(), res.Timing.Pulled)
	}
	if res := mustRun(t, r, spec, run.IO{Stdout: &out}); res.Timing.Pulled {
		t.Error("linux/amd64 again: pulled, want the daemon's copy")
	}
	spec.Platform = "linux/arm64"
	if _, err := r.Run(context.Background(), spec, run.IO{}); err == nil {
		t.Error("linux/arm64 of a linux/amd64-only image: no error")
	} else {
		t.Logf("linux/arm64: %v", err)
	}
}
