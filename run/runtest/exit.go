package runtest

import (
	"testing"

	"github.com/sshell/sshell/run"
)

func (f *fixture) testExitCodes(t *testing.T) {
	cases := []struct {
		args []string
		want int
	}{
		{[]string{"exit", "0"}, 0},
		{[]string{"exit", "1"}, 1},
		{[]string{"exit", "42"}, 42},
		{[]string{"exit", "255"}, 255},
		{[]string{"kill", "TERM"}, 128 + 15},
		{[]string{"kill", "KILL"}, 128 + 9},
		{[]string{"kill", "INT"}, 128 + 2},
	}
	for _, c := range cases {
		t.Run(c.args[0]+"-"+c.args[1], func(t *testing.T) {
			t.Parallel()
			f.mustRun(t, f.spec(c.args...), run.IO{}, c.want)
		})
	}
}
