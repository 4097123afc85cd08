package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	units "github.com/docker/go-units"

	"github.com/sshell/sshell/resolve"
	"github.com/sshell/sshell/run"
)

// boundOptions are the run flags that change the isolation and the limits
// (docs/security.md).
type boundOptions struct {
	limits     run.Limits
	capAdd     []string
	mounts     []run.Mount
	rwRoot     bool
	privileged bool
}

func (b *boundOptions) define(fs *flag.FlagSet) {
	fs.Func("memory", "", func(s string) (err error) { b.limits.Memory, err = resolve.ParseSize(s); return err })
	fs.Func("cpus", "", func(s string) (err error) { b.limits.CPUs, err = resolve.ParseCPUs(s); return err })
	fs.Func("pids", "", func(s string) (err error) { b.limits.PIDs, err = resolve.ParsePIDs(s); return err })
	fs.Func("timeout", "", func(s string) (err error) { b.limits.Timeout, err = resolve.ParseTimeout(s); return err })
	fs.Func("cap-add", "", b.addCap)
	fs.Func("mount", "", b.addMount)
	fs.BoolVar(&b.rwRoot, "read-write-root", false, "")
	fs.BoolVar(&b.privileged, "privileged", false, "")
}

func (b *boundOptions) addCap(s string) error {
	c, err := resolve.ParseCap(s)
	b.capAdd = append(b.capAdd, c)
	return err
}

// addMount takes SRC[:DST][:ro]: SRC is a host path (relative to the
// current directory) that must exist, DST an absolute path in the
// container (default: SRC's absolute path).
func (b *boundOptions) addMount(s string) error {
	parts := strings.Split(s, ":")
	m := run.Mount{}
	if n := len(parts); n > 1 && (parts[n-1] == "ro" || parts[n-1] == "rw") {
		m.ReadOnly, parts = parts[n-1] == "ro", parts[:n-1]
	}
	if len(parts) > 2 || parts[0] == "" {
		return fmt.Errorf("use SRC[:DST][:ro]")
	}
	src, err := filepath.Abs(parts[0])
	if err == nil {
		_, err = os.Stat(src)
	}
	if err != nil {
		return err
	}
	m.Source, m.Target = src, src
	if len(parts) == 2 {
		if m.Target = parts[1]; !filepath.IsAbs(m.Target) {
			return fmt.Errorf("DST %q must be an absolute path", m.Target)
		}
	}
	b.mounts = append(b.mounts, m)
	return nil
}

// apply sets in spec the manifest's bounds and capabilities, then the
// flags' (a flag's limit overrides the manifest's), and warns on stderr
// when the tool is not isolated.
func (b *boundOptions) apply(s *streams, t resolve.Tool, spec *run.Spec) {
	spec.Limits = runLimits(t.Limits)
	override(&spec.Limits.Memory, b.limits.Memory)
	override(&spec.Limits.CPUs, b.limits.CPUs)
	override(&spec.Limits.PIDs, b.limits.PIDs)
	override(&spec.Limits.Timeout, b.limits.Timeout)
	spec.CapAdd = append(slices.Clone(t.CapAdd), b.capAdd...)
	spec.Mounts, spec.ReadWriteRoot, spec.Privileged = append(manifestMounts(t), b.mounts...), b.rwRoot, b.privileged
	if b.privileged {
		fmt.Fprintf(s.err, "sshell: WARNING: --privileged: %s runs with every capability and device of this host and no seccomp: it is NOT isolated\n", spec.Command)
	}
}

// manifestMounts are t's mounts as the runner takes them. A mount whose
// source does not exist on this host is left out, so that a manifest can
// offer a configuration directory (~/.kube) to those who have one.
func manifestMounts(t resolve.Tool) []run.Mount {
	var out []run.Mount
	for _, m := range t.Mounts {
		if _, err := os.Stat(m.Source); err == nil {
			out = append(out, run.Mount{Source: m.Source, Target: m.Target, ReadOnly: m.ReadOnly})
		}
	}
	return out
}

// runLimits are a manifest's limits as the runner takes them.
func runLimits(l resolve.Limits) run.Limits {
	return run.Limits{Memory: l.Memory, CPUs: l.CPUs, PIDs: l.PIDs, Timeout: l.Timeout}
}

// override sets *dst to v when v is set.
func override[T comparable](dst *T, v T) {
	var zero T
	if v != zero {
		*dst = v
	}
}

// stoppedBy is the error for a run that a bound stopped, nil otherwise.
// table names the manifest's limits table, empty for --image.
func stoppedBy(spec run.Spec, res run.Result, table string) error {
	l := spec.Limits.Effective()
	e := &boundError{command: spec.Command, kind: res.Stopped, table: table}
	switch res.Stopped {
	case run.StoppedMemory:
		e.what, e.flag = "memory limit "+units.BytesSize(float64(l.Memory)), "--memory"
	case run.StoppedTimeout:
		e.what, e.flag = "timeout "+l.Timeout.String(), "--timeout"
	default:
		return nil
	}
	return e
}

// limitsTable is where t's manifest sets its limits, empty for --image.
func limitsTable(t resolve.Tool) string {
	if t.Source.File == "" {
		return ""
	}
	return "[tools." + t.Name + ".limits]"
}

// boundError is a tool stopped by a bound of its run; exitcode.go decides
// its code.
type boundError struct {
	command, kind, what, flag, table string
}

func (e *boundError) Error() string {
	how := e.flag
	if e.table != "" {
		how += " or " + e.table
	}
	return fmt.Sprintf("%s stopped: %s reached (raise it with %s)", e.command, e.what, how)
}
