// Package proc tells whether the process that made something (a container,
// a native run) still lives: by its pid and, on Linux, its start time, so
// that a later process reusing the pid does not count.
package proc
