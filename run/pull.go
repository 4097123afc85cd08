package run

import "fmt"

// PullPolicy says when a runner fetches an image.
type PullPolicy string

// Pull policies. The zero value means PullMissing.
const (
	PullMissing PullPolicy = "missing"
	PullAlways  PullPolicy = "always"
	PullNever   PullPolicy = "never"
)

// ParsePullPolicy checks a --pull value.
func ParsePullPolicy(s string) (PullPolicy, error) {
	switch p := PullPolicy(s); p {
	case PullMissing, PullAlways, PullNever:
		return p, nil
	}
	return "", fmt.Errorf("invalid pull policy %q: use missing, always or never", s)
}
