// Package repo keeps team-shared manifest repositories: git repositories
// cloned under $XDG_DATA_HOME/sshell/repos/NAME, whose manifests form the
// team layer of resolve (docs/manifests.md). The list of repos, their order
// and what each last checked out are recorded in one small JSON state file,
// so that reading them on the hot path costs one file read and no git.
package repo

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/adrg/xdg"
)

// Repo is one team repo as the state file records it.
type Repo struct {
	Name        string    `json:"name"`
	URL         string    `json:"url"`
	Ref         string    `json:"ref,omitempty"`          // branch, tag or commit; empty: the remote's HEAD
	Pin         string    `json:"pin,omitempty"`          // the commit it is pinned to; it never moves
	Commit      string    `json:"commit"`                 // the commit checked out: the last good state
	ManifestDir string    `json:"manifest_dir,omitempty"` // "manifests" or "" (the root)
	Updated     time.Time `json:"updated"`                // the last successful update
	Checked     time.Time `json:"checked"`                // the last attempt, successful or not
	Error       string    `json:"error,omitempty"`        // why the last attempt failed; empty if it worked
	Warned      bool      `json:"warned,omitempty"`       // Error has been shown to the user once
}

// State is the state file: the repos in the order they were added, lowest
// precedence first.
type State struct {
	Repos []Repo `json:"repos"`
}

// Find returns the repo called name.
func (st *State) Find(name string) (*Repo, bool) {
	for i := range st.Repos {
		if st.Repos[i].Name == name {
			return &st.Repos[i], true
		}
	}
	return nil, false
}

// Store is where the repos live: Root/repos.json, Root/repos.lock and the
// clones in Root/repos/NAME.
type Store struct{ Root string }

// Default is the user's store, $XDG_DATA_HOME/sshell (xdg reads the
// environment once; tests call xdg.Reload after changing it).
func Default() Store { return Store{Root: filepath.Join(xdg.DataHome, "sshell")} }

// ManifestDir is where r's manifests are: its root, or its manifests/.
func (s Store) ManifestDir(r Repo) string { return filepath.Join(s.Dir(r.Name), r.ManifestDir) }

func (s Store) statePath() string { return filepath.Join(s.Root, "repos.json") }

// State reads the state file; a missing file is no repos.
func (s Store) State() (State, error) {
	var st State
	data, err := os.ReadFile(s.statePath())
	if errors.Is(err, fs.ErrNotExist) {
		return st, nil
	}
	if err == nil {
		err = json.Unmarshal(data, &st)
	}
	if err != nil {
		return State{}, fmt.Errorf("reading the team repos' state %s: %w", s.statePath(), err)
	}
	return st, nil
}

// save replaces the state file atomically, so a reader never sees half.
func (s Store) save(st State) error {
	data, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(s.Root, 0o755); err != nil {
		return fmt.Errorf("saving the team repos' state: %w", err)
	}
	tmp, err := os.CreateTemp(s.Root, ".repos.json.*")
	if err != nil {
		return fmt.Errorf("saving the team repos' state: %w", err)
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.Write(append(data, '\n'))
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), s.statePath())
	}
	if err != nil {
		return fmt.Errorf("saving the team repos' state: %w", err)
	}
	return nil
}
