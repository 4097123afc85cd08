package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/sshell/sshell/cache"
	"github.com/sshell/sshell/run"
	"github.com/sshell/sshell/run/native"
)

// Ready sandboxes (docs/native.md): after a cold native run, a detached
// sshell, the keeper, keeps a sandbox set up for that kind of call, and
// the next call runs in it.

// envReady overrides [native] ready in the config file.
const envReady = "SSHELL_READY"

// defaultReadyIdle is how long a ready sandbox waits for a call when
// neither $SSHELL_READY nor the config file says.
const defaultReadyIdle = 10 * time.Minute

// readyIdle is how long a ready sandbox waits for its next call before its
// keeper exits: $SSHELL_READY, else [native] ready in the config file,
// else 10m. 0 turns ready sandboxes off. Both take a Go duration ("10m"),
// or "0" or "off".
func readyIdle() (time.Duration, error) {
	if v := os.Getenv(envReady); v != "" {
		d, err := parseReady(v)
		if err != nil {
			return 0, fmt.Errorf("%s=%q: %w", envReady, v, err)
		}
		return d, nil
	}
	c, err := loadRuntimeConfig(cache.ConfigPath())
	switch {
	case err != nil:
		return 0, err
	case c.ready != nil:
		return *c.ready, nil
	}
	return defaultReadyIdle, nil
}

// parseReady reads a ready value: a Go duration, or "0" or "off" (0).
func parseReady(v any) (time.Duration, error) {
	s, ok := v.(string)
	if ok && s == "off" {
		return 0, nil
	}
	d, err := time.ParseDuration(s)
	if !ok || err != nil || d < 0 {
		return 0, errors.New(`want a duration such as "10m", or "off"`)
	}
	return d, nil
}

// keeperVerb is the keeper's hidden verb: `sshell __keep-ready IDLE`, with
// the keeper's spec (native.KeeperSpec, JSON) on stdin. spawnKeeper starts
// it; `sshell help` does not list it.
const keeperVerb = "__keep-ready"

// runKeeper keeps a sandbox ready for the spec on s.in until IDLE passes
// without a call, or SIGTERM or SIGINT (a purge) ends it. Its runner is
// opened as a run's is (the config file's mirrors); it pulls nothing.
func runKeeper(ctx context.Context, s *streams, args []string) error {
	if len(args) != 1 {
		return &usageError{err: fmt.Errorf("%s takes IDLE, got %q", keeperVerb, args)}
	}
	idle, err := time.ParseDuration(args[0])
	if err != nil || idle <= 0 {
		return &usageError{err: fmt.Errorf("%s: IDLE %q: want a positive duration", keeperVerb, args[0])}
	}
	var spec run.Spec
	if err := json.NewDecoder(s.in).Decode(&spec); err != nil {
		return fmt.Errorf("%s: reading the spec on stdin: %w", keeperVerb, err)
	}
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGTERM, os.Interrupt)
	defer stop()
	r, err := native.New(native.WithStoreOptions(nativeStoreOptions()...))
	if err != nil {
		return err
	}
	defer closer(r)()
	return r.Keep(ctx, spec, idle)
}
