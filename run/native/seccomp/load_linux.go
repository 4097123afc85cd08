package seccomp

import (
	"fmt"
	"unsafe"

	"golang.org/x/sys/unix"
)

// Load builds (see Build) and installs the filter on every thread of the
// calling process. The caller must have set no_new_privs
// (PR_SET_NO_NEW_PRIVS) unless it has CAP_SYS_ADMIN; Load does not set it.
func Load(capAdd []string) error {
	f, err := Build(capAdd)
	if err != nil {
		return err
	}
	return f.Load()
}

// LoadThread installs f on the calling thread only: a thread restricted
// ahead of time, from which a process is forked later, inheriting it. It
// needs no_new_privs on that thread, or CAP_SYS_ADMIN.
func (f *Filter) LoadThread() error { return f.load(0) }

// Load installs f on every thread of the calling process
// (SECCOMP_FILTER_FLAG_TSYNC). The system call is made here rather than
// through go-seccomp-bpf's LoadFilter because that one assembles its
// policy again on every call.
func (f *Filter) Load() error { return f.load(unix.SECCOMP_FILTER_FLAG_TSYNC) }

func (f *Filter) load(flags uintptr) error {
	if len(f.prog) == 0 || len(f.prog) > 0xffff {
		return fmt.Errorf("installing seccomp filter: %d instructions", len(f.prog))
	}
	fprog := unix.SockFprog{Len: uint16(len(f.prog)), Filter: &f.prog[0]}
	r, _, errno := unix.Syscall(unix.SYS_SECCOMP, unix.SECCOMP_SET_MODE_FILTER,
		flags, uintptr(unsafe.Pointer(&fprog)))
	if errno != 0 {
		if errno == unix.EACCES {
			return fmt.Errorf("installing seccomp filter: %w (set no_new_privs first)", errno)
		}
		return fmt.Errorf("installing seccomp filter: %w", errno)
	}
	if r != 0 {
		// With TSYNC, a positive result is a thread that could not be
		// synchronised (it has a diverging filter).
		return fmt.Errorf("installing seccomp filter: thread %d could not be synchronised", r)
	}
	return nil
}
