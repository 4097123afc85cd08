package cache

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
)

// TraceHeader is the first line of a trace file (docs/cache.md): one call
// a line, its time from the trace's start in seconds, the command, its
// image's size in bytes and the seconds a pull of it takes.
const TraceHeader = "offset_s,command,image_bytes,pull_s"

// Call is one call of a trace.
type Call struct {
	Offset  time.Duration
	Command string
	Bytes   int64
	Pull    time.Duration
}

// ReadTrace reads a trace; name is used in errors, as "name:line: ...".
// Lines starting with '#' are comments. Calls are returned in time order.
func ReadTrace(name string, r io.Reader) ([]Call, error) {
	cr := csv.NewReader(r)
	cr.Comment, cr.FieldsPerRecord = '#', 4
	var calls []Call
	for first := true; ; first = false {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if first && strings.Join(rec, ",") == TraceHeader {
			continue
		}
		c, err := parseCall(rec)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, line, err)
		}
		calls = append(calls, c)
	}
	slices.SortStableFunc(calls, func(a, b Call) int { return int(a.Offset - b.Offset) })
	return calls, nil
}

func parseCall(rec []string) (Call, error) {
	off, err1 := strconv.ParseFloat(rec[0], 64)
	size, err2 := strconv.ParseInt(rec[2], 10, 64)
	pull, err3 := strconv.ParseFloat(rec[3], 64)
	switch {
	case err1 != nil || off < 0:
		return Call{}, fmt.Errorf("offset_s %q: want seconds >= 0", rec[0])
	case rec[1] == "":
		return Call{}, fmt.Errorf("empty command")
	case err2 != nil || size <= 0:
		return Call{}, fmt.Errorf("image_bytes %q: want a positive integer", rec[2])
	case err3 != nil || pull < 0:
		return Call{}, fmt.Errorf("pull_s %q: want seconds >= 0", rec[3])
	}
	return Call{Offset: secs(off), Command: rec[1], Bytes: size, Pull: secs(pull)}, nil
}

func secs(f float64) time.Duration { return time.Duration(f * float64(time.Second)) }

// WriteTrace writes calls in the format ReadTrace reads.
func WriteTrace(w io.Writer, calls []Call) error {
	if _, err := fmt.Fprintln(w, TraceHeader); err != nil {
		return err
	}
	for _, c := range calls {
		if _, err := fmt.Fprintf(w, "%.0f,%s,%d,%.1f\n", c.Offset.Seconds(), c.Command, c.Bytes, c.Pull.Seconds()); err != nil {
			return err
		}
	}
	return nil
}
