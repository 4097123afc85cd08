package cache

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/adrg/xdg"
)

// Upgrades is the digest history of each command, with its pin and the
// time its tag was last checked: one JSON file, read and written whole
// under an flock on Path.lock (docs/upgrades.md).
type Upgrades struct {
	Path string
}

// DefaultUpgrades is the state at $XDG_STATE_HOME/sshell/upgrades.json.
func DefaultUpgrades() *Upgrades {
	return &Upgrades{Path: filepath.Join(xdg.StateHome, "sshell", "upgrades.json")}
}

// UpgradeState is every tracked command, by name.
type UpgradeState struct {
	Commands map[string]*Tracked `json:"commands"`
}

// Tracked is one command's image and the digests its tag has had.
type Tracked struct {
	Image   string    `json:"image"`            // the tag reference the manifest names
	History []Change  `json:"history"`          // oldest first
	Checked time.Time `json:"checked"`          // the tag's digest was last looked at
	Pinned  string    `json:"pinned,omitempty"` // the digest runs are held to
	// TagPulled: sshell pulled the tag itself (an upgrade check, a
	// prefetch), so purge may remove it. A run's own pull is in the call
	// records instead; a digest seen on a warm run was not sshell's pull.
	TagPulled bool `json:"tag_pulled,omitempty"`
}

// Change is one digest the tag pointed to, from when sshell saw it.
type Change struct {
	Digest string    `json:"digest"`
	Seen   time.Time `json:"seen"`
	Pulled bool      `json:"pulled,omitempty"` // by an upgrade check or a prefetch (see TagPulled)
}

// Load reads the state; a missing file is an empty state.
func (u *Upgrades) Load() (UpgradeState, error) {
	st := UpgradeState{Commands: map[string]*Tracked{}}
	b, err := os.ReadFile(u.Path)
	if errors.Is(err, os.ErrNotExist) {
		return st, nil
	}
	if err == nil {
		err = json.Unmarshal(b, &st)
	}
	if err != nil {
		return st, fmt.Errorf("reading the upgrade state %s: %w", u.Path, err)
	}
	if st.Commands == nil {
		st.Commands = map[string]*Tracked{}
	}
	return st, nil
}

// Update applies fn to the state under the lock and writes it back
// (atomically, by rename) unless fn fails.
func (u *Upgrades) Update(fn func(*UpgradeState) error) error {
	if err := os.MkdirAll(filepath.Dir(u.Path), 0o700); err != nil {
		return fmt.Errorf("creating the upgrade state's directory: %w", err)
	}
	unlock, err := lockWait(u.Path + ".lock")
	if err != nil {
		return err
	}
	defer unlock()
	st, err := u.Load()
	if err != nil {
		return err
	}
	if err := fn(&st); err != nil {
		return err
	}
	return u.write(st)
}

func (u *Upgrades) write(st UpgradeState) error {
	b, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding the upgrade state: %w", err)
	}
	tmp := u.Path + ".tmp"
	if err := os.WriteFile(tmp, append(b, '\n'), 0o600); err != nil {
		return fmt.Errorf("writing the upgrade state: %w", err)
	}
	if err := os.Rename(tmp, u.Path); err != nil {
		return fmt.Errorf("writing the upgrade state: %w", err)
	}
	return nil
}

// TryCheckLock takes the lock of the upgrade check without waiting; ok is
// false when another process is checking.
func (u *Upgrades) TryCheckLock() (unlock func(), ok bool, err error) {
	if err := os.MkdirAll(filepath.Dir(u.Path), 0o700); err != nil {
		return nil, false, fmt.Errorf("creating the upgrade state's directory: %w", err)
	}
	return tryLock(u.Path + ".check.lock")
}

// Busy reports whether a check is under way.
func (u *Upgrades) Busy() bool {
	unlock, ok, err := u.TryCheckLock()
	if ok {
		unlock()
	}
	return err == nil && !ok
}
