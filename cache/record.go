package cache

import (
	"time"

	"github.com/sshell/sshell/run"
)

// Version is the record format written by this package, in Record.V.
const Version = 1

// Record is one call, as stored in the log: one JSON object per line. The
// field names are a stable format (docs/stats.md); durations are integer
// nanoseconds. "v" comes first: readers use it to find where a record
// begins after a torn line (see Read).
type Record struct {
	V         int           `json:"v"`
	Command   string        `json:"cmd"`
	Image     string        `json:"image"`
	Digest    string        `json:"digest,omitempty"` // empty when the runner did not report it
	Time      time.Time     `json:"time"`             // when the call started
	Resolve   time.Duration `json:"resolve_ns"`       // manifest lookup
	Pull      time.Duration `json:"pull_ns"`          // image check plus pull
	PullBytes int64         `json:"pull_bytes,omitempty"`
	Create    time.Duration `json:"create_ns"`
	Start     time.Duration `json:"start_ns"`
	Exec      time.Duration `json:"exec_ns"`
	ExitCode  int           `json:"exit"`
	Cold      bool          `json:"cold"`              // the image had to be pulled
	Ready     bool          `json:"ready,omitempty"`   // a sandbox kept ready ahead of the call ran it (native)
	Failed    bool          `json:"failed,omitempty"`  // sshell's own failure: the timings are partial
	Runtime   string        `json:"runtime,omitempty"` // where it ran: RuntimeNative or RuntimeDocker; "" in records from before runtimes: Docker
}

// The runtimes a call may run on (Record.Runtime). Records written before
// sshell had a second runtime carry none: they ran on Docker.
const (
	RuntimeDocker = "docker"
	RuntimeNative = "native"
)

// On is the runtime the call ran on; RuntimeDocker for older records.
func (r Record) On() string {
	if r.Runtime == "" {
		return RuntimeDocker
	}
	return r.Runtime
}

// NewRecord is the record of a run of cmd from image that started at start,
// spent resolve finding its manifest, and ended with res and err. The
// caller sets Runtime.
func NewRecord(cmd, image string, start time.Time, resolve time.Duration, res run.Result, err error) Record {
	t := res.Timing
	return Record{
		V: Version, Command: cmd, Image: image, Digest: res.Digest, Time: start,
		Resolve: resolve, Pull: t.Pull, PullBytes: t.PullBytes, Create: t.Create, Start: t.Start,
		Exec: t.Exec, ExitCode: res.ExitCode, Cold: t.Pulled, Ready: t.Ready, Failed: err != nil,
	}
}

// Setup is the time paid before the tool ran: resolve, pull, create, start.
func (r Record) Setup() time.Duration { return r.Resolve + r.Pull + r.Create + r.Start }
