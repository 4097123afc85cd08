package store

import "testing"

func TestParseRef(t *testing.T) {
	for ref, want := range map[string]string{
		"alpine":                        "index.docker.io/library/alpine:latest",
		"alpine:3.20":                   "index.docker.io/library/alpine:3.20",
		"node:20":                       "index.docker.io/library/node:20",
		"docker.io/alpine":              "index.docker.io/library/alpine:latest",
		"koalaman/shellcheck:v0.10.0":   "index.docker.io/koalaman/shellcheck:v0.10.0",
		"ghcr.io/jqlang/jq:1.7":         "ghcr.io/jqlang/jq:1.7",
		"localhost/tool":                "localhost/tool:latest",
		"127.0.0.1:5000/tool":           "127.0.0.1:5000/tool:latest",
		"registry.local:5000/a/b/c:x":   "registry.local:5000/a/b/c:x",
		"alpine@sha256:" + sixtyFourA(): "index.docker.io/library/alpine@sha256:" + sixtyFourA(),
	} {
		r, err := parseRef(ref)
		if err != nil || r.Name() != want {
			t.Errorf("parseRef(%q) = %v, %v; want %s", ref, r, err, want)
		}
	}
	for _, ref := range []string{
		"", " alpine", "Alpine", "/alpine", "-alpine", "alpine/", "_/x", "a//b", "alpine:", "alpine@sha256:abc",
		"http://host/x", "ghcr.io", "127.0.0.1:5000", "registry.example.com:latest",
	} {
		if r, err := parseRef(ref); err == nil {
			t.Errorf("parseRef(%q) = %s, want an error", ref, r.Name())
		}
	}
}

func sixtyFourA() string {
	b := make([]byte, 64)
	for i := range b {
		b[i] = 'a'
	}
	return string(b)
}
