package resolve

import (
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
)

// Schema is the manifest format version this sshell reads: a file may say
// `schema = 1` at its top.
const Schema = 1

// schema checks the top-level `schema` key; ok is false when the file
// declares a format this sshell cannot read, so none of it is used.
func (d *doc) schema(p toml.Primitive) (ok bool) {
	at := toml.Key{"schema"}
	switch n, isInt := d.value(p).(int64); {
	case !isInt:
		d.fail(at, fmt.Errorf("must be an integer, not %s", typeName(d.value(p))))
	case n != Schema:
		d.fail(at, fmt.Errorf("schema %d is not supported: this sshell reads schema %d (a newer sshell may read it)", n, Schema))
	default:
		return true
	}
	return false
}

// strings reads v as an array of strings with no NUL byte (args).
func stringList(v any) ([]string, error) {
	list, err := entrypointLike(v)
	for i := 0; err == nil && i < len(list); i++ {
		if strings.ContainsRune(list[i], 0) {
			err = fmt.Errorf("element %d contains a NUL byte", i)
		}
	}
	return list, err
}

func validUser(s string) error {
	if s != UserCaller && s != UserRoot {
		return fmt.Errorf("%q is not one of %s, %s", s, UserCaller, UserRoot)
	}
	return nil
}

func validTTY(s string) error {
	if s != TTYAuto && s != TTYAlways && s != TTYNever {
		return fmt.Errorf("%q is not one of %s, %s, %s", s, TTYAuto, TTYAlways, TTYNever)
	}
	return nil
}

var platformSyntax = regexp.MustCompile(`^[a-z0-9]+/[a-z0-9_]+(/[a-z0-9]+)?$`)

// validPlatform checks the syntax os/arch[/variant], as Docker writes it:
// linux/amd64, linux/arm64, linux/arm/v7. Whether the image has it is
// known only when it is pulled.
func validPlatform(s string) error {
	if !platformSyntax.MatchString(s) {
		return fmt.Errorf("%q is not a platform such as linux/amd64 or linux/arm/v7 (os/arch[/variant], lower case)", s)
	}
	return nil
}

// validLine accepts one line of text: description, reasons.
func validLine(s string) error {
	switch {
	case strings.TrimSpace(s) == "":
		return errors.New("must not be empty")
	case strings.IndexFunc(s, isControl) >= 0:
		return errors.New("must be one line, with no control characters")
	}
	return nil
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7f }

// why reads the reasons table: privilege name to one line. Its keys are
// checked against the tool's privileges by checkWhy, once the tool is read.
func (d *doc) why(v any, at toml.Key) map[string]string {
	fields, _ := d.table(v, at)
	var why map[string]string
	for _, k := range slices.Sorted(maps.Keys(fields)) {
		reason, err := str(fields[k], validLine)
		name, kerr := privilegeName(k)
		if err = errors.Join(kerr, err); err != nil {
			d.fail(child(at, k), err)
			continue
		}
		if why == nil {
			why = map[string]string{}
		}
		why[name] = reason
	}
	return why
}

// privilegeName is a key of the why table as Privileges names it:
// "network", "user", a capability ("NET_RAW"), or a mount's source ("~"
// expanded).
func privilegeName(k string) (string, error) {
	switch {
	case k == "network" || k == "user":
		return k, nil
	case strings.HasPrefix(k, "/") || strings.HasPrefix(k, "~"):
		return hostPath(k)
	}
	return ParseCap(k)
}

// checkWhy reports each reason given for a privilege the tool does not
// have: a stale reason hides what the tool really gets.
func (d *doc) checkWhy(t *Tool, at toml.Key) {
	have := t.Privileges()
	for _, k := range slices.Sorted(maps.Keys(t.Why)) {
		if !slices.Contains(have, k) {
			d.fail(child(at, "why"), fmt.Errorf("reason for %q, which the tool is not granted", k))
		}
	}
}

// Privileges names what t is granted beyond the defaults: "network" (host
// or bridge), "user" (root), each capability, each mount's source. Each
// may have a reason in t.Why.
func (t Tool) Privileges() []string {
	var p []string
	if t.Network != "" && t.Network != NetworkNone {
		p = append(p, "network")
	}
	if t.User == UserRoot {
		p = append(p, "user")
	}
	p = append(p, t.CapAdd...)
	for _, m := range t.Mounts {
		p = append(p, m.Source)
	}
	return p
}

// Unexplained lists t's privileges that have no reason in t.Why.
func (t Tool) Unexplained() []string {
	var missing []string
	for _, p := range t.Privileges() {
		if t.Why[p] == "" {
			missing = append(missing, p)
		}
	}
	return missing
}
