package resolve

import (
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// Limits are a tool's bounds, [tools.NAME.limits]. A zero field keeps
// sshell's default (docs/security.md); -1 (written "unlimited") lifts the
// bound.
type Limits struct {
	Memory  int64         // bytes
	CPUs    float64       // CPUs' worth of time
	PIDs    int64         // processes and threads
	Timeout time.Duration // wall-clock; 0: none
}

// Unlimited is how a manifest or a flag lifts a bound.
const Unlimited = "unlimited"

// ParseSize reads a positive size in binary units: 512m, 2g, 1GiB, 300MB
// (all powers of 1024), 4096 (bytes); or "unlimited", -1. Written by hand:
// resolve imports only the standard library and TOML (the CLI's flags share
// this grammar).
func ParseSize(s string) (int64, error) {
	if s == Unlimited {
		return -1, nil
	}
	m := sizeSyntax.FindStringSubmatch(strings.ToLower(s))
	if m == nil {
		return 0, fmt.Errorf("%q is not a size such as 512m, 2g or 1GiB, or %s", s, Unlimited)
	}
	n, err := strconv.ParseFloat(m[1], 64)
	n *= float64(int64(1) << (10 * strings.Index("_kmgt", m[2]))) // "" is at 0
	if err != nil || n < 1 || n > 1<<62 {
		return 0, fmt.Errorf("%q is out of range", s)
	}
	return int64(n), nil
}

var sizeSyntax = regexp.MustCompile(`^(\d+(?:\.\d+)?) ?([kmgt]?)(?:i?b)?$`)

// ParseCPUs reads a number of CPUs above 0 (0.5, 2), or "unlimited", -1.
func ParseCPUs(s string) (float64, error) {
	if s == Unlimited {
		return -1, nil
	}
	n, err := strconv.ParseFloat(s, 64)
	if err != nil || n <= 0 || n > 1e6 {
		return 0, fmt.Errorf("%q is not a number of CPUs above 0, such as 0.5 or 2, or %s", s, Unlimited)
	}
	return n, nil
}

// ParsePIDs reads a number of processes above 0, or "unlimited", -1.
func ParsePIDs(s string) (int64, error) {
	if s == Unlimited {
		return -1, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("%q is not a number of processes above 0, or %s", s, Unlimited)
	}
	return n, nil
}

// ParseTimeout reads a duration above 0: 30s, 5m, 1h30m, or plain seconds
// as timeout(1) takes them (90, 2.5).
func ParseTimeout(s string) (time.Duration, error) {
	d, err := time.ParseDuration(s)
	if n, nerr := strconv.ParseFloat(s, 64); nerr == nil {
		d, err = time.Duration(n*float64(time.Second)), nil
	}
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("%q is not a duration such as 30s or 5m", s)
	}
	return d, nil
}

var capSyntax = regexp.MustCompile(`^[A-Z][A-Z0-9_]*$`)

// ParseCap reads a capability name, with or without "CAP_", in any case,
// and returns it as Docker writes it: "cap_net_raw" is "NET_RAW".
func ParseCap(s string) (string, error) {
	c := strings.TrimPrefix(strings.ToUpper(s), "CAP_")
	if !capSyntax.MatchString(c) {
		return "", fmt.Errorf("%q is not a capability name such as NET_RAW", s)
	}
	return c, nil
}

// capList reads cap_add: an array of capability names.
func capList(v any) ([]string, error) {
	list, err := entrypointLike(v)
	for i := 0; err == nil && i < len(list); i++ {
		list[i], err = ParseCap(list[i])
	}
	return list, err
}

// entrypointLike reads v as an array of strings, without entrypoint's
// checks.
func entrypointLike(v any) ([]string, error) {
	list, ok := v.([]any)
	if !ok {
		return nil, fmt.Errorf("must be an array of strings, not %s", typeName(v))
	}
	out := make([]string, len(list))
	for i, e := range list {
		if out[i], ok = e.(string); !ok {
			return nil, fmt.Errorf("element %d must be a string, not %s", i, typeName(e))
		}
	}
	return out, nil
}

// limits reads the limits table, reporting each bad key at its own line.
func (d *doc) limits(v any, at toml.Key) Limits {
	var l Limits
	fields, _ := d.table(v, at)
	for _, k := range slices.Sorted(maps.Keys(fields)) {
		if err := l.set(k, fields[k]); errors.Is(err, errUnknownKey) {
			d.unknown(child(at, k))
		} else if err != nil {
			d.fail(child(at, k), err)
		}
	}
	return l
}

var errUnknownKey = errors.New("unknown key")

// set reads one key of the limits table. Numbers may be written bare
// (cpus = 0.5, pids = 100); sizes and durations are strings.
func (l *Limits) set(key string, v any) (err error) {
	s, isString := v.(string)
	switch n := v.(type) {
	case int64:
		s = strconv.FormatInt(n, 10)
	case float64:
		s = strconv.FormatFloat(n, 'g', -1, 64)
	}
	switch {
	case key != "memory" && key != "cpus" && key != "pids" && key != "timeout":
		return errUnknownKey
	case s == "" && !isString:
		return fmt.Errorf("must be a string or a number, not %s", typeName(v))
	case key == "memory" && isString:
		l.Memory, err = ParseSize(s)
	case key == "memory":
		return errors.New(`must be a string with its unit, such as "512m" or "2g"`)
	case key == "cpus":
		l.CPUs, err = ParseCPUs(s)
	case key == "pids":
		l.PIDs, err = ParsePIDs(s)
	default:
		l.Timeout, err = ParseTimeout(s)
	}
	return err
}
