package native

import (
	"os"
	"path/filepath"
	"strconv"

	"github.com/adrg/xdg"
)

// DefaultStoreDir is where images are kept: $XDG_DATA_HOME/sshell/store.
func DefaultStoreDir() string { return filepath.Join(xdg.DataHome, "sshell", "store") }

// DefaultStateDir is where runs keep their state while they run: on a tmpfs
// that is cleared at boot, /run/sshell/native for root, else
// $XDG_RUNTIME_DIR/sshell/native (or a directory of the user's own in the
// temporary directory when there is no runtime directory).
func DefaultStateDir() string {
	if os.Geteuid() == 0 {
		return "/run/sshell/native"
	}
	if d := os.Getenv("XDG_RUNTIME_DIR"); d != "" {
		return filepath.Join(d, "sshell", "native")
	}
	return filepath.Join(os.TempDir(), "sshell-"+strconv.Itoa(os.Geteuid()), "native")
}

// readyDirName holds, in the state directory, one directory per kind of
// call that a keeper (Keep) keeps a sandbox ready for: the keeper's lock
// and the ready sandbox's socket. The sweep leaves it alone.
const readyDirName = ".ready"

// ReadyDir is where, in the state directory stateDir, the keepers of
// ready sandboxes keep their locks and sockets: not runs, though their
// sandboxes are.
func ReadyDir(stateDir string) string { return filepath.Join(stateDir, readyDirName) }
