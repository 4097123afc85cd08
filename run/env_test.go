package run

import (
	"slices"
	"testing"
)

func TestPassthrough(t *testing.T) {
	pass := []string{"TERM", "LANG", "LC_ALL", "LC_CTYPE", "TZ",
		"HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy"}
	block := []string{"PATH", "HOME", "USER", "SSH_AUTH_SOCK", "AWS_SECRET_ACCESS_KEY",
		"FTP_PROXY", "ALL_PROXY", "term", "LC", "XLC_ALL", "DOCKER_HOST"}
	for _, k := range pass {
		if !Passthrough(k) {
			t.Errorf("Passthrough(%q) = false, want true", k)
		}
	}
	for _, k := range block {
		if Passthrough(k) {
			t.Errorf("Passthrough(%q) = true, want false", k)
		}
	}
}

func TestComposeEnv(t *testing.T) {
	host := []string{"TERM=xterm", "PATH=/usr/bin", "HOME=/root", "SECRET=s3",
		"LC_ALL=C.UTF-8", "https_proxy=http://p:3128", "=C:=C:\\", "BROKEN", "A=x=y"}
	tests := []struct {
		name      string
		manifest  map[string]string
		overrides []string
		want      []string
	}{
		{"passthrough only", nil, nil,
			[]string{"HOME=/tmp", "LC_ALL=C.UTF-8", "TERM=xterm", "https_proxy=http://p:3128"}},
		{"manifest adds and beats passthrough", map[string]string{"TERM": "dumb", "PAGER": "cat"}, nil,
			[]string{"HOME=/tmp", "LC_ALL=C.UTF-8", "PAGER=cat", "TERM=dumb", "https_proxy=http://p:3128"}},
		{"override beats manifest", map[string]string{"PAGER": "cat"}, []string{"PAGER=less", "TERM=vt100"},
			[]string{"HOME=/tmp", "LC_ALL=C.UTF-8", "PAGER=less", "TERM=vt100", "https_proxy=http://p:3128"}},
		{"bare key copies host value", nil, []string{"SECRET", "A"},
			[]string{"A=x=y", "HOME=/tmp", "LC_ALL=C.UTF-8", "SECRET=s3", "TERM=xterm", "https_proxy=http://p:3128"}},
		{"bare key absent on host changes nothing", map[string]string{"MISSING": "m"}, []string{"MISSING", "NOPE"},
			[]string{"HOME=/tmp", "LC_ALL=C.UTF-8", "MISSING=m", "TERM=xterm", "https_proxy=http://p:3128"}},
		{"empty value is a value", nil, []string{"TERM="},
			[]string{"HOME=/tmp", "LC_ALL=C.UTF-8", "TERM=", "https_proxy=http://p:3128"}},
		{"manifest sets HOME", map[string]string{"HOME": "/work"}, nil,
			[]string{"HOME=/work", "LC_ALL=C.UTF-8", "TERM=xterm", "https_proxy=http://p:3128"}},
		{"bare HOME copies the host's", nil, []string{"HOME"},
			[]string{"HOME=/root", "LC_ALL=C.UTF-8", "TERM=xterm", "https_proxy=http://p:3128"}},
		{"later override wins", nil, []string{"X=1", "X=2"},
			[]string{"HOME=/tmp", "LC_ALL=C.UTF-8", "TERM=xterm", "X=2", "https_proxy=http://p:3128"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ComposeEnv(host, tc.manifest, tc.overrides)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestComposeEnvRejectsBadNames(t *testing.T) {
	for _, o := range []string{"", "=value", "A\x00B=1"} {
		if _, err := ComposeEnv(nil, nil, []string{o}); err == nil {
			t.Errorf("ComposeEnv(override %q) succeeded, want an error", o)
		}
	}
}

func TestComposeEnvEmptyHost(t *testing.T) {
	got, err := ComposeEnv(nil, nil, nil)
	if want := []string{"HOME=" + DefaultHome}; err != nil || !slices.Equal(got, want) {
		t.Errorf("ComposeEnv(nil, nil, nil) = %q, %v; want %q, nil", got, err, want)
	}
}
