package cache

import (
	"strconv"
	"time"
)

// Seconds is a duration that JSON shows as seconds, to the microsecond.
type Seconds time.Duration

// MarshalJSON writes s as a number of seconds.
func (s Seconds) MarshalJSON() ([]byte, error) {
	return strconv.AppendFloat(nil, time.Duration(s).Seconds(), 'f', 6, 64), nil
}

// UnmarshalJSON reads a number of seconds.
func (s *Seconds) UnmarshalJSON(b []byte) error {
	f, err := strconv.ParseFloat(string(b), 64)
	*s = Seconds(time.Duration(f * float64(time.Second)).Round(time.Microsecond))
	return err
}

// D is s as a time.Duration.
func (s Seconds) D() time.Duration { return time.Duration(s) }

// ptr is a pointer to s, for the optional fields of Stats.
func ptr[T any](v T) *T { return &v }
