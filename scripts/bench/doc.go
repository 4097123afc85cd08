// Package bench holds sshell's speed benchmarks (run by `make bench` through
// scripts/bench.sh). Each benchmark runs its peers alternately, round after
// round, and reports medians and ratios measured in the same run, so the
// figures compare like with like on whatever machine runs them.
package bench
