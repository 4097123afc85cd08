package proc

import (
	"os"
	"strings"
	"sync"
)

// Machine identifies this machine beyond its hostname, which two machines
// sharing one Docker daemon may have in common: systemd's machine id
// (/etc/machine-id, or D-Bus's copy), "" where there is none (not Linux,
// a minimal image). It never changes while the machine lives.
var Machine = sync.OnceValue(func() string {
	for _, f := range []string{"/etc/machine-id", "/var/lib/dbus/machine-id"} {
		if b, err := os.ReadFile(f); err == nil {
			if id := strings.TrimSpace(string(b)); id != "" {
				return id
			}
		}
	}
	return ""
})
