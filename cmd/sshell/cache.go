package main

import (
	"context"
	"fmt"
	"sort"
	"strings"
)

func init() {
	register(&verb{name: "cache", summary: "list, clean and simulate the image cache", help: cacheHelpText, run: runCache})
}

const cacheHelpText = `Usage:
  sshell cache ls
  sshell cache gc [--dry-run]
  sshell cache prefetch [--runtime auto|native|docker] CMD...
  sshell cache simulate TRACE [--max-bytes SIZE]

ls        list the images sshell pulled and still holds, on Docker and in
          the native store: runtime, size, last use, calls, predicted next
          use and what gc would decide
gc        remove the images the adaptive policy no longer keeps, and pull
          back ahead of use the ones it pre-warms ([cache] prewarm), one
          line per image with the reason; --dry-run only says what it
          would do. Covers both runtimes; a Docker daemon that does not
          answer is skipped with a note
prefetch  pull each command's image now (its pinned digest while pinned,
          for its manifest's platform) onto the runtime runs use, e.g.
          before going offline
simulate  replay a call trace (CSV: offset_s,command,image_bytes,pull_s)
          against keep-all, LRU, a fixed TTL and the adaptive policy, under
          the budget (--max-bytes, default cache.max_bytes)

The disk budget is cache.max_bytes in $XDG_CONFIG_HOME/sshell/config.toml.
sshell only ever removes images its own call records show it pulled, and
never one that is pinned or in use (a container sshell made, a native run
in progress). See docs/cache.md.
`

// cacheSubs are the `sshell cache` subcommands, each in its own file.
var cacheSubs = map[string]func(ctx context.Context, s *streams, args []string) error{}

func runCache(ctx context.Context, s *streams, args []string) error {
	if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
		fmt.Fprint(s.out, cacheHelpText)
		return nil
	}
	if len(args) == 0 {
		return &usageError{verb: "cache", err: fmt.Errorf("missing subcommand (%s)", strings.Join(cacheSubNames(), ", "))}
	}
	sub, ok := cacheSubs[args[0]]
	if !ok {
		return &usageError{verb: "cache", err: fmt.Errorf("unknown subcommand %q (%s)", args[0], strings.Join(cacheSubNames(), ", "))}
	}
	return sub(ctx, s, args[1:])
}

func cacheSubNames() []string {
	var names []string
	for n := range cacheSubs {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
