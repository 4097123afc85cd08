package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/sshell/sshell/resolve"
	"github.com/sshell/sshell/resolve/repo"
)

// loadManifests reads every manifest layer for a run or the hook, then
// looks after the team repos without waiting on them: a stale repo starts
// a background update, and w (nil: say nothing, as `hook --known` must)
// gets a one-time warning per repo that failed to update. No git runs
// here: the repos' commits and times come from their state file.
func loadManifests(w io.Writer) (*resolve.Set, error) {
	set, layers, err := resolve.LoadAll()
	upkeep(w, layers, repo.TTL(os.Getenv), time.Now())
	return set, err
}

// findManifest is loadManifests for one command: the same tool, answer
// and error, through the manifest directories' name index, which parses
// only the file that defines name (none for a typo).
func findManifest(w io.Writer, name string) (resolve.Tool, bool, error) {
	t, ok, layers, err := resolve.Find(name)
	upkeep(w, layers, repo.TTL(os.Getenv), time.Now())
	return t, ok, err
}

func upkeep(w io.Writer, layers []resolve.Layer, ttl time.Duration, now time.Time) {
	var stale, unwarned bool
	for _, l := range layers {
		if r := l.Repo; r != nil {
			stale = stale || r.Stale(ttl, now)
			unwarned = unwarned || (r.Error != "" && !r.Warned)
		}
	}
	if stale {
		startBackgroundUpdate()
	}
	if unwarned && w != nil {
		for _, r := range repo.Default().TakeWarnings() {
			fmt.Fprintln(w, repoWarning(r))
		}
	}
}

func repoWarning(r repo.Repo) string {
	return oneLine(fmt.Sprintf("sshell: warning: team repo %s could not be updated (%s): using commit %s; retry with `sshell repo update %s`",
		r.Name, r.Error, repo.Short(r.Commit), r.Name))
}
