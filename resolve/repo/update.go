package repo

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"
)

// Update fetches the repos named (all when none) and checks out what their
// refs name now; a pinned repo stays. A repo that fails keeps its last good
// commit, and the failure is recorded for a warning (once). The error joins
// one error per failed repo.
func (s Store) Update(ctx context.Context, names ...string) (State, error) {
	unlock, _, err := s.lock(true)
	if err != nil {
		return State{}, err
	}
	defer unlock()
	return s.update(ctx, names, func(Repo) bool { return true })
}

// UpdateStale updates the repos not tried for ttl, unless another process
// holds the lock (then it returns at once: that one is updating).
func (s Store) UpdateStale(ctx context.Context, ttl time.Duration, now time.Time) error {
	unlock, ok, err := s.lock(false)
	if !ok || err != nil {
		return err
	}
	defer unlock()
	_, err = s.update(ctx, nil, func(r Repo) bool { return r.Stale(ttl, now) })
	return err
}

func (s Store) update(ctx context.Context, names []string, want func(Repo) bool) (State, error) {
	st, err := s.State()
	if err != nil {
		return st, err
	}
	var errs []error
	for _, name := range names {
		if _, ok := st.Find(name); !ok {
			errs = append(errs, fmt.Errorf("repo %s: %w", name, ErrUnknown))
		}
	}
	for i, r := range st.Repos {
		if (len(names) == 0 || contains(names, r.Name)) && want(r) {
			st.Repos[i], err = s.fetch(ctx, r)
			errs = append(errs, err)
		}
	}
	return st, errors.Join(append(errs, s.save(st))...)
}

// ErrUnknown: no repo has that name.
var ErrUnknown = errors.New("no such team repo (see `sshell repo list`)")

// fetch brings one repo up to date, or records why it could not.
func (s Store) fetch(ctx context.Context, r Repo) (Repo, error) {
	now := time.Now()
	if r.Pin != "" {
		r.Checked = now
		return r, nil
	}
	if _, err := os.Stat(s.gitDir(r.Name)); errors.Is(err, fs.ErrNotExist) {
		return s.reclone(ctx, r) // the clone was deleted by hand
	}
	_, err := git(ctx, s.gitDir(r.Name), "fetch", "--quiet", "--prune", "--tags", "--force", "origin")
	updated := r
	if err == nil {
		updated, err = s.checkout(ctx, r)
	}
	if err == nil {
		return updated, nil
	}
	if r.Error != err.Error() {
		r.Warned = false // a new failure is worth one more warning
	}
	r.Checked, r.Error = now, err.Error()
	return r, fmt.Errorf("repo %s: updating from %s: %w (keeping commit %s)", r.Name, r.URL, err, Short(r.Commit))
}

// reclone clones r afresh, keeping its record when that fails.
func (s Store) reclone(ctx context.Context, r Repo) (Repo, error) {
	fresh, err := s.clone(ctx, r)
	if err == nil {
		return fresh, nil
	}
	if r.Error != err.Error() {
		r.Warned = false
	}
	r.Checked, r.Error = time.Now(), err.Error()
	return r, err
}

// Stale says whether r is due for a background update: not pinned, and
// not tried for ttl.
func (r Repo) Stale(ttl time.Duration, now time.Time) bool {
	return r.Pin == "" && ttl > 0 && now.Sub(r.Checked) >= ttl
}

// Remove forgets the repo called name and deletes its clone.
func (s Store) Remove(name string) error {
	unlock, _, err := s.lock(true)
	if err != nil {
		return err
	}
	defer unlock()
	st, err := s.State()
	if err != nil {
		return err
	}
	if _, ok := st.Find(name); !ok {
		return fmt.Errorf("repo %s: %w", name, ErrUnknown)
	}
	st.Repos = deleteRepo(st.Repos, name)
	if err := s.save(st); err != nil {
		return err
	}
	return s.removeFiles(name)
}

func deleteRepo(repos []Repo, name string) []Repo {
	out := repos[:0]
	for _, r := range repos {
		if r.Name != name {
			out = append(out, r)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Short is the first 12 hex digits of a commit hash.
func Short(commit string) string {
	if len(commit) > 12 {
		return commit[:12]
	}
	return commit
}
