package cache

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/adrg/xdg"
)

// Pulled remembers every image reference a call pulled, beyond the call
// log's rotation, so that gc and purge never forget an image sshell
// pulled: one small JSON file, rewritten whole (write then rename) under
// an flock on Path.lock. Only cold calls write it, and they have just
// spent seconds pulling.
type Pulled struct {
	Path string
}

// PulledRef is what is kept of a reference's pulls.
type PulledRef struct {
	Command string        `json:"command"`
	Last    time.Time     `json:"last"`    // the latest call that pulled it
	Pull    time.Duration `json:"pull_ns"` // what that pull took
	// Runtimes are the runtimes whose images hold it (Record.Runtime),
	// each noted once; none in files from before runtimes: Docker.
	Runtimes []string `json:"runtimes,omitempty"`
}

// On reports whether ref was pulled onto the runtime rt.
func (p PulledRef) On(rt string) bool {
	if len(p.Runtimes) == 0 {
		return rt == RuntimeDocker
	}
	return slices.Contains(p.Runtimes, rt)
}

// DefaultPulled is $XDG_STATE_HOME/sshell/pulled.json.
func DefaultPulled() *Pulled {
	return &Pulled{Path: filepath.Join(xdg.StateHome, "sshell", "pulled.json")}
}

// Load reads the references; a missing file is none.
func (p *Pulled) Load() (map[string]PulledRef, error) {
	refs := map[string]PulledRef{}
	b, err := os.ReadFile(p.Path)
	if errors.Is(err, os.ErrNotExist) {
		return refs, nil
	}
	if err == nil {
		err = json.Unmarshal(b, &refs)
	}
	if err != nil {
		return refs, fmt.Errorf("reading the pulled images %s: %w", p.Path, err)
	}
	return refs, nil
}

// Note records that a call pulled ref.
func (p *Pulled) Note(ref string, r PulledRef) error {
	if err := os.MkdirAll(filepath.Dir(p.Path), 0o700); err != nil {
		return fmt.Errorf("creating the directory of %s: %w", p.Path, err)
	}
	unlock, err := lockWait(p.Path + ".lock")
	if err != nil {
		return err
	}
	defer unlock()
	refs, err := p.Load()
	if err != nil {
		refs = map[string]PulledRef{} // a damaged file is rebuilt from here on
	}
	old, had := refs[cut(ref)]
	if had && len(old.Runtimes) == 0 {
		old.Runtimes = []string{RuntimeDocker}
	}
	rts := old.Runtimes
	for _, rt := range r.Runtimes {
		if !slices.Contains(rts, rt) {
			rts = append(slices.Clone(rts), rt)
		}
	}
	if had && old.Last.After(r.Last) {
		if len(rts) == len(old.Runtimes) {
			return nil
		}
		r = old
	}
	r.Runtimes = rts
	refs[cut(ref)] = r
	b, err := json.MarshalIndent(refs, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding the pulled images: %w", err)
	}
	tmp := p.Path + ".tmp"
	if err := os.WriteFile(tmp, append(b, '\n'), 0o600); err != nil {
		return fmt.Errorf("writing %s: %w", tmp, err)
	}
	if err := os.Rename(tmp, p.Path); err != nil {
		return fmt.Errorf("writing %s: %w", p.Path, err)
	}
	return nil
}
