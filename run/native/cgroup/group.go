package cgroup

// Group is the cgroup (v2) or the set of per-controller cgroups (v1) of one
// run. Its methods are safe to call from any goroutine, though not
// concurrently with Remove.
type Group struct {
	id string
	v2 bool
	// dirs holds one directory per hierarchy the run was placed in: the
	// single unified one on v2; on v1 the memory, cpu and pids hierarchies
	// (fewer when controllers share a mount), memory first.
	dirs []string
	// mem is the directory holding the memory controller's files, "" when
	// the group has no memory controller.
	mem string
}

// Path is the group's directory, for diagnostics: the unified one on v2,
// the memory hierarchy's on v1.
func (g *Group) Path() string {
	if len(g.dirs) == 0 {
		return ""
	}
	return g.dirs[0]
}

// ID is the id the group was created with.
func (g *Group) ID() string { return g.id }
