package hook

import (
	"errors"
	"reflect"
	"testing"
)

func TestParseArgs(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want Request
	}{
		{[]string{"--known", "jq"}, Request{Known: true, Name: "jq"}},
		{[]string{"--", "jq"}, Request{Name: "jq", Args: []string{}}},
		{[]string{"--shell", "fish", "--", "jq", "-r", "--", ".a"},
			Request{Shell: "fish", Name: "jq", Args: []string{"-r", "--", ".a"}}},
		{[]string{"--shell", "bash", "--", "--known", "x"},
			Request{Shell: "bash", Name: "--known", Args: []string{"x"}}},
	} {
		got, err := ParseArgs(tc.args)
		if err != nil || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("ParseArgs(%q) = %+v, %v; want %+v", tc.args, got, err, tc.want)
		}
	}
}

func TestParseArgsRejects(t *testing.T) {
	for _, args := range [][]string{
		nil, {"jq"}, {"--"}, {"--", ""}, {"--known"}, {"--known", ""},
		{"--known", "jq", "x"}, {"--shell", "tcsh", "--", "jq"},
		{"--shell", "bash", "jq"}, {"--shell"}, {"--chain", "--", "jq"},
	} {
		if _, err := ParseArgs(args); !errors.Is(err, ErrUsage) {
			t.Errorf("ParseArgs(%q) error = %v; want ErrUsage", args, err)
		}
	}
}
