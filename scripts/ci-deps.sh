#!/usr/bin/env bash
# Installs the Debian packages the test suite needs when they are missing:
# the real shells drive the hook tests (bash, zsh, fish).
set -euo pipefail
need=()
for pkg in git make ca-certificates bash zsh fish; do
	dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if ((${#need[@]})); then
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
fi
command -v go >/dev/null || { echo "ci-deps: Go is not on PATH (expected /usr/local/go/bin)" >&2; exit 1; }
