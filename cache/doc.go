// Package cache keeps sshell's call records and computes the time analysis
// the adaptive image cache builds on: the mean time between calls (MTBC),
// to set up (MTTS) and to execute (MTTE), per command.
//
// Every run appends one Record, as one JSON line, to the log at
// $XDG_STATE_HOME/sshell/calls.jsonl (see Log). Summarize turns records into
// Stats, including the serverless-against-installed comparison defined in
// docs/stats.md. Upgrades keeps each command's digest history and pin
// (docs/upgrades.md). Policy decides which of the images sshell pulled
// (Candidates) to keep, on an injected clock (docs/cache.md); Simulate
// replays a call trace against it and three simpler policies.
package cache
