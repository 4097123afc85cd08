package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sort"
	"time"

	"github.com/sshell/sshell/cache"
	"github.com/sshell/sshell/resolve"
)

func init() {
	register(&verb{name: "upgrade", summary: "check the tags of the tools for new digests now", help: upgradeHelpText, run: runUpgrade})
}

const upgradeHelpText = `Usage: sshell upgrade [--runtime auto|native|docker] [CMD...]

Check now whether the tag of each command (every command run so far, or
the ones named) points to a new digest, and pull it: the next call uses
it. Prints one line per command: "jq: sha256:aaa… -> sha256:bbb…", "up to
date", or "pinned" (pinned commands are skipped). When the registry
cannot be reached, the cached image stays in use, with a notice.

The tags are pulled onto the runtime runs use: --runtime, else
$SSHELL_RUNTIME, else runtime in the config file, else auto.

Without this, a tag is checked in the background once its TTL has passed:
SSHELL_UPGRADE_TTL, else [cache] upgrade_ttl in
$XDG_CONFIG_HOME/sshell/config.toml, else 24h; "off" stops the checks.
See docs/upgrades.md.
`

// upgradeTimeout bounds a background check, so that a hung registry
// cannot hold the lock (and so stop checks) for ever.
const upgradeTimeout = 10 * time.Minute

func runUpgrade(ctx context.Context, s *streams, args []string) error {
	v := verbs["upgrade"]
	fs := newFlagSet(v)
	background := fs.Bool("background", false, "")
	var rt string
	fs.Func("runtime", "", runtimeFlag(&rt))
	if err := parseFlags(fs, v, s, args); err != nil {
		return err
	}
	if *background { // started by startBackgroundUpgrade, stdio on /dev/null
		ctx, cancel := context.WithTimeout(ctx, upgradeTimeout)
		defer cancel()
		return upgradeStale(ctx, rt)
	}
	u := cache.DefaultUpgrades()
	if err := trackNamed(u, fs.Args()); err != nil {
		return err
	}
	return upgradeNow(ctx, s, u, rt, fs.Args())
}

// upgradeStale checks the tags whose TTL has passed, under the check lock;
// when another process holds it, that one is checking already.
func upgradeStale(ctx context.Context, rt string) error {
	u := cache.DefaultUpgrades()
	unlock, ok, err := u.TryCheckLock()
	if err != nil || !ok {
		return err
	}
	defer unlock()
	ttl, on := cache.UpgradeTTL(os.Getenv)
	st, err := u.Load()
	if err != nil || !on {
		return err
	}
	var stale []string
	for name, tr := range st.Commands {
		if tr.Stale(ttl, time.Now()) {
			stale = append(stale, name)
		}
	}
	_, err = checkTags(ctx, u, rt, stale)
	return err
}

// upgradeNow checks names (every tracked command when none) and prints a
// line for each.
func upgradeNow(ctx context.Context, s *streams, u *cache.Upgrades, rt string, names []string) error {
	st, err := u.Load()
	if err != nil {
		return err
	}
	if len(names) == 0 {
		for name := range st.Commands {
			names = append(names, name)
		}
		sort.Strings(names)
	}
	if len(names) == 0 {
		fmt.Fprintln(s.out, "no commands to upgrade: none has run yet")
		return nil
	}
	lines, err := checkTags(ctx, u, rt, names)
	for _, l := range lines {
		fmt.Fprintln(s.out, l)
	}
	return err
}

// checkTags pulls the tag of each command in names onto the runtime runs
// use (flag: --runtime, "" when not given; then $SSHELL_RUNTIME, the
// config file's, auto) and records what it found; it returns a line per
// command. A registry that cannot be reached is a notice when the image is
// cached, not an error.
func checkTags(ctx context.Context, u *cache.Upgrades, flag string, names []string) ([]string, error) {
	hosts := newRuntimeHosts(flag)
	defer hosts.close()
	set, _, _ := resolve.LoadAll()
	var lines []string
	var errs []error
	for _, name := range names {
		t, _ := set.Lookup(name) // gone from the manifests: runs where a tool without one would
		h, err := hosts.forTool(t)
		if err != nil {
			lines, errs = append(lines, name+": "+err.Error()), append(errs, err)
			continue
		}
		line, err := checkTag(ctx, h, u, name)
		lines, errs = append(lines, line), append(errs, err)
	}
	return lines, errors.Join(errs...)
}
