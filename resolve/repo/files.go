package repo

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// A repo's files: Root/repos/.NAME/git is the clone (no work tree of its
// own), Root/repos/.NAME/COMMIT a plain copy of the files of one commit,
// and Root/repos/NAME a symbolic link to the current copy. Moving to a new
// commit writes a new copy beside the old one and then swaps the link
// (rename(2) is atomic): a command reading the manifests meanwhile sees
// the old commit or the new one, never half of each, and a failed update
// leaves the last good copy in place. The previous copy stays until the
// next update, for readers that were in it.

// Dir is the repo called name, as the manifests' paths show it.
func (s Store) Dir(name string) string { return filepath.Join(s.Root, "repos", name) }

func (s Store) hidden(name string) string { return filepath.Join(s.Root, "repos", "."+name) }
func (s Store) gitDir(name string) string { return filepath.Join(s.hidden(name), "git") }

// export writes the files of commit into their own copy and points the
// repo's link at it.
func (s Store) export(ctx context.Context, name, commit string) error {
	dest := filepath.Join(s.hidden(name), commit)
	if _, err := os.Stat(dest); errors.Is(err, fs.ErrNotExist) {
		if err := s.copyOut(ctx, name, commit, dest); err != nil {
			return err
		}
	}
	old, _ := os.Readlink(s.Dir(name))
	link := filepath.Join(s.Root, "repos", ".link-"+name)
	os.Remove(link)
	if err := os.Symlink(filepath.Join("."+name, commit), link); err != nil {
		return fmt.Errorf("switching to commit %s: %w", Short(commit), err)
	}
	if err := os.Rename(link, s.Dir(name)); err != nil {
		return fmt.Errorf("switching to commit %s: %w", Short(commit), err)
	}
	s.prune(name, commit, filepath.Base(old))
	return nil
}

// copyOut checks the files of commit out into dest, through a temporary
// directory and index, so that dest is complete or absent.
func (s Store) copyOut(ctx context.Context, name, commit, dest string) error {
	tmp, err := os.MkdirTemp(s.hidden(name), ".export-")
	if err != nil {
		return fmt.Errorf("checking out %s: %w", Short(commit), err)
	}
	defer os.RemoveAll(tmp)
	index := []string{"GIT_INDEX_FILE=" + filepath.Join(tmp, ".index")}
	files := filepath.Join(tmp, "files")
	if err := os.Mkdir(files, 0o755); err != nil {
		return err
	}
	gitDir := filepath.Join(s.gitDir(name), ".git")
	if _, err := gitEnv(ctx, files, index, "--git-dir="+gitDir, "--work-tree=.", "checkout", "--quiet", "--force", commit, "--", "."); err != nil {
		return err
	}
	return os.Rename(files, dest)
}

// prune removes the copies other than the current and the previous one.
func (s Store) prune(name string, keep ...string) {
	entries, _ := os.ReadDir(s.hidden(name))
	for _, e := range entries {
		if n := e.Name(); n != "git" && !contains(keep, n) {
			os.RemoveAll(filepath.Join(s.hidden(name), n))
		}
	}
}

// removeFiles deletes everything of the repo called name.
func (s Store) removeFiles(name string) error {
	return errors.Join(os.RemoveAll(s.Dir(name)), os.RemoveAll(s.hidden(name)))
}
