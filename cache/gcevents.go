package cache

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"time"

	"github.com/adrg/xdg"
)

// The gc's own changes to the images sshell holds, so that `sshell stats`
// knows when an image was on disk: a removal ends a stretch, a pull ahead
// starts one; the calls alone cannot tell (a pre-warmed call is warm).
const (
	GCRemoved = "removed"
	GCPulled  = "pulled"
)

// GCEvent is one removal or pull ahead by the gc. "v" comes first, as in
// Record, so that a torn line is recovered the same way.
type GCEvent struct {
	V      int       `json:"v"`
	Time   time.Time `json:"time"`
	Image  string    `json:"image"`
	Action string    `json:"action"` // GCRemoved or GCPulled
}

// DefaultGCLog is the gc's event log, $XDG_STATE_HOME/sshell/gc.jsonl:
// appended and rotated like the call log (see Log), read with ReadEvents.
func DefaultGCLog() *Log {
	return &Log{Path: filepath.Join(xdg.StateHome, "sshell", "gc.jsonl")}
}

// AppendEvent adds ev to the log as one line.
func (l *Log) AppendEvent(ev GCEvent) error {
	ev.V, ev.Image = Version, cut(ev.Image)
	b, err := json.Marshal(ev)
	if err != nil {
		return fmt.Errorf("encoding a gc event: %w", err)
	}
	return l.appendLine(append(b, '\n'))
}

// ReadEvents returns every gc event in the log, skipping lines that are
// not one (as Read does).
func (l *Log) ReadEvents() ([]GCEvent, error) {
	return readLog(l, func(line []byte) (GCEvent, bool) {
		var ev GCEvent
		ok := json.Unmarshal(line, &ev) == nil && ev.V > 0 && (ev.Action == GCRemoved || ev.Action == GCPulled)
		return ev, ok
	})
}
