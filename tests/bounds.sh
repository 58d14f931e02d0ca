#!/bin/sh
# Linear work on big input (issue 17): each generated project must build
# (exit 0), or for a memory bomb fail with its message and write nothing,
# within LIMIT_S seconds and LIMIT_KB of peak memory, measured with
# /usr/bin/time on the unsanitized build. (The bomb reaches the 512 MiB
# cap of cmark-gfm's arena, too much work for bad-input's 5 s under ASan
# on a busy machine; tests/unit/test_markdown.c checks the same jump with
# a small cap under ASan and LeakSanitizer.) The limits are
# generous (the machine is shared); the measured figures are in
# docs/BENCHMARKS.md. Before the fixes the first case took 202 s and the
# second 28 s.
#   headings-200k: one page with 200,000 headings, each {#id topics=...}
#   journey-chain-20k: a journey of 20,000 steps, each after the previous
#   markdown-memory-bomb: 1,000,000 one-word list items (4 MB), which
#     cmark-gfm would need about 570 MB for: refused at the line where the
#     arena passes 512 MiB (it used to take 755 MB and build)
# usage: tests/bounds.sh SHIRUBE
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
LIMIT_S=${LIMIT_S:-15}
LIMIT_KB=${LIMIT_KB:-1048576}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0

# base DIR: the smallest valid project (one guideline, topic, persona)
base() {
	mkdir -p "$1/content/guidelines" "$1/content/topics" "$1/content/pages" "$1/personas" "$1/journeys"
	cp "$root/tests/bad-input/journey-step-after-cycle/content/guidelines/g.md" "$1/content/guidelines/"
	cp "$root/tests/bad-input/journey-step-after-cycle/content/topics/backup.md" "$1/content/topics/"
	cp "$root/tests/bad-input/journey-step-after-cycle/personas/p.yaml" "$1/personas/"
}

# measure NAME FILE TEXT [RC]: builds $tmp/NAME; with RC 0 (default) the
# site's FILE must hold TEXT; with RC 1 the messages (FILE "-") must hold
# TEXT and no site may be written
measure() {
	(cd "$tmp/$1" && /usr/bin/time -f '%e %M' -o "$tmp/time" timeout 120 "$bin" build --out "$tmp/site-$1" \
		>/dev/null 2>"$tmp/stderr")
	rc=$?
	want=${4:-0}
	read -r secs kb <<EOF
$(tail -1 "$tmp/time" 2>/dev/null)
EOF
	case "$kb" in *[!0-9]*|"") kb=0 ;; esac
	echo "bounds/$1: ${secs} s, $kb KB peak"
	if [ "$rc" != "$want" ]; then
		echo "FAIL bounds/$1: exit $rc, want $want"; head -5 "$tmp/stderr"; fail=$((fail + 1))
	elif [ "$want" = 1 ] && ! grep -qF -- "$3" "$tmp/stderr"; then
		echo "FAIL bounds/$1: no message $3"; head -5 "$tmp/stderr"; fail=$((fail + 1))
	elif [ "$want" = 1 ] && ls -d "$tmp/site-$1"* >/dev/null 2>&1; then
		echo "FAIL bounds/$1: a site or temporary directory was written"; fail=$((fail + 1))
	elif [ "$want" = 0 ] && ! grep -qF -- "$3" "$tmp/site-$1/$2" 2>/dev/null; then
		echo "FAIL bounds/$1: $2 lacks $3"; fail=$((fail + 1))
	elif awk -v s="$secs" -v l="$LIMIT_S" 'BEGIN { exit !(s > l) }'; then
		echo "FAIL bounds/$1: took ${secs} s, over $LIMIT_S s"; fail=$((fail + 1))
	elif [ "$kb" -gt "$LIMIT_KB" ]; then
		echo "FAIL bounds/$1: peak memory $kb KB, over $LIMIT_KB KB"; fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
	rm -rf "$tmp/site-$1"
}

base "$tmp/headings-200k"
{
	printf -- '---\ntitle: 見出し二十万\n---\n'
	awk 'BEGIN { for (i = 0; i < 200000; i++) printf "## 見出し %d {#h%d topics=backup}\n\n本文。\n\n", i, i }'
} >"$tmp/headings-200k/content/pages/headings.md"
measure headings-200k headings.html '<h2 id="h199999">'

base "$tmp/journey-chain-20k"
{
	printf 'title: 二万歩の道のり\npersona: p\nsteps:\n'
	awk 'BEGIN { for (i = 0; i < 20000; i++) {
		printf "  - id: s%d\n    title: 手順 %d\n    refs: [backup]\n", i, i
		if (i) printf "    after: [s%d]\n", i - 1 } }'
} >"$tmp/journey-chain-20k/journeys/chain.yaml"
measure journey-chain-20k journeys/chain.html '<a href="#step-s19998">'

base "$tmp/markdown-memory-bomb"
{
	printf -- '---\ntitle: 箇条書きだらけ\n---\n'
	awk 'BEGIN { for (i = 0; i < 1000000; i++) printf "- a\n" }'
} >"$tmp/markdown-memory-bomb/content/pages/list.md"
measure markdown-memory-bomb - 'content/pages/list.md:901179:1: error: this Markdown needs more than 512 MiB to render' 1

echo "bounds: $pass passed, $fail failed"
[ "$fail" = 0 ]
