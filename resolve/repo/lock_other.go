//go:build !unix

package repo

// lock is a no-op where flock(2) is missing: background updates are off
// there (cmd/sshell never starts one), so only the user's own commands
// change the repos.
func (s Store) lock(bool) (func(), bool, error) { return func() {}, true, nil }
