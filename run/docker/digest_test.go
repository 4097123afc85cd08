package docker

import (
	"strings"
	"testing"
)

func TestRepoDigest(t *testing.T) {
	const a, b = "sha256:" + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
		"sha256:" + "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
	both := []string{"127.0.0.1:5000/other@" + b, "alpine@" + a}
	tests := []struct{ ref, want string }{
		{"alpine:3.20", a},                 // short Docker Hub name, normalised
		{"docker.io/library/alpine", a},    // the same, spelt out
		{"127.0.0.1:5000/other:latest", b}, // a loopback registry
		{"127.0.0.1:5000/nope:1", ""},      // no digest for this repository
		{"reg.example/x@" + b, b},          // pinned by digest
		{"UPPER", ""},                      // not a reference
	}
	for _, tc := range tests {
		if got := repoDigest(tc.ref, both); got != tc.want {
			t.Errorf("repoDigest(%q) = %q, want %q", tc.ref, got, tc.want)
		}
	}
}

func TestPullStreamDigest(t *testing.T) {
	p, err := readPullStream(strings.NewReader(pullStream), nil)
	const want = "sha256:1ec1fb533fbcab933d6c9d8c346927913757ad5aa296d8fef3b10100927d77f6"
	if err != nil || p.digest != want || p.bytes != 977777+3146586 {
		t.Errorf("readPullStream = %+v, %v; want digest %s", p, err, want)
	}
}
