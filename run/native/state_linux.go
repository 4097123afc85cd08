package native

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/sshell/sshell/run"
)

// labelsFile holds a run's labels in its state directory.
const labelsFile = "labels.json"

// newID is a run's id: its state directory's and cgroup's name, and (its
// first 12 characters) the sandbox's hostname.
func newID() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// makeState creates the run's state directory with its labels.
func (r *Runner) makeState(id string, spec run.Spec) (string, error) {
	dir := filepath.Join(r.state, id)
	if err := os.Mkdir(dir, 0o700); err != nil {
		if err := os.MkdirAll(r.state, 0o700); err != nil {
			return "", fmt.Errorf("making the run's state directory: %w", err)
		}
		if err := os.Mkdir(dir, 0o700); err != nil {
			return "", fmt.Errorf("making the run's state directory: %w", err)
		}
	}
	b, err := json.Marshal(run.OwnerLabels(spec, r.host))
	if err == nil {
		err = os.WriteFile(filepath.Join(dir, labelsFile), b, 0o600)
	}
	if err != nil {
		os.RemoveAll(dir)
		return "", fmt.Errorf("writing the run's labels: %w", err)
	}
	return dir, nil
}

// readLabels reads the labels of the run whose state directory is dir.
func readLabels(dir string) (map[string]string, error) {
	b, err := os.ReadFile(filepath.Join(dir, labelsFile))
	if err != nil {
		return nil, err
	}
	var l map[string]string
	return l, json.Unmarshal(b, &l)
}
