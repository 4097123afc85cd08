package resolve

import (
	"errors"
	"testing"
)

func TestSourceString(t *testing.T) {
	tests := []struct {
		src  Source
		want string
	}{
		{Source{"/etc/m.toml", 3}, "/etc/m.toml:3"},
		{Source{"/etc/m.toml", 0}, "/etc/m.toml"},
	}
	for _, tt := range tests {
		if got := tt.src.String(); got != tt.want {
			t.Errorf("%#v.String() = %q, want %q", tt.src, got, tt.want)
		}
	}
}

func TestError(t *testing.T) {
	cause := errors.New("must be a string, not integer")
	tests := []struct {
		err  *Error
		want string
	}{
		{&Error{Source{"m.toml", 3}, "tools.jq.image", cause}, "manifest m.toml:3: tools.jq.image: must be a string, not integer"},
		{&Error{Source{"m.toml", 1}, "", cause}, "manifest m.toml:1: must be a string, not integer"},
		{&Error{Source{"m.toml", 0}, "", cause}, "manifest m.toml: must be a string, not integer"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
		if !errors.Is(tt.err, ErrManifest) || !errors.Is(tt.err, cause) {
			t.Errorf("%v does not wrap both ErrManifest and its cause", tt.err)
		}
	}
}
