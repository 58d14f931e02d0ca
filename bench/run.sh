#!/bin/sh
# make bench: runs every benchmark and writes docs/BENCHMARKS.md.
# Not part of make test. RUNS=N sets the runs per measurement (default 5).
set -eu
cd "$(dirname "$0")/.."
out=docs/BENCHMARKS.md
tmp=$(mktemp)
{
	echo "# Benchmarks"
	echo
	echo "Written by \`make bench\` (bench/run.sh); every number below comes from the run that wrote this file."
	echo "Comparisons are made side by side in one run, alternating, and reported as ratios."
	echo
	sh bench/hugo.sh
	sh bench/rebuild.sh
	sh bench/autolink.sh
	sh bench/bounds.sh
	sh bench/search.sh
	sh bench/profile.sh
} >"$tmp"
mv "$tmp" "$out"
cat "$out"
