//go:build linux && !amd64 && !386 && !arm64 && !arm

package seccomp

// hostTable is nil where go-seccomp-bpf, which generates the tables, has
// no syscall numbers: Build fails there.
var hostTable *table
