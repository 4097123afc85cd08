// Package cache will hold the call records (MTTS, MTTE, MTBC) and the adaptive
// keep/remove policy for images. It arrives with the cache issue; run.Result's
// Timing already carries the setup and execution parts it records.
package cache
