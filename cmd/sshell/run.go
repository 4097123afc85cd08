package main

import (
	"context"
	"flag"
	"fmt"
	"path"
	"strings"

	"github.com/google/go-containerregistry/pkg/name"

	"github.com/sshell/sshell/run"
)

func init() {
	register(&verb{name: "run", summary: "run a tool from its manifest, or an image", help: runHelpText, run: runRun})
}

const runHelpText = `Usage:
  sshell run [FLAGS] COMMAND [ARGS...]
  sshell run --image REF [FLAGS] [--] [ARGS...]

Run COMMAND from the image its manifest names ($XDG_CONFIG_HOME/sshell/manifests,
default ~/.config/sshell/manifests), or run the image REF without a manifest.
Flags stop at COMMAND: everything after it belongs to the tool.

Flags:
  --pull missing|always|never  when to pull the image (default missing)
  --runtime auto|native|docker where to run it (default: $SSHELL_RUNTIME, else
                               runtime in the config file, else auto: native
                               where it works, docker elsewhere; sshell doctor)
  -e, --env KEY=VALUE          set a variable for the tool; -e KEY copies the
                               host's value (repeatable)
  --image REF                  run the image REF; ARGS replace its CMD
  --entrypoint CMD             with --image: run CMD instead of its ENTRYPOINT
  --network none|host|bridge   the tool's network (default: the manifest's, else none)
  --tty auto|always|never      give the tool a terminal (default: the manifest's,
                               else auto: only when stdin and stdout are both terminals)

Isolation and bounds (see docs/security.md; these override the manifest's):
  --memory SIZE                memory limit, /tmp included (default 1g; e.g. 512m)
  --cpus N                     CPU limit, in CPUs (default 1; e.g. 0.5)
  --pids N                     process and thread limit (default 512)
  --timeout DURATION           kill the tool after DURATION (30s, 5m; default none)
                               --memory, --cpus and --pids also take "unlimited"
  --cap-add CAP                keep the capability CAP, e.g. NET_RAW (repeatable;
                               all others are dropped)
  --mount SRC[:DST][:ro]       make the host path SRC visible at DST (default: the
                               same path), read-only with :ro (repeatable)
  --read-write-root            let the tool write to the image's root file system
  --privileged                 no isolation at all: every capability and device
  -h, --help                   show this help

Only TERM, LANG, LC_*, TZ, HTTP_PROXY, HTTPS_PROXY, NO_PROXY (and their
lower-case forms) pass from your environment, plus what the manifest and
--env set. See docs/cli.md and docs/exit-codes.md.
`

// runOptions is one `sshell run` command line.
type runOptions struct {
	image, entrypoint string
	network           string // empty: the manifest's choice
	tty               string // --tty; "": the manifest's, else auto
	pull              run.PullPolicy
	runtime           string   // --runtime; "": $SSHELL_RUNTIME, the config file's, else auto
	env               []string // --env entries, in order
	command           string   // COMMAND, or the repository name of --image
	args              []string // the tool's arguments
	bounds            boundOptions
}

func runRun(ctx context.Context, s *streams, args []string) error {
	o, err := parseRun(s, args)
	if err != nil {
		return err
	}
	return o.execute(ctx, s)
}

func parseRun(s *streams, args []string) (*runOptions, error) {
	o := &runOptions{pull: run.PullMissing} // tty "": the manifest's, else auto
	v := verbs["run"]
	fs := newFlagSet(v)
	o.define(fs)
	if err := parseFlags(fs, v, s, args); err != nil {
		return nil, err
	}
	if err := o.complete(fs.Args()); err != nil {
		return nil, &usageError{verb: v.name, err: err}
	}
	return o, nil
}

func (o *runOptions) define(fs *flag.FlagSet) {
	fs.StringVar(&o.image, "image", "", "")
	fs.StringVar(&o.entrypoint, "entrypoint", "", "")
	fs.Func("pull", "", func(s string) (err error) { o.pull, err = run.ParsePullPolicy(s); return err })
	fs.Func("network", "", oneOf(&o.network, run.NetworkNone, run.NetworkHost, run.NetworkBridge))
	fs.Func("tty", "", oneOf(&o.tty, "auto", "always", "never"))
	fs.Func("runtime", "", runtimeFlag(&o.runtime))
	fs.Func("e", "", o.addEnv)
	fs.Func("env", "", o.addEnv)
	o.bounds.define(fs)
}

func (o *runOptions) addEnv(s string) error {
	key, _, _ := strings.Cut(s, "=")
	o.env = append(o.env, s)
	return run.CheckEnvKey(key)
}

// complete takes the arguments after the flags: COMMAND and its ARGS, or
// with --image only ARGS.
func (o *runOptions) complete(rest []string) error {
	switch {
	case o.image == "" && o.entrypoint != "":
		return fmt.Errorf("--entrypoint needs --image")
	case o.image == "" && len(rest) == 0:
		return fmt.Errorf("missing COMMAND")
	case o.image == "" && rest[0] == "":
		return fmt.Errorf("empty COMMAND")
	case o.image == "":
		o.command, o.args = rest[0], rest[1:]
		return nil
	}
	ref, err := name.ParseReference(o.image)
	if err != nil {
		return fmt.Errorf("--image: %w", err)
	}
	o.command, o.args = path.Base(ref.Context().RepositoryStr()), rest
	return nil
}
