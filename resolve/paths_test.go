package resolve

import (
	"path/filepath"
	"testing"

	"github.com/adrg/xdg"
)

// setConfigHome points XDG_CONFIG_HOME at dir for the test. xdg.Reload is
// registered first so it runs last, after t.Setenv has restored the variable.
func setConfigHome(t *testing.T, dir string) {
	t.Helper()
	t.Cleanup(xdg.Reload)
	t.Setenv("XDG_CONFIG_HOME", dir)
	xdg.Reload()
}

func TestUserDirHonoursXDG(t *testing.T) {
	dir := t.TempDir()
	setConfigHome(t, dir)
	if got, want := UserDir(), filepath.Join(dir, "sshell", "manifests"); got != want {
		t.Errorf("UserDir() = %q, want %q", got, want)
	}
}

func TestUserDirDefault(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	setConfigHome(t, "")
	if got, want := UserDir(), filepath.Join(home, ".config", "sshell", "manifests"); got != want {
		t.Errorf("UserDir() = %q, want %q", got, want)
	}
}
