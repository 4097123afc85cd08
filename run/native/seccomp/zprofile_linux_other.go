//go:build linux && !amd64 && !386 && !arm64 && !arm

package seccomp

import "golang.org/x/sys/unix"

// hostTable is nil where go-seccomp-bpf, which generates the tables, has
// no syscall numbers: Build fails there.
var hostTable *table

var (
	noCapsKernel  [2]uint16
	noCapsProgram []unix.SockFilter
)
