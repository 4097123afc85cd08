package docker

import "testing"

// runc's messages, as this daemon (runc 1.1.5) said them without tini.
func TestExecFailed(t *testing.T) {
	for msg, want := range map[string]bool{
		`Error response from daemon: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "/bin/missing": stat /bin/missing: no such file or directory: unknown`: true,
		`Error response from daemon: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "/bin/notexec": permission denied: unknown`:                            true,
		`Error response from daemon: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "missing": executable file not found in $PATH: unknown`:                true,
		// Older runc.
		`OCI runtime create failed: container_linux.go:349: starting container process caused "exec: \"x\": executable file not found in $PATH": unknown`: true,
		// The daemon's init, not the command (not observed here).
		`Error response from daemon: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "/sbin/docker-init": stat /sbin/docker-init: no such file or directory: unknown`: false,
		// A mount, not the command.
		`Error response from daemon: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: error mounting "/x" to rootfs at "/y": stat /x: no such file or directory: unknown`: false,
	} {
		if got := execFailed(msg); got != want {
			t.Errorf("execFailed(%q) = %v, want %v", msg, got, want)
		}
	}
}
