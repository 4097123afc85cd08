package resolve

import "testing"

func TestValidName(t *testing.T) {
	tests := []struct {
		name string
		ok   bool
	}{
		{"jq", true}, {"7z", true}, {"g++", true}, {"docker-compose", true}, {"é", true}, {"a.b", true},
		{"", false}, {"-jq", false}, {"bin/jq", false}, {"/jq", false},
		{"j q", false}, {"j\tq", false}, {"j\nq", false}, {"j\u00a0q", false}, {"j\x00q", false}, {"j\x7fq", false},
	}
	for _, tt := range tests {
		if err := validName(tt.name); (err == nil) != tt.ok {
			t.Errorf("validName(%q) = %v, want ok=%v", tt.name, err, tt.ok)
		}
	}
}

func TestValidImage(t *testing.T) {
	tests := []struct {
		ref string
		ok  bool
	}{
		{"jq", true}, {"jq:1.7.1", true}, {"ghcr.io/jqlang/jq:1.7.1", true}, {"localhost:5000/a/b:t", true},
		{"127.0.0.1:5000/jq", true},
		{"jq@sha256:0123456789012345678901234567890123456789012345678901234567890123", true},
		{"ghcr.io/jqlang/jq:1.7.1@sha256:0123456789012345678901234567890123456789012345678901234567890123", true},
		{"", false}, {"Jq", false}, {"jq:", false}, {"jq@sha256:12", false}, {" jq", false}, {"https://ghcr.io/jq", false},
	}
	for _, tt := range tests {
		if err := validImage(tt.ref); (err == nil) != tt.ok {
			t.Errorf("validImage(%q) = %v, want ok=%v", tt.ref, err, tt.ok)
		}
	}
}

func TestValidNetwork(t *testing.T) {
	for mode, ok := range map[string]bool{"none": true, "host": true, "bridge": true, "": false, "None": false, "container:x": false} {
		if err := validNetwork(mode); (err == nil) != ok {
			t.Errorf("validNetwork(%q) = %v, want ok=%v", mode, err, ok)
		}
	}
}

func TestValidEntrypoint(t *testing.T) {
	tests := []struct {
		argv []string
		ok   bool
	}{
		{[]string{"jq"}, true}, {[]string{"sh", "-c", ""}, true},
		{nil, false}, {[]string{}, false}, {[]string{""}, false}, {[]string{"", "x"}, false}, {[]string{"jq", "a\x00"}, false},
	}
	for _, tt := range tests {
		if err := validEntrypoint(tt.argv); (err == nil) != tt.ok {
			t.Errorf("validEntrypoint(%q) = %v, want ok=%v", tt.argv, err, tt.ok)
		}
	}
}

func TestValidEnv(t *testing.T) {
	tests := []struct {
		name, value string
		ok          bool
	}{
		{"TZ", "UTC", true}, {"EMPTY", "", true}, {"lower_case", "a=b", true},
		{"", "x", false}, {"A=B", "x", false}, {"=", "", false}, {"A\x00", "x", false}, {"A", "x\x00", false},
	}
	for _, tt := range tests {
		if err := validEnv(tt.name, tt.value); (err == nil) != tt.ok {
			t.Errorf("validEnv(%q, %q) = %v, want ok=%v", tt.name, tt.value, err, tt.ok)
		}
	}
}
