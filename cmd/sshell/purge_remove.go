package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/adrg/xdg"

	"github.com/sshell/sshell/run/docker"
)

func (l purgeList) print(s *streams, verb string) {
	for _, c := range l.containers {
		fmt.Fprintf(s.out, "%s container %.12s\n", verb, c)
	}
	for _, v := range l.volumes {
		fmt.Fprintf(s.out, "%s volume %s\n", verb, v)
	}
	for _, i := range l.images {
		fmt.Fprintf(s.out, "%s image %s (if the daemon holds it)\n", verb, i)
	}
	l.native.print(s, verb)
	for _, d := range l.dirs {
		fmt.Fprintf(s.out, "%s directory %s\n", verb, d)
	}
	l.printKept(s, "would keep")
}

// printKept names what purge leaves, and why.
func (l purgeList) printKept(s *streams, verb string) {
	for _, c := range l.kept {
		fmt.Fprintf(s.out, "%s container %.12s: a running sshell, or sshell on another host, owns it\n", verb, c)
	}
	fmt.Fprintf(s.out, "%s your configuration and manifests in %s\n", verb, filepath.Join(xdg.ConfigHome, "sshell"))
}

// remove removes containers first (they hold their images), then volumes,
// images, the native runtime's leftovers and store, and the directories
// last, as they hold the records of the images.
func (l purgeList) remove(ctx context.Context, s *streams) error {
	var errs []error
	r := l.docker
	for _, c := range l.containers {
		errs = append(errs, report(s, "container "+c[:min(12, len(c))], r.RemoveContainer(ctx, c)))
	}
	for _, v := range l.volumes {
		errs = append(errs, report(s, "volume "+v, r.RemoveVolume(ctx, v)))
	}
	for _, i := range l.images {
		removed, err := r.RemoveImage(ctx, i)
		if errors.Is(err, docker.ErrImageInUse) { // a container of the user's: theirs to remove
			fmt.Fprintf(s.out, "kept image %s: a container that is not sshell's uses it\n", i)
			continue
		}
		if removed || err != nil {
			errs = append(errs, report(s, "image "+i, err))
		}
	}
	errs = append(errs, l.native.remove(ctx, s))
	if l.dockerLeft > 0 {
		errs = append(errs, fmt.Errorf("the Docker daemon is down: %d image reference(s) sshell pulled there were not removed", l.dockerLeft))
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("%w; the records are kept, run `sshell purge --yes` again", err)
	}
	for _, d := range l.dirs {
		errs = append(errs, report(s, "directory "+d, os.RemoveAll(d)))
	}
	l.printKept(s, "kept")
	return errors.Join(errs...)
}

// report prints "removed WHAT" when err is nil, and returns err.
func report(s *streams, what string, err error) error {
	if err == nil {
		fmt.Fprintf(s.out, "removed %s\n", what)
	}
	return err
}
