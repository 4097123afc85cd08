package resolve

import (
	"path/filepath"

	"github.com/adrg/xdg"
)

// UserDir is the user's manifest directory: $XDG_CONFIG_HOME/sshell/manifests,
// ~/.config/sshell/manifests by default. xdg reads the environment once;
// after changing it (in tests), call xdg.Reload.
func UserDir() string {
	return filepath.Join(xdg.ConfigHome, "sshell", "manifests")
}
