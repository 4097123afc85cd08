package main

import (
	"context"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/sshell/sshell/run/docker"
	"github.com/sshell/sshell/run/native"
)

func init() {
	register(&verb{name: "doctor", summary: "report which runtimes work here, and why not", help: doctorHelpText, run: runDoctor})
}

const doctorHelpText = `Usage: sshell doctor

Report which runtimes can run tools on this machine, for each one that cannot
the reason, and which one sshell uses (--runtime, else $SSHELL_RUNTIME, else
runtime in $XDG_CONFIG_HOME/sshell/config.toml, else auto: native where it
works, docker elsewhere). Exits 0 when the runtime sshell uses works, 1 when
it does not. Where native works, the ready line says whether it keeps
sandboxes ready ($SSHELL_READY, else ready in the config file's [native]
table, else 10m), and how long one waits for a call. See docs/native.md.
`

// doctorError: the runtime in use cannot run tools; doctor printed why.
type doctorError struct{ runtime string }

func (e *doctorError) Error() string {
	return fmt.Sprintf("the %s runtime cannot run tools here (see above): fix it, or choose another with --runtime or runtime in the config file", e.runtime)
}

func runDoctor(ctx context.Context, s *streams, args []string) error {
	v := verbs["doctor"]
	fs := newFlagSet(v)
	if err := parseFlags(fs, v, s, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return &usageError{verb: v.name, err: fmt.Errorf("doctor takes no arguments, got %q", fs.Args())}
	}
	chosen, chooseErr := chooseRuntime("")
	checks := map[string]error{runtimeNative: native.Available()}
	dockerInfo, dockerErr := describeDocker(ctx)
	checks[runtimeDocker] = dockerErr
	tw := tabwriter.NewWriter(s.out, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "native\t%s\n", verdictLine(checks[runtimeNative], "daemonless sandbox: namespaces, overlay root, seccomp, cgroups"))
	if checks[runtimeNative] == nil {
		fmt.Fprintf(tw, "ready\t%s\n", readyLine())
	}
	fmt.Fprintf(tw, "docker\t%s\n", verdictLine(dockerErr, dockerInfo))
	if chooseErr != nil {
		fmt.Fprintf(tw, "in use\tnone: %v\n", chooseErr)
		tw.Flush()
		return chooseErr
	}
	fmt.Fprintf(tw, "in use\t%s\n", chosen)
	tw.Flush()
	if checks[chosen] != nil {
		return &doctorError{runtime: chosen}
	}
	return nil
}

// readyLine says whether native runs keep sandboxes ready, for how long.
func readyLine() string {
	idle, err := readyIdle()
	switch {
	case err != nil:
		return "no\t" + oneLine(err.Error())
	case idle == 0:
		return "no\tturned off: no sandbox is kept ready ($SSHELL_READY, [native] ready)"
	}
	return "ok\tsandboxes kept ready, one per kind of call, until " + idle.String() + " pass without a call"
}

func verdictLine(err error, ok string) string {
	if err != nil {
		return "no\t" + oneLine(err.Error())
	}
	return "ok\t" + ok
}

// describeDocker asks the daemon for its version, for a few seconds at most.
func describeDocker(ctx context.Context) (string, error) {
	r, err := docker.New()
	if err != nil {
		return "", err
	}
	defer r.Close()
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	return r.Describe(ctx)
}
