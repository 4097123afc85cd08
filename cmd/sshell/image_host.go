package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/sshell/sshell/cache"
	"github.com/sshell/sshell/resolve"
	"github.com/sshell/sshell/run/native"
)

// imageHost is where a runtime keeps the images it pulled: the Docker
// daemon, or the native runtime's own store. The cache verbs (gc, ls,
// prefetch, upgrade, pin, the offline notice, stats' sizes, purge) speak
// only this, so each is written once for both runtimes. Images live where
// they were pulled: a call record names its runtime (cache.Record.On).
type imageHost interface {
	// runtime is the runtime whose images these are: runtimeDocker or
	// runtimeNative.
	runtime() string
	// local is the image held as ref; ok is false when it is not held.
	local(ctx context.Context, ref string) (img localImage, ok bool, err error)
	// usage is what runs in progress use now (Docker: sshell's containers,
	// running or not; native: the runs whose owner lives).
	usage(ctx context.Context) (imageUsage, error)
	// pull fetches ref for platform ("": the host's own) now, whatever is
	// held, and returns the registry digest it resolved to.
	pull(ctx context.Context, ref, platform string) (digest string, err error)
	// remove removes the reference ref, never by force: what another
	// reference or a run still holds stays.
	remove(ctx context.Context, ref string) error
	// tidy drops what no reference holds any more after removals and
	// upgrades (native: the layers of a tag that moved on); Docker keeps
	// those as REPO@DIGEST, which gc removes by name.
	tidy(ctx context.Context) error
	close() error
}

// localImage is an image a host holds.
type localImage struct {
	Size   int64  // bytes on disk
	Digest string // registry digest, "" when unknown
	ID     string // the host's own id (Docker: the image ID)
}

// imageUsage says whether a run in progress uses an image: img as the
// host holds it, last run by command.
type imageUsage interface {
	uses(img localImage, command string) bool
}

// hostFor opens the image host of runtime rt.
func hostFor(rt string) (imageHost, error) {
	if rt == runtimeNative {
		return openNativeHost()
	}
	return openDockerHost()
}

// runtimeHosts opens the host of the runtime each command runs on now
// (--runtime, "" when not given, else $SSHELL_RUNTIME, the config file's,
// auto, which sends a tool that needs a bridge network to Docker), each
// host once.
type runtimeHosts struct {
	flag  string
	hosts map[string]imageHost
}

func newRuntimeHosts(flag string) *runtimeHosts {
	return &runtimeHosts{flag: flag, hosts: map[string]imageHost{}}
}

// forTool is the host tool t runs on (t zero: a tool without a manifest).
func (r *runtimeHosts) forTool(t resolve.Tool) (imageHost, error) {
	rt, err := runtimeFor(r.flag, t.Network)
	if err != nil {
		return nil, err
	}
	if h, ok := r.hosts[rt]; ok {
		return h, nil
	}
	h, err := hostFor(rt)
	if err != nil {
		return nil, err
	}
	r.hosts[rt] = h
	return h, nil
}

func (r *runtimeHosts) close() error {
	var errs []error
	for _, h := range r.hosts {
		errs = append(errs, h.close())
	}
	return errors.Join(errs...)
}

// dockerProbe bounds how long gc, ls, stats and purge wait for the Docker
// daemon before going on with the native store alone.
const dockerProbe = 5 * time.Second

// allHosts opens every host that may hold sshell's images: Docker when its
// daemon answers (else one line to notes says it is skipped, and why), and
// the native store when it exists or native holds wanted images. Callers
// close each.
func allHosts(ctx context.Context, notes io.Writer, wantNative bool) []imageHost {
	var hosts []imageHost
	if d, err := openDockerHost(); err == nil {
		pctx, cancel := context.WithTimeout(ctx, dockerProbe)
		err = d.ping(pctx)
		cancel()
		if err == nil {
			hosts = append(hosts, d)
		} else {
			d.close()
			fmt.Fprintln(notes, oneLine("sshell: note: skipping Docker's images: "+err.Error()))
		}
	} else {
		fmt.Fprintln(notes, oneLine("sshell: note: skipping Docker's images: "+err.Error()))
	}
	if _, err := os.Stat(native.DefaultStoreDir()); err == nil || wantNative {
		if n, err := openNativeHost(); err == nil {
			hosts = append(hosts, n)
		} else {
			fmt.Fprintln(notes, oneLine("sshell: note: skipping the native store: "+err.Error()))
		}
	}
	return hosts
}

// closeHosts closes every host.
func closeHosts(hosts []imageHost) error {
	var errs []error
	for _, h := range hosts {
		errs = append(errs, h.close())
	}
	return errors.Join(errs...)
}

// cachedDigest is the digest of the image the host of runtime rt holds as
// ref (the offline notice's, and pin's default).
func cachedDigest(ctx context.Context, rt, ref string) (string, bool) {
	h, err := hostFor(rt)
	if err != nil {
		return "", false
	}
	defer h.close()
	img, ok, err := h.local(ctx, ref)
	return img.Digest, ok && err == nil
}

// recordsOn are the records of calls that ran on runtime rt.
func recordsOn(recs []cache.Record, rt string) []cache.Record {
	var out []cache.Record
	for _, r := range recs {
		if r.On() == rt {
			out = append(out, r)
		}
	}
	return out
}

// pulledOn are the remembered pulls onto runtime rt.
func pulledOn(remembered map[string]cache.PulledRef, rt string) map[string]cache.PulledRef {
	out := map[string]cache.PulledRef{}
	for ref, p := range remembered {
		if p.On(rt) {
			out[ref] = p
		}
	}
	return out
}

// markPulled notes in tr's history that sshell pulled digest (and the tag,
// when tag) onto host h, for purge and gc to know it as sshell's. Only
// Docker's pulls need it: the daemon holds the user's images too, while
// everything in the native store is sshell's (purge removes it whole, and
// its tidy drops what a tag left behind).
func markPulled(h imageHost, tr *cache.Tracked, digest string, tag bool) {
	if h.runtime() == runtimeDocker {
		tr.MarkPulled(digest, tag)
	}
}
