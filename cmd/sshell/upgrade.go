package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sort"
	"time"

	"github.com/sshell/sshell/cache"
	"github.com/sshell/sshell/run/docker"
)

func init() {
	register(&verb{name: "upgrade", summary: "check the tags of the tools for new digests now", help: upgradeHelpText, run: runUpgrade})
}

const upgradeHelpText = `Usage: sshell upgrade [CMD...]

Check now whether the tag of each command (every command run so far, or
the ones named) points to a new digest, and pull it: the next call uses
it. Prints one line per command: "jq: sha256:aaa… -> sha256:bbb…", "up to
date", or "pinned" (pinned commands are skipped). When the registry
cannot be reached, the cached image stays in use, with a notice.

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
	if err := parseFlags(fs, v, s, args); err != nil {
		return err
	}
	if *background { // started by startBackgroundUpgrade, stdio on /dev/null
		ctx, cancel := context.WithTimeout(ctx, upgradeTimeout)
		defer cancel()
		return upgradeStale(ctx)
	}
	u := cache.DefaultUpgrades()
	if err := trackNamed(u, fs.Args()); err != nil {
		return err
	}
	return upgradeNow(ctx, s, u, fs.Args())
}

// upgradeStale checks the tags whose TTL has passed, under the check lock;
// when another process holds it, that one is checking already.
func upgradeStale(ctx context.Context) error {
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
	_, err = checkTags(ctx, u, stale)
	return err
}

// upgradeNow checks names (every tracked command when none) and prints a
// line for each.
func upgradeNow(ctx context.Context, s *streams, u *cache.Upgrades, names []string) error {
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
	lines, err := checkTags(ctx, u, names)
	for _, l := range lines {
		fmt.Fprintln(s.out, l)
	}
	return err
}

// checkTags pulls the tag of each command in names and records what it
// found; it returns a line per command. A registry that cannot be reached
// is a notice when the image is cached, not an error.
func checkTags(ctx context.Context, u *cache.Upgrades, names []string) ([]string, error) {
	r, err := docker.New()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	var lines []string
	var errs []error
	for _, name := range names {
		line, err := checkTag(ctx, r, u, name)
		lines, errs = append(lines, line), append(errs, err)
	}
	return lines, errors.Join(errs...)
}
