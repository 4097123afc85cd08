package cache

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/sshell/sshell/run"
)

// TestRecordReady: a call a ready sandbox ran says "ready":true; any other
// leaves the field out, so older readers and records are unchanged.
func TestRecordReady(t *testing.T) {
	for _, ready := range []bool{true, false} {
		rec := NewRecord("jq", "reg/jq:1", t0, time.Millisecond, run.Result{Timing: run.Timing{Ready: ready}}, nil)
		b, err := json.Marshal(rec)
		if err != nil {
			t.Fatal(err)
		}
		var back Record
		if err := json.Unmarshal(b, &back); err != nil || back.Ready != ready {
			t.Errorf("ready %v: read back %v (%v) from %s", ready, back.Ready, err, b)
		}
		if has := strings.Contains(string(b), `"ready":`); has != ready {
			t.Errorf("ready %v: the record %s holds the field: %v", ready, b, has)
		}
	}
}
