package sandbox

import (
	"fmt"
	"strings"
)

// capabilities maps the names Docker's --cap-add takes to their numbers
// (linux/capability.h). Hand-written: none of our dependencies has the
// table, and it is the kernel's ABI.
var capabilities = map[string]uintptr{
	"CHOWN": 0, "DAC_OVERRIDE": 1, "DAC_READ_SEARCH": 2, "FOWNER": 3, "FSETID": 4, "KILL": 5,
	"SETGID": 6, "SETUID": 7, "SETPCAP": 8, "LINUX_IMMUTABLE": 9, "NET_BIND_SERVICE": 10,
	"NET_BROADCAST": 11, "NET_ADMIN": 12, "NET_RAW": 13, "IPC_LOCK": 14, "IPC_OWNER": 15,
	"SYS_MODULE": 16, "SYS_RAWIO": 17, "SYS_CHROOT": 18, "SYS_PTRACE": 19, "SYS_PACCT": 20,
	"SYS_ADMIN": 21, "SYS_BOOT": 22, "SYS_NICE": 23, "SYS_RESOURCE": 24, "SYS_TIME": 25,
	"SYS_TTY_CONFIG": 26, "MKNOD": 27, "LEASE": 28, "AUDIT_WRITE": 29, "AUDIT_CONTROL": 30,
	"SETFCAP": 31, "MAC_OVERRIDE": 32, "MAC_ADMIN": 33, "SYSLOG": 34, "WAKE_ALARM": 35,
	"BLOCK_SUSPEND": 36, "AUDIT_READ": 37, "PERFMON": 38, "BPF": 39, "CHECKPOINT_RESTORE": 40,
}

// capNumbers turns names ("NET_RAW", "CAP_NET_RAW", any case) into numbers;
// "ALL" is every capability.
func capNumbers(names []string) ([]uintptr, error) {
	var out []uintptr
	for _, n := range names {
		key := strings.TrimPrefix(strings.ToUpper(n), "CAP_")
		if key == "ALL" {
			out = out[:0]
			for _, c := range capabilities {
				out = append(out, c)
			}
			return out, nil
		}
		c, ok := capabilities[key]
		if !ok {
			return nil, fmt.Errorf("unknown capability %q", n)
		}
		out = append(out, c)
	}
	return out, nil
}
