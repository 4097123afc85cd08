#!/usr/bin/env bash
# Speed benchmarks: each benchmark alternates its peers round by round and
# reports medians and ratios from the same run. Needs a running Docker Engine.
#   ROUNDS=60 scripts/bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=/usr/local/go/bin:$PATH
rounds=${ROUNDS:-40}
# The native runtime's peers: bubblewrap, and Debian's jq for the jq image.
if { ! command -v bwrap || ! command -v jq; } >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
	apt-get install -y -qq bubblewrap jq >/dev/null 2>&1 || { apt-get update -qq >/dev/null && apt-get install -y -qq bubblewrap jq >/dev/null; } || true
fi
echo "machine: $(nproc) cores, $(uname -sr), $(docker version --format 'Docker Engine {{.Server.Version}}' 2>/dev/null || echo 'no Docker daemon')"
go test -run '^$' -bench . -benchtime "${rounds}x" -count 1 -v ./scripts/bench
