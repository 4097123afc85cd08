package main

import (
	"context"
	"fmt"
	"os"
	"text/tabwriter"
	"time"

	"github.com/sshell/sshell/resolve/repo"
)

// backgroundTimeout bounds a background update, so a hung remote cannot
// hold the lock (and so stop updates) for ever.
const backgroundTimeout = 10 * time.Minute

func repoUpdate(ctx context.Context, s *streams, args []string) error {
	fs := newFlagSet(verbs["repo"])
	background := fs.Bool("background", false, "")
	names, err := parseAnywhere(fs, s, args)
	if err != nil {
		return err
	}
	store := repo.Default()
	if *background { // started by startBackgroundUpdate, stdio on /dev/null
		ctx, cancel := context.WithTimeout(ctx, backgroundTimeout)
		defer cancel()
		_ = store.UpdateStale(ctx, repo.TTL(os.Getenv), time.Now()) // failures are in the state
		return nil
	}
	before, _ := store.State()
	st, err := store.Update(ctx, names...)
	for _, r := range st.Repos {
		if old, ok := before.Find(r.Name); ok && r.Error == "" && (len(names) == 0 || contains(names, r.Name)) {
			fmt.Fprintln(s.out, updateLine(*old, r))
		}
	}
	return err
}

func updateLine(old, r repo.Repo) string {
	if old.Commit == r.Commit {
		return fmt.Sprintf("%s: at %s, up to date", r.Name, repo.Short(r.Commit))
	}
	return fmt.Sprintf("%s: %s -> %s", r.Name, repo.Short(old.Commit), repo.Short(r.Commit))
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func repoList(_ context.Context, s *streams, args []string) error {
	fs := newFlagSet(verbs["repo"])
	pos, err := parseAnywhere(fs, s, args)
	if err == nil && len(pos) != 0 {
		err = &usageError{verb: "repo", err: fmt.Errorf("repo list takes no arguments")}
	}
	if err != nil {
		return err
	}
	st, err := repo.Default().State()
	if err != nil || len(st.Repos) == 0 {
		fmt.Fprintln(s.out, "no team repos: add one with `sshell repo add NAME URL`")
		return err
	}
	tw := tabwriter.NewWriter(s.out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tREF\tCOMMIT\tUPDATED\tURL")
	for _, r := range st.Repos {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.Name, pinLabel(r), repo.Short(r.Commit), r.Updated.Local().Format(time.DateTime), r.URL)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, r := range st.Repos {
		if r.Error != "" {
			fmt.Fprintf(s.out, "%s: last update failed: %s\n", r.Name, oneLine(r.Error))
		}
	}
	return nil
}
