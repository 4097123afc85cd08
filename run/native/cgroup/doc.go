// Package cgroup puts one sandboxed run in a cgroup of its own and bounds
// its memory, CPU and pids (run.Limits), on both cgroup v2 and v1.
//
// A run's life: New(id, limits) creates the group and writes the limits;
// Add(pid) moves the tool's first process in (its children are born
// there); OOMKilled tells a memory kill from other deaths; Kill kills
// everything left; Remove deletes the group. List and Open find leftovers.
//
// Versions. v1 is used whenever a v1 hierarchy carries the memory, cpu or
// pids controller, which includes the "hybrid" layout (/sys/fs/cgroup a
// tmpfs of v1 hierarchies plus a controller-less cgroup2 at
// /sys/fs/cgroup/unified). Otherwise the unified cgroup2 hierarchy is used.
// The layout is read once per process from /proc/self/mountinfo and
// /proc/self/cgroup.
//
// Placement. Root gets "sshell" at the root of each hierarchy (on v2 the
// root's cgroup.subtree_control gets +memory +pids +cpu); other users get
// it under their own cgroup (v1) or beside it (v2), which is where a
// delegated subtree lets them write. The reasons are in detect's comment.
// Runs of root are not bounded by the caller's own cgroup's limits, as with
// Docker's cgroupfs driver.
//
// Limits. Memory: v1 memory.limit_in_bytes and memory.memsw.limit_in_bytes
// (when swap accounting exists), v2 memory.max and memory.swap.max = 0, so
// swap is no way out; reaching it gets the OOM killer. CPU: a CFS quota of
// CPUs × 100 ms per 100 ms period (v1 cpu.cfs_quota_us, v2 cpu.max). Pids:
// pids.max; a fork past it fails with EAGAIN. A negative limit writes
// nothing (no bound).
//
// Cost. The hot path is syscalls only, no directory walks: on v1 one
// mkdir, the limit writes and one rmdir per hierarchy (three here:
// memory, cpu, pids), and one cgroup.procs write per hierarchy in Add.
// BenchmarkNewAddRemove measures it.
//
// Outside Linux every call fails with "cgroups are not supported on GOOS",
// so callers compile everywhere.
package cgroup
