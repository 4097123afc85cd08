package main

import (
	"context"
	"fmt"
	"os"

	"github.com/docker/go-units"

	"github.com/sshell/sshell/cache"
)

func init() { cacheSubs["simulate"] = runCacheSimulate }

func runCacheSimulate(_ context.Context, s *streams, args []string) error {
	fs := newFlagSet(verbs["cache"])
	maxBytes := fs.String("max-bytes", "", "")
	if err := parseFlags(fs, verbs["cache"], s, args); err != nil {
		return err
	}
	trace := fs.Arg(0)
	if fs.NArg() > 0 { // flags may follow TRACE too
		if err := parseFlags(fs, verbs["cache"], s, fs.Args()[1:]); err != nil {
			return err
		}
	}
	if trace == "" || fs.NArg() > 0 {
		return &usageError{verb: "cache", err: fmt.Errorf("cache simulate takes one TRACE file")}
	}
	p, err := simPolicy(*maxBytes)
	if err != nil {
		return err
	}
	f, err := os.Open(trace)
	if err != nil {
		return fmt.Errorf("opening the trace: %w", err)
	}
	defer f.Close()
	calls, err := cache.ReadTrace(trace, f)
	if err != nil {
		return err
	}
	fmt.Fprintf(s.out, "%d calls; budget %s\n", len(calls), budgetText(p.MaxBytes))
	return cache.WriteSim(s.out, cache.Simulate(calls, p))
}

// simPolicy is the configured policy, with --max-bytes over the budget.
func simPolicy(maxBytes string) (cache.Policy, error) {
	cfg, err := cache.LoadConfig(cache.ConfigPath())
	if err != nil {
		return cache.Policy{}, err
	}
	if maxBytes != "" {
		n, err := units.RAMInBytes(maxBytes)
		if err != nil || n < 0 {
			return cache.Policy{}, &usageError{verb: "cache", err: fmt.Errorf("--max-bytes %q: want a size such as 2GiB", maxBytes)}
		}
		cfg.MaxBytes = n
	}
	return cfg.Apply(cache.DefaultPolicy()), nil
}

func budgetText(n int64) string {
	if n <= 0 {
		return "none"
	}
	return cache.Bytes(n)
}
