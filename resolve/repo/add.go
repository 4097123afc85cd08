package repo

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"
)

// ErrBadRef: the --ref or --pin names nothing in the repo.
var ErrBadRef = errors.New("not a branch, tag or commit of the repo")

// nameSyntax and hexSyntax compile on first use: the hook's typo path
// imports this package and must not pay for them.
var nameSyntax = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`) })

// check refuses names that could leave the repos directory and refs git
// would read as options.
func (r Repo) check() error {
	switch {
	case !nameSyntax().MatchString(r.Name):
		return fmt.Errorf("repo name %q: use letters, digits, '.', '_' and '-', starting with a letter or digit", r.Name)
	case r.URL == "" || strings.HasPrefix(r.URL, "-"):
		return fmt.Errorf("repo %s: %q is not a git URL", r.Name, r.URL)
	case strings.HasPrefix(r.Ref, "-") || strings.HasPrefix(r.Pin, "-"):
		return fmt.Errorf("repo %s: a ref must not start with '-'", r.Name)
	}
	return nil
}

// Add clones r (Name, URL and optionally Ref or Pin), checks out its ref
// and records it as the highest team repo. Nothing is left behind when it
// fails.
func (s Store) Add(ctx context.Context, r Repo) (Repo, error) {
	if err := r.check(); err != nil {
		return r, err
	}
	unlock, _, err := s.lock(true)
	if err != nil {
		return r, err
	}
	defer unlock()
	st, err := s.State()
	if err != nil {
		return r, err
	}
	if _, dup := st.Find(r.Name); dup {
		return r, fmt.Errorf("repo %s is already added: remove it first, or pick another name", r.Name)
	}
	if r, err = s.clone(ctx, r); err != nil {
		return r, err
	}
	st.Repos = append(st.Repos, r)
	return r, s.save(st)
}

// clone makes a fresh clone of r and checks out its ref.
func (s Store) clone(ctx context.Context, r Repo) (Repo, error) {
	if err := s.removeFiles(r.Name); err != nil { // a leftover of a failed add
		return r, fmt.Errorf("repo %s: %w", r.Name, err)
	}
	if err := os.MkdirAll(s.hidden(r.Name), 0o755); err != nil {
		return r, fmt.Errorf("repo %s: %w", r.Name, err)
	}
	_, err := git(ctx, s.hidden(r.Name), "clone", "--quiet", "--no-checkout", "--", r.URL, s.gitDir(r.Name))
	if err == nil {
		r, err = s.checkout(ctx, r)
	}
	if err != nil {
		s.removeFiles(r.Name)
		return r, fmt.Errorf("repo %s: cloning %s: %w", r.Name, r.URL, err)
	}
	return r, nil
}

// checkout moves r to the commit its ref or pin names now and records it.
// On failure the files and r are as they were.
func (s Store) checkout(ctx context.Context, r Repo) (Repo, error) {
	commit, err := target(ctx, s.gitDir(r.Name), r)
	if err == nil {
		err = s.export(ctx, r.Name, commit)
	}
	if err != nil {
		return r, err
	}
	r.Commit, r.ManifestDir = commit, ""
	if fi, err := os.Stat(filepath.Join(s.Dir(r.Name), "manifests")); err == nil && fi.IsDir() {
		r.ManifestDir = "manifests"
	}
	if r.Pin != "" {
		r.Pin = commit // the full hash, whatever the user typed
	}
	r.Updated, r.Error, r.Warned = time.Now(), "", false
	r.Checked = r.Updated
	return r, nil
}

// target is the commit r should be at: its pin; else its ref as a remote
// branch, a tag or a commit hash; else the remote's HEAD.
func target(ctx context.Context, dir string, r Repo) (string, error) {
	ref, candidates := r.Ref, []string{"refs/remotes/origin/HEAD"}
	switch {
	case r.Pin != "":
		ref, candidates = r.Pin, []string{r.Pin}
	case r.Ref != "":
		candidates = []string{"refs/remotes/origin/" + r.Ref, "refs/tags/" + r.Ref}
		if hexSyntax().MatchString(r.Ref) {
			candidates = append(candidates, r.Ref)
		}
	}
	for _, c := range candidates {
		if commit, err := git(ctx, dir, "rev-parse", "--verify", "--quiet", c+"^{commit}"); err == nil {
			return commit, nil
		} else if errors.Is(err, ErrNoGit) || ctx.Err() != nil {
			return "", err
		}
	}
	if ref == "" {
		return "", errors.New("the remote has no default branch: add it with --ref BRANCH")
	}
	return "", fmt.Errorf("%q: %w", ref, ErrBadRef)
}

var hexSyntax = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[0-9a-fA-F]{4,64}$`) })
