package repo

import (
	"strconv"
	"time"
)

// DefaultTTL is how long a repo goes without a background update.
const DefaultTTL = time.Hour

// TTL reads SSHELL_REPO_TTL: a duration ("30m", "1h"), or "0"/"off" for no
// background updates; unset or unreadable, DefaultTTL.
func TTL(getenv func(string) string) time.Duration {
	v := getenv("SSHELL_REPO_TTL")
	if v == "off" {
		return 0
	}
	if d, err := time.ParseDuration(v); err == nil && d >= 0 {
		return d
	}
	if n, err := strconv.Atoi(v); err == nil && n >= 0 {
		return time.Duration(n) * time.Second
	}
	return DefaultTTL
}

// TakeWarnings returns the repos whose last update failed and that have
// not been reported yet, and records them as reported, so each failure is
// shown once. When another process holds the lock it returns nothing (the
// next call will).
func (s Store) TakeWarnings() []Repo {
	unlock, ok, err := s.lock(false)
	if !ok || err != nil {
		return nil
	}
	defer unlock()
	st, err := s.State()
	if err != nil {
		return nil
	}
	var out []Repo
	for i, r := range st.Repos {
		if r.Error != "" && !r.Warned {
			st.Repos[i].Warned = true
			out = append(out, r)
		}
	}
	if len(out) == 0 || s.save(st) != nil {
		return nil
	}
	return out
}

// Unwarned says whether a warning is due: a cheap check on a state already
// read, before TakeWarnings takes the lock.
func (st State) Unwarned() bool {
	for _, r := range st.Repos {
		if r.Error != "" && !r.Warned {
			return true
		}
	}
	return false
}

// Busy says whether another process holds the lock (an update is running).
func (s Store) Busy() bool {
	unlock, ok, err := s.lock(false)
	if ok && err == nil {
		unlock()
	}
	return !ok && err == nil
}
