package sandbox

import (
	"bufio"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"

	"github.com/sshell/sshell/run/native/seccomp"
)

// credential is who the tool runs as: cfg.User looked up in the root's
// /etc/passwd and /etc/group as Docker does, root when empty. In a user
// namespace the tool is the caller (root in the namespace): nil.
func credential(cfg *Config) (*syscall.Credential, error) {
	if cfg.UserNS {
		return nil, nil
	}
	user, group, hasGroup := strings.Cut(cfg.User, ":")
	uid, gid, err := lookupUser(user)
	if err != nil {
		return nil, err
	}
	if hasGroup {
		if gid, err = lookupGroup(group); err != nil {
			return nil, err
		}
	}
	return &syscall.Credential{Uid: uid, Gid: gid, Groups: []uint32{}}, nil
}

// lookupUser returns the uid of a name or number, and its primary gid (0
// for a number the image's /etc/passwd does not know).
func lookupUser(user string) (uint32, uint32, error) {
	if user == "" {
		user = "0"
	}
	n, numErr := strconv.ParseUint(user, 10, 32)
	for _, f := range dbEntries("/etc/passwd", 4) {
		if f[0] == user || (numErr == nil && f[2] == user) {
			uid, err1 := strconv.ParseUint(f[2], 10, 32)
			gid, err2 := strconv.ParseUint(f[3], 10, 32)
			if err1 == nil && err2 == nil {
				return uint32(uid), uint32(gid), nil
			}
		}
	}
	if numErr != nil {
		return 0, 0, fmt.Errorf("unable to find user %s: no matching entries in passwd file", user)
	}
	return uint32(n), 0, nil
}

// lookupGroup returns the gid of a name or number.
func lookupGroup(group string) (uint32, error) {
	if n, err := strconv.ParseUint(group, 10, 32); err == nil {
		return uint32(n), nil
	}
	for _, f := range dbEntries("/etc/group", 3) {
		if f[0] == group {
			if gid, err := strconv.ParseUint(f[2], 10, 32); err == nil {
				return uint32(gid), nil
			}
		}
	}
	return 0, fmt.Errorf("unable to find group %s: no matching entries in group file", group)
}

// dbEntries are the colon-separated lines of file with at least n fields;
// none when the image has no such file.
func dbEntries(file string, n int) [][]string {
	f, err := os.Open(file)
	if err != nil {
		return nil
	}
	defer f.Close()
	var out [][]string
	s := bufio.NewScanner(f)
	for s.Scan() {
		if fields := strings.Split(s.Text(), ":"); len(fields) >= n {
			out = append(out, fields)
		}
	}
	return out
}

// restrict takes the init's privileges away before it starts the tool,
// which inherits what is left: a bounding set of cfg.CapAdd only,
// no_new_privs and Docker's default seccomp profile (run/native/seccomp).
// Privileged keeps them all.
func restrict(cfg *Config) error {
	if cfg.Privileged {
		return nil
	}
	f, err := seccomp.Build(cfg.CapAdd)
	if err != nil {
		return err
	}
	return restrictWith(cfg, f)
}

// restrictWith is restrict with the seccomp filter built already,
// installed on every thread.
func restrictWith(cfg *Config, f *seccomp.Filter) error { return restrictThreads(cfg, f, f.Load) }

// restrictThreads is restrictWith, with load installing the filter.
func restrictThreads(cfg *Config, f *seccomp.Filter, load func() error) error {
	if cfg.Privileged {
		return nil
	}
	keep, err := capNumbers(cfg.CapAdd)
	if err != nil {
		return err
	}
	// Up to the last capability this kernel knows: PR_CAPBSET_READ fails
	// past it (cheaper than /proc/sys/kernel/cap_last_cap in a new netns).
	for c := uintptr(0); ; c++ {
		if _, err := unix.PrctlRetInt(unix.PR_CAPBSET_READ, c, 0, 0, 0); err != nil {
			break
		}
		if slices.Contains(keep, c) {
			continue
		}
		if err := unix.Prctl(unix.PR_CAPBSET_DROP, c, 0, 0, 0); err != nil {
			return fmt.Errorf("dropping capability %d: %w", c, err)
		}
	}
	if err := unix.Prctl(unix.PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0); err != nil {
		return fmt.Errorf("setting no_new_privs: %w", err)
	}
	return load()
}

// toolAttr is how the init starts the tool: as the credential, with the
// ambient capabilities a non-root user needs to keep cfg.CapAdd, and, with
// a terminal, in a session of its own with stdin as its controlling tty.
func toolAttr(cfg *Config, cred *syscall.Credential) *syscall.SysProcAttr {
	attr := &syscall.SysProcAttr{Credential: cred, Setsid: true}
	if cfg.TTY {
		attr.Setctty, attr.Ctty = true, 0
	}
	if cred != nil && cred.Uid != 0 && !cfg.Privileged {
		if caps, err := capNumbers(cfg.CapAdd); err == nil {
			attr.AmbientCaps = caps
		}
	}
	return attr
}
