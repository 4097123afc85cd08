// Package sandbox starts one process in a fresh set of Linux namespaces with
// an image's layers as its root file system: the native runtime's container.
//
// The parent (sshell) calls Start, which re-executes the running binary
// (/proc/self/exe) as the sandbox's init, pid 1 of a new pid namespace, with
// new mount, ipc and uts namespaces (and net, and user when not root). The
// init reads its Config from a pipe, mounts the root (an overlay of the
// read-only layers), /proc, a minimal /dev, a bounded tmpfs at /tmp and the
// bind mounts, pivots into the root, drops privileges and then, once the
// parent says go (after it put the init into the run's cgroup), starts the
// tool as its child. It reaps every orphan, forwards the signals the parent
// sends it, and exits with the tool's code (128+N for death by signal N).
//
// A binary that starts sandboxes must call Init first thing in main (and a
// test binary in TestMain): in the re-executed init it never returns.
// See docs/native.md.
package sandbox

// Config is one sandboxed process, as plain data sent to the init.
type Config struct {
	// ID names the run: the hostname is its first 12 characters.
	ID string `json:"id"`
	// State is the run's own directory on the host: it holds skel (the
	// mount points, a lower layer above the image's) and root (where the
	// root is mounted). Start fills skel.
	State string `json:"state"`
	// Layers are the image's read-only layer directories, bottom first.
	Layers []string `json:"layers,omitempty"`
	// Flat, when set, is a merged root directory bound read-only instead of
	// the overlay of Layers (the store's flattened copy, where overlayfs is
	// unavailable).
	Flat string `json:"flat,omitempty"`
	// ReadWriteRoot gives the root a throwaway upper layer on a tmpfs.
	ReadWriteRoot bool `json:"rw,omitempty"`
	// Binds are host paths mounted in the root: the working directory, the
	// spec's mounts, and /etc/resolv.conf and /etc/hosts with a network.
	Binds []Bind `json:"binds,omitempty"`
	// Tmp is the size of the tmpfs at /tmp in bytes; negative: unbounded.
	// No tmpfs is mounted when a bind targets /tmp.
	Tmp int64 `json:"tmp"`
	// HostNetwork keeps the host's network namespace; otherwise the tool
	// gets a new one holding only a loopback interface.
	HostNetwork bool `json:"hostNet,omitempty"`

	// Args is the command line; Args[0] is looked up in Env's PATH inside
	// the root unless it holds a slash.
	Args []string `json:"args"`
	// Env is the tool's complete environment.
	Env []string `json:"env"`
	// Dir is the working directory inside the root.
	Dir string `json:"dir"`
	// User is "uid[:gid]" or "name[:group]", looked up in the root's
	// /etc/passwd and /etc/group; empty is root.
	User string `json:"user,omitempty"`
	// CapAdd lists the capabilities ("NET_RAW" or "CAP_NET_RAW") the tool
	// keeps; every other one is dropped.
	CapAdd []string `json:"capAdd,omitempty"`
	// Privileged keeps every capability and the host's devices, and skips
	// no_new_privs and seccomp.
	Privileged bool `json:"privileged,omitempty"`
	// TTY makes the tool a session leader with its stdin as its
	// controlling terminal.
	TTY bool `json:"tty,omitempty"`
	// UserNS says the init runs in a user namespace (not root on the host):
	// devices are bound from the host rather than created, and the user is
	// the caller, mapped to root.
	UserNS bool `json:"userns,omitempty"`

	// Ready, when set, makes the init a ready sandbox: it sets up what
	// does not depend on the call (Args, Env, Dir, User, TTY and the
	// working directory's bind are left out), listens on a Unix socket at
	// this host path, and serves the one call that connects (see Claim).
	Ready string `json:"ready,omitempty"`
}

// Protocol is the version of what a call and a ready sandbox say to each
// other: a sandbox kept by another sshell binary (older, or the other of
// the lean and full builds) serves a call only when it is the same.
const Protocol = 1

// Request is what a call hands a ready sandbox: the parts of the Config
// that a ready sandbox was set up without.
type Request struct {
	Protocol int      `json:"protocol"` // Protocol
	Args     []string `json:"args"`
	Env      []string `json:"env"`
	Dir      string   `json:"dir"`
	User     string   `json:"user,omitempty"`
	TTY      bool     `json:"tty,omitempty"`
	// Go starts the tool as soon as the sandbox is set up, without waiting
	// for Call.Go's word (which then only waits for the start): for a
	// caller with nothing to do between the two, such as setting its
	// terminal raw.
	Go bool `json:"go,omitempty"`
	// Hostname fills the value of Env's "HOSTNAME=" in with the sandbox's
	// hostname: the caller learns the sandbox's ID only from its answer.
	Hostname bool `json:"hostname,omitempty"`
	// Binds are the call's host paths (its working directory, mounts, and
	// with the host's network resolv.conf and hosts), bound from the
	// sandbox's copy of the host's mounts as they are now. Each carries
	// the identity the caller sees there: a sandbox whose copy shows
	// another file (a file system mounted since it was set up) refuses
	// the call rather than run the tool on the wrong one.
	Binds []CallBind `json:"binds,omitempty"`
}

// CallBind is a bind of a call, with its source's device and inode.
type CallBind struct {
	Bind
	Dev uint64 `json:"dev"`
	Ino uint64 `json:"ino"`
}

// Bind is a host path made visible in the root.
type Bind struct {
	Source   string `json:"src"`
	Target   string `json:"dst"`
	ReadOnly bool   `json:"ro,omitempty"`
	File     bool   `json:"file,omitempty"` // the source is not a directory
}
