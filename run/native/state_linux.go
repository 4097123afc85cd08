package native

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strconv"
	"sync"

	"github.com/sshell/sshell/internal/proc"
	"github.com/sshell/sshell/run"
)

// labelOwnerStart records when the owner process started (its start time
// in clock ticks after boot), so that a reused pid does not keep a stale
// run's state alive. The same key as the docker runner's.
const labelOwnerStart = "io.sshell.owner.start"

// labelsFile holds a run's labels in its state directory.
const labelsFile = "labels.json"

// selfStart is this process's start time for labelOwnerStart.
var selfStart = sync.OnceValue(func() string { return proc.Start(os.Getpid()) })

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
	b, err := json.Marshal(r.labels(spec))
	if err == nil {
		err = os.WriteFile(filepath.Join(dir, labelsFile), b, 0o600)
	}
	if err != nil {
		os.RemoveAll(dir)
		return "", fmt.Errorf("writing the run's labels: %w", err)
	}
	return dir, nil
}

// labels are spec.Labels plus sshell's own, which spec cannot override.
func (r *Runner) labels(spec run.Spec) map[string]string {
	l := make(map[string]string, len(spec.Labels)+5)
	maps.Copy(l, spec.Labels)
	l[run.LabelManaged] = "true"
	l[run.LabelCommand] = spec.Command
	l[run.LabelOwnerPID] = strconv.Itoa(os.Getpid())
	l[run.LabelOwnerHost] = r.host
	if s := selfStart(); s != "" {
		l[labelOwnerStart] = s
	}
	return l
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
