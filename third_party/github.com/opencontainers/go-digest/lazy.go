package digest

import (
	"regexp"
	"sync"
)

// lazyRegexp is compiled on first use.
type lazyRegexp struct {
	pat  string
	once sync.Once
	re   *regexp.Regexp
}

func lazyCompile(pat string) *lazyRegexp { return &lazyRegexp{pat: pat} }

func (l *lazyRegexp) get() *regexp.Regexp {
	l.once.Do(func() { l.re = regexp.MustCompile(l.pat) })
	return l.re
}

func (l *lazyRegexp) MatchString(s string) bool { return l.get().MatchString(s) }
func (l *lazyRegexp) String() string            { return l.pat }
