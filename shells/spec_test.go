package shells

import (
	"fmt"
	"os/exec"
	"testing"
)

// The commands the fake sshell knows in these tests: installed on no host.
const (
	tool      = "qqtool" // in the manifests at init time (fish: a wrapper)
	lateTool  = "yytool" // known to sshell only after init (fish: the handler path)
	unknown   = "nosuch"
	prevLabel = "prev:"
)

// spec is what the behaviour tests need to know about one shell.
type spec struct {
	name     string
	argv     []string // interactive, no rc files
	status   string   // last status parameter
	export   string   // format: name, value
	unset    string   // format: name
	prev     string   // defines a previous handler printing prev:NAME, status 3
	notFound string   // format: name; the shell's own interactive line
	// handlerStatus maps the status a handler returned to what the shell
	// shows: fish always shows 127.
	handlerStatus func(int) int
}

var specs = []spec{
	{
		name: "bash", argv: []string{"bash", "--norc", "--noprofile", "-i"}, status: `"$?"`,
		export: "export %s='%s'", unset: "unset %s",
		prev:          `command_not_found_handle() { echo "prev:$1"; return 3; }`,
		notFound:      "bash: %s: command not found",
		handlerStatus: func(s int) int { return s },
	},
	{
		name: "zsh", argv: []string{"zsh", "-f", "-i"}, status: `"$?"`,
		export: "export %s='%s'", unset: "unset %s",
		prev:          `command_not_found_handler() { echo "prev:$1"; return 3; }`,
		notFound:      "zsh: command not found: %s",
		handlerStatus: func(s int) int { return s },
	},
	{
		name: "fish", argv: []string{"fish", "--no-config", "-i"}, status: "$status",
		export: "set -gx %s '%s'", unset: "set -e %s",
		prev:          `function fish_command_not_found; echo "prev:$argv[1]"; return 3; end`,
		notFound:      "fish: Unknown command: %s",
		handlerStatus: func(int) int { return 127 },
	},
}

// forEachShell runs test once per shell, skipping shells not installed.
func forEachShell(t *testing.T, test func(t *testing.T, sp spec)) {
	for _, sp := range specs {
		t.Run(sp.name, func(t *testing.T) {
			if _, err := exec.LookPath(sp.name); err != nil {
				t.Skipf("%s is not installed", sp.name)
			}
			test(t, sp)
		})
	}
}

// start runs the shell interactively in a pty with the fake's environment.
func (sp spec) start(t *testing.T, f fake, env ...string) *session {
	return startSession(t, sp.argv, sp.status, f.env(append([]string{"FAKE_KNOWN=" + tool + " " + lateTool}, env...)...))
}

// load generates the hook for bin and sources it in s.
func (sp spec) load(t *testing.T, s *session, bin string) {
	t.Helper()
	p := hookFile(t, sp.name, Options{Bin: bin, Commands: []string{tool}})
	if out, st := s.run(fmt.Sprintf("source '%s'", p)); st != 0 {
		t.Fatalf("sourcing the hook: status %d; the shell showed:\n%s", st, out)
	}
}
