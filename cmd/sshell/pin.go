package main

import (
	"context"
	"errors"
	"fmt"

	v1 "github.com/google/go-containerregistry/pkg/v1"

	"github.com/sshell/sshell/cache"
)

func init() {
	register(&verb{name: "pin", summary: "hold a command to one image digest", help: pinHelpText, run: runPin})
	register(&verb{name: "unpin", summary: "let a pinned command follow its tag again", help: unpinHelpText, run: runUnpin})
}

const pinHelpText = `Usage: sshell pin CMD [DIGEST]

Hold CMD to one image digest (default: the digest in use now): runs use
IMAGE@DIGEST and upgrades skip it until ` + "`sshell unpin CMD`" + `.
See docs/upgrades.md.
`

const unpinHelpText = `Usage: sshell unpin CMD

Let CMD follow its tag again: runs use the image the manifest names, and
upgrades check it. See docs/upgrades.md.
`

func runPin(ctx context.Context, s *streams, args []string) error {
	name, rest, err := commandArg(s, verbs["pin"], args, 1)
	if err != nil {
		return err
	}
	u := cache.DefaultUpgrades()
	if err := trackNamed(u, []string{name}); err != nil {
		return err
	}
	digest, err := pinDigest(ctx, u, name, rest)
	if err != nil {
		return err
	}
	if err := setPin(u, name, digest); err != nil {
		return err
	}
	fmt.Fprintf(s.out, "%s: pinned to %s\n", name, digest)
	return nil
}

// pinDigest is the DIGEST argument, else the digest in use now: the
// pin, the latest seen, or the one of the image held by the runtime runs
// use ($SSHELL_RUNTIME, the config file's, auto).
func pinDigest(ctx context.Context, u *cache.Upgrades, name string, rest []string) (string, error) {
	if len(rest) == 1 {
		if _, err := v1.NewHash(rest[0]); err != nil {
			return "", &usageError{verb: "pin", err: fmt.Errorf("invalid digest %q, want sha256:HEX", rest[0])}
		}
		return rest[0], nil
	}
	st, err := u.Load()
	if err != nil {
		return "", err
	}
	tr := st.Commands[name]
	if d := tr.Current(); d != "" {
		return d, nil
	}
	t, _, _ := findManifest(nil, name) // its network may send it to Docker (runtimeFor)
	rt, err := runtimeFor("", t.Network)
	if err != nil {
		return "", err
	}
	if d, ok := cachedDigest(ctx, rt, tr.Image); ok && d != "" {
		return d, nil
	}
	return "", fmt.Errorf("no digest known for %s: run it once, or name the DIGEST", name)
}

// setPin pins name to digest ("" unpins).
func setPin(u *cache.Upgrades, name, digest string) error {
	return u.Update(func(st *cache.UpgradeState) error {
		tr, ok := st.Commands[name]
		if !ok {
			return fmt.Errorf("%s has not run yet: nothing to unpin", name)
		}
		tr.Pinned = digest
		return nil
	})
}

func runUnpin(_ context.Context, s *streams, args []string) error {
	name, _, err := commandArg(s, verbs["unpin"], args, 0)
	if err != nil {
		return err
	}
	if err := setPin(cache.DefaultUpgrades(), name, ""); err != nil {
		return err
	}
	fmt.Fprintf(s.out, "%s: unpinned; runs follow the tag again\n", name)
	return nil
}

// commandArg parses v's flags and wants CMD and at most extra arguments more.
func commandArg(s *streams, v *verb, args []string, extra int) (string, []string, error) {
	fs := newFlagSet(v)
	if err := parseFlags(fs, v, s, args); err != nil {
		return "", nil, err
	}
	if fs.NArg() < 1 || fs.NArg() > 1+extra {
		return "", nil, &usageError{verb: v.name, err: errors.New("wrong number of arguments")}
	}
	return fs.Arg(0), fs.Args()[1:], nil
}
