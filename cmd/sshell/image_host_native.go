package main

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/google/go-containerregistry/pkg/name"

	"github.com/sshell/sshell/internal/proc"
	"github.com/sshell/sshell/run"
	"github.com/sshell/sshell/run/native"
	"github.com/sshell/sshell/run/native/store"
)

// nativeHost is the native runtime's image store as an imageHost. Every
// image in it was pulled by sshell; which ones the cache may act on still
// comes from the call records, as for Docker.
type nativeHost struct {
	s *store.Store
}

// openNativeHost opens the store the native runner uses
// (native.DefaultStoreDir), creating it when missing.
func openNativeHost() (*nativeHost, error) {
	s, err := store.Open(native.DefaultStoreDir(), nativeStoreOptions()...)
	if err != nil {
		return nil, err
	}
	return &nativeHost{s: s}, nil
}

func (n *nativeHost) runtime() string { return runtimeNative }

func (n *nativeHost) close() error { return nil }

// local finds ref among the store's references (any platform; the largest
// when several), read without touching their last use. A digest
// reference that only a tag's pull recorded (no reference of its own, as
// after a pin) is looked up directly.
func (n *nativeHost) local(ctx context.Context, ref string) (localImage, bool, error) {
	r, err := name.ParseReference(ref)
	if err != nil {
		return localImage{}, false, nil // not a reference the store could hold
	}
	entries, err := n.s.List(ctx)
	if err != nil {
		return localImage{}, false, err
	}
	var img localImage
	found := false
	for _, e := range entries {
		if e.Ref == r.Name() && (!found || e.Size > img.Size) {
			img, found = localImage{Size: e.Size, Digest: e.Digest, ID: e.ID}, true
		}
	}
	if _, isDigest := r.(name.Digest); !found && isDigest {
		if got, err := n.s.Get(ctx, ref, ""); err == nil {
			img, found = localImage{Size: got.Size, Digest: got.Digest, ID: got.ID}, true
		} else if !errors.Is(err, run.ErrImageNotFound) {
			return localImage{}, false, err
		}
	}
	return img, found, nil
}

func (n *nativeHost) pull(ctx context.Context, ref, platform string) (string, error) {
	img, _, err := n.s.Pull(ctx, ref, platform, nil)
	if err != nil {
		return "", err
	}
	return img.Digest, nil
}

func (n *nativeHost) remove(ctx context.Context, ref string) error { return n.s.Remove(ctx, ref) }

// tidy collects what tags that moved on left behind, unless a native run
// is in progress: it may run such an image (a tag an upgrade moved while
// it ran), and a later gc collects.
func (n *nativeHost) tidy(ctx context.Context) error {
	runs, err := nativeRuns()
	if err != nil || len(liveRuns(runs)) > 0 {
		return err
	}
	return n.s.Collect(ctx)
}

// nativeUsage are the commands of the native runs in progress: a run's
// state records its command, not its image, so every image of a running
// command is in use.
type nativeUsage map[string]bool

func (u nativeUsage) uses(_ localImage, command string) bool { return u[command] }

func (n *nativeHost) usage(context.Context) (imageUsage, error) {
	runs, err := nativeRuns()
	if err != nil {
		return nil, err
	}
	u := nativeUsage{}
	for _, r := range liveRuns(runs) {
		u[r.labels[run.LabelCommand]] = true
	}
	return u, nil
}

// nativeRun is one run's state directory in native.DefaultStateDir().
type nativeRun struct {
	id, dir string
	labels  map[string]string // nil when it has none (yet)
	live    bool              // its owner lives, or it is another host's
	started time.Time         // when its labels were written: the run's start
}

// nativeRuns reads the native runtime's state directory: one directory per
// run, with labels.json (docs/native.md). run/native exports no listing of
// its runs, so its layout is read here.
func nativeRuns() ([]nativeRun, error) {
	dir := native.DefaultStateDir()
	ents, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	host, _ := os.Hostname()
	var runs []nativeRun
	for _, e := range ents {
		if !e.IsDir() || filepath.Join(dir, e.Name()) == native.ReadyDir(dir) { // the keepers': their sandboxes are runs of their own
			continue
		}
		r := nativeRun{id: e.Name(), dir: filepath.Join(dir, e.Name())}
		if fi, err := os.Stat(filepath.Join(r.dir, "labels.json")); err == nil {
			r.started = fi.ModTime()
		}
		if b, err := os.ReadFile(filepath.Join(r.dir, "labels.json")); err == nil && json.Unmarshal(b, &r.labels) == nil {
			pid, err := strconv.Atoi(r.labels[run.LabelOwnerPID])
			r.live = r.labels[run.LabelOwnerHost] != host || (err == nil && pid > 0 && proc.Alive(pid, r.labels[run.LabelOwnerStart]))
		}
		runs = append(runs, r)
	}
	return runs, nil
}

// liveRuns are the runs whose owner lives.
func liveRuns(runs []nativeRun) []nativeRun {
	var out []nativeRun
	for _, r := range runs {
		if r.live {
			out = append(out, r)
		}
	}
	return out
}
