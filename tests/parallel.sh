#!/bin/sh
# Output does not depend on how many cores build it: js-primer x3 (big
# enough for the index's two tokenising threads) built with the default
# parallelism and with SHIRUBE_THREADS=1 must be byte-identical, search
# index included; and Markdown must really have been rendered on every
# core (cmark-gfm's shared table, markdown.c).
# usage: tests/parallel.sh SHIRUBE
set -eu
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
ROOT=$(cd "$(dirname "$0")/.." && pwd)
W=$ROOT/build/parallel
rm -rf "$W" && mkdir -p "$W/content"
for i in 1 2 3; do
	mkdir -p "$W/content/copy$i" && cp -r "$ROOT/tests/corpus/js-primer/." "$W/content/copy$i/"
done
printf 'title: parallel\nsearch: true\ngit_history: false\n' >"$W/shirube.yaml"
cd "$W"
SHIRUBE_TIMING=1 "$BIN" build --theme "$ROOT/themes/default" --out multi 2>"$W/multi.err" || { cat "$W/multi.err"; exit 1; }
SHIRUBE_THREADS=1 SHIRUBE_TIMING=1 "$BIN" build --theme "$ROOT/themes/default" --out single 2>"$W/single.err" || { cat "$W/single.err"; exit 1; }
SHIRUBE_NO_HUGEPAGES=1 SHIRUBE_TIMING=1 "$BIN" build --theme "$ROOT/themes/default" --out small-pages 2>"$W/small.err" || { cat "$W/small.err"; exit 1; }
fail=0
# malloc on transparent huge pages (main.c) unless the kernel has them off,
# and not with SHIRUBE_NO_HUGEPAGES=1; the output is the same either way
thp=$(cat /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null || true)
case "$thp" in
*"[never]"*|"") want=no ;;
*) want=yes ;;
esac
case "$BIN" in */asan/*) want=no ;; esac
if ! grep -q "malloc on huge pages: $want" multi.err; then
	echo "FAIL expected 'malloc on huge pages: $want' (THP: $thp): $(grep 'huge pages' multi.err)"
	fail=1
elif ! grep -q "malloc on huge pages: no" small.err; then
	echo "FAIL SHIRUBE_NO_HUGEPAGES=1 still restarted on huge pages"
	fail=1
else
	echo "ok   malloc on huge pages: $want by default, no with SHIRUBE_NO_HUGEPAGES=1"
fi
if ! diff -r multi small-pages >/dev/null; then
	echo "FAIL output differs with SHIRUBE_NO_HUGEPAGES=1"
	fail=1
fi
threads=$(sed -n 's/.*markdown: [0-9]* pages on \([0-9]*\) threads.*/\1/p' multi.err)
single=$(sed -n 's/.*markdown: [0-9]* pages on \([0-9]*\) threads.*/\1/p' single.err)
if [ "$(nproc)" -gt 1 ]; then
	if [ -z "$threads" ] || [ "$threads" -lt 2 ]; then
		echo "FAIL Markdown rendered on '$threads' threads with $(nproc) cores"
		fail=1
	else
		echo "ok   Markdown rendered on $threads threads"
	fi
fi
if [ "$single" != 1 ]; then
	echo "FAIL SHIRUBE_THREADS=1 rendered Markdown on '$single' threads"
	fail=1
fi
pages=$(find multi -name '*.html' | wc -l)
shards=$(find multi/search/t -name '*.js' | wc -l)
if [ "$pages" -lt 250 ] || [ "$shards" -lt 10 ]; then
	echo "FAIL too small a site to mean anything: $pages pages, $shards shards"
	fail=1
fi
if diff -r multi single >"$W/diff.txt"; then
	echo "ok   $pages pages and $shards index shards identical on one core and on $(nproc)"
else
	echo "FAIL output differs between parallel and single-threaded builds:"
	head -20 "$W/diff.txt"
	fail=1
fi
[ "$fail" -eq 0 ] && echo "parallel: passed" || { echo "parallel: FAILED"; exit 1; }
