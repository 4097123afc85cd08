package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/adrg/xdg"

	"github.com/sshell/sshell/cache"
	"github.com/sshell/sshell/run/docker"
)

func init() {
	register(&verb{name: "purge", summary: "remove everything sshell created", help: purgeHelpText, run: runPurge})
}

const purgeHelpText = `Usage: sshell purge [--yes]

Remove every container, volume, image, file and directory sshell created:
on Docker, containers and volumes labelled io.sshell.managed=true and the
images sshell pulled (from its call records and digest history; never an
image you pulled or built yourself, and never a tag you added); the
native runtime's image store, the state and cgroups its runs left, and
its ready sandboxes (their keepers are stopped: SIGTERM, then SIGKILL
after 5s, which also ends a call one is running); and
sshell's state, cache and data directories (call records, pins and digest
history, team repo clones). When the Docker daemon is down, its part is
skipped, with a note, and the rest goes. Your configuration and manifests in $XDG_CONFIG_HOME/sshell
are kept: remove that directory yourself if you want them gone.

Without --yes, lists what would be removed and exits 2.
See docs/upgrades.md.
`

// purgeList is what sshell created and purge removes.
type purgeList struct {
	docker                            *docker.Runner // nil: Docker is skipped (daemon down)
	containers, volumes, images, dirs []string
	kept                              []string // containers a live sshell runs a tool in, or another host's
	dockerLeft                        int      // Docker skipped: images sshell pulled there, left for a later purge
	native                            nativePurge
}

func runPurge(ctx context.Context, s *streams, args []string) error {
	v := verbs["purge"]
	fs := newFlagSet(v)
	yes := fs.Bool("yes", false, "")
	if err := parseFlags(fs, v, s, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return &usageError{verb: v.name, err: errors.New("purge takes no arguments")}
	}
	l, err := listPurge(ctx, s)
	if l.docker != nil {
		defer l.docker.Close()
	}
	if err != nil {
		return err
	}
	if !*yes {
		l.print(s, "would remove")
		return &usageError{verb: v.name, err: errors.New("nothing removed: run `sshell purge --yes` to remove the above")}
	}
	return l.remove(ctx, s)
}

// listPurge finds what sshell created: on Docker (when its daemon answers;
// else a note on s.err), in the native runtime's store, state and cgroups,
// and sshell's directories. Docker's images come from the records: a
// reference is sshell's when a call on Docker pulled it (cold), or an
// upgrade check or a prefetch did, or the memory of pulled images says a
// call did (its record may have rotated away); one a run only found (warm)
// may be the user's.
func listPurge(ctx context.Context, s *streams) (purgeList, error) {
	var l purgeList
	var err error
	if l.native, err = listNativePurge(); err != nil {
		return l, err
	}
	l.dirs = sshellDirs()
	if h, err := openDockerHost(); err == nil {
		pctx, cancel := context.WithTimeout(ctx, dockerProbe)
		err = h.ping(pctx)
		cancel()
		h.close()
		if err != nil {
			return l.skipDocker(s, err)
		}
	}
	if l.docker, err = docker.New(); err != nil {
		return l.skipDocker(s, err)
	}
	if l.containers, l.kept, err = l.docker.ManagedContainers(ctx); err != nil {
		return l, err
	}
	if l.volumes, err = l.docker.ManagedVolumes(ctx); err != nil {
		return l, err
	}
	l.images, err = pulledRefs()
	return l, err
}

// skipDocker goes on without Docker (its daemon down: why), saying so.
// The images sshell pulled onto it stay listed in dockerLeft: the
// records that name them are then kept, so that a later purge finds them.
func (l purgeList) skipDocker(s *streams, why error) (purgeList, error) {
	fmt.Fprintln(s.err, oneLine("sshell: note: skipping Docker: "+why.Error()))
	refs, err := pulledRefs()
	l.dockerLeft = len(refs)
	return l, err
}

// pulledRefs are the image references sshell pulled onto Docker, sorted,
// once each.
func pulledRefs() ([]string, error) {
	recs, err := cache.DefaultLog().Read()
	if err != nil {
		return nil, err
	}
	st, err := cache.DefaultUpgrades().Load()
	if err != nil {
		return nil, err
	}
	remembered, err := cache.DefaultPulled().Load()
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for _, ref := range st.PulledRefs() {
		seen[ref] = true
	}
	for ref, p := range remembered { // pulled by calls whose records rotated away
		if p.On(runtimeDocker) {
			seen[ref] = true
		}
	}
	for _, rec := range recs {
		if rec.Cold && !rec.Failed && rec.On() == runtimeDocker {
			seen[rec.Image] = true
			if rec.Digest != "" {
				seen[cache.DigestRef(rec.Image, rec.Digest)] = true
			}
		}
	}
	refs := make([]string, 0, len(seen))
	for ref := range seen {
		refs = append(refs, ref)
	}
	sort.Strings(refs)
	return refs, nil
}

// sshellDirs are sshell's own directories that exist: state, cache, data.
func sshellDirs() []string {
	var dirs []string
	for _, base := range []string{xdg.StateHome, xdg.CacheHome, xdg.DataHome} {
		d := filepath.Join(base, "sshell")
		if _, err := os.Lstat(d); err == nil {
			dirs = append(dirs, d)
		}
	}
	return dirs
}
