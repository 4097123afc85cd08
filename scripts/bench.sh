#!/usr/bin/env bash
# Speed benchmarks: each benchmark alternates its peers round by round and
# reports medians and ratios from the same run. Needs a running Docker Engine.
#   ROUNDS=60 scripts/bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=/usr/local/go/bin:$PATH
rounds=${ROUNDS:-40}
echo "machine: $(nproc) cores, $(uname -sr), $(docker version --format 'Docker Engine {{.Server.Version}}' 2>/dev/null || echo 'no Docker daemon')"
go test -run '^$' -bench . -benchtime "${rounds}x" -count 1 -v ./scripts/bench
