#!/bin/sh
# Hostile and odd input. Each tests/bad-input/NAME/ is a project that must
# fail with exit 1, print exactly NAME/expected.txt (the summary line aside)
# with at least one "path[:line[:col]]: error:", and leave a previously
# built site byte-for-byte unchanged with no temporary directory left.
# Each tests/good-input/NAME/ is a project that must build (exit 0), print
# exactly its expected.txt, and produce a site in which every line
# "PATH<TAB>TEXT" of NAME/expect holds: the file PATH contains TEXT
# ("PATH<TAB>!TEXT": does not contain it).
#
# Every case runs on a scratch copy of its directory; an executable
# NAME/setup.sh runs there first (with ROOT set to the repository) to make
# what should not be committed: big files, symbolic links. Each case must
# finish within 5 s, and within 1 GB of memory as measured with
# /usr/bin/time on MEMBIN (an unsanitized build: ASan's shadow memory would
# swamp the figure).
# REGEN=1 rewrites expected.txt (read every rewritten file before you commit).
# usage: tests/bad-input.sh SHIRUBE [MEMBIN]
set -u
# messages in English (a Japanese locale would give Japanese messages)
export LC_ALL=C.UTF-8
abs() { echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; }
bin=$(abs "$1")
membin=""
[ $# -ge 2 ] && membin=$(abs "$2")
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
limit_kb=1048576
# a good site to protect
(cd "$root/tests/regress/basic/input" && "$bin" build --out "$tmp/site" 2>/dev/null) || { echo "FAIL bad-input: cannot build the good site"; exit 1; }
cp -a "$tmp/site" "$tmp/snapshot"

# prepare NAME DIR: a scratch copy of the case in $tmp/work/NAME ($work)
prepare() {
	rm -rf "$tmp/work"
	mkdir -p "$tmp/work"
	work="$tmp/work/$1"
	cp -a "$2" "$work"
	rm -f "$work/expected.txt" "$work/expect"
	if [ -f "$work/setup.sh" ]; then
		(cd "$work" && ROOT="$root" sh ./setup.sh) || { echo "FAIL $3/$1: setup.sh failed"; return 1; }
		rm -f "$work/setup.sh"
	fi
	cfg=""
	[ -f "$work/shirube.yaml" ] && cfg="--config shirube.yaml"
	return 0
}

# memory CASE KIND: peak memory of MEMBIN on the case, in KB; 1 if over
memory() {
	[ -n "$membin" ] || return 0
	(cd "$work" && /usr/bin/time -f %M -o "$tmp/mem" timeout 5 "$membin" build $cfg --out "$tmp/memsite" >/dev/null 2>&1)
	rm -rf "$tmp/memsite" "$tmp"/memsite.tmp-*
	kb=$(tail -1 "$tmp/mem")
	case "$kb" in *[!0-9]*|"") echo "FAIL $2/$1: no memory figure: $(cat "$tmp/mem")"; return 1 ;; esac
	[ "$kb" -gt "$max_kb" ] && max_kb=$kb
	if [ "$kb" -gt "$limit_kb" ]; then
		echo "FAIL $2/$1: peak memory $kb KB, over 1 GB"; return 1
	fi
	return 0
}

# run CASE-DIR OUT: build in $work with a 5 s limit; sets rc and $tmp/got
run() {
	(cd "$work" && timeout 5 "$bin" build $cfg --out "$2" >"$tmp/stdout" 2>"$tmp/stderr")
	rc=$?
	grep -v '^shirube: .* pages written, ' "$tmp/stderr" >"$tmp/got"
	if [ "${REGEN:-}" = 1 ]; then cp "$tmp/got" "$1/expected.txt"; fi
}

max_kb=0
pass=0 fail=0
for dir in "$root"/tests/bad-input/*/; do
	dir=${dir%/}
	name=$(basename "$dir")
	prepare "$name" "$dir" bad-input || { fail=$((fail + 1)); continue; }
	run "$dir" "$tmp/site"
	if [ "$rc" = 124 ]; then
		echo "FAIL bad-input/$name: took more than 5 s"; fail=$((fail + 1))
	elif [ "$rc" != 1 ]; then
		echo "FAIL bad-input/$name: exit $rc, want 1"; cat "$tmp/stderr"; fail=$((fail + 1))
	elif ! diff -u "$dir/expected.txt" "$tmp/got"; then
		echo "FAIL bad-input/$name: diagnostics differ"; fail=$((fail + 1))
	elif ! grep -Eq '^[^ ][^:]*(:[0-9]+(:[0-9]+)?)?: error: ' "$tmp/got"; then
		echo "FAIL bad-input/$name: no path[:line:col]: error"; fail=$((fail + 1))
	elif ! diff -r "$tmp/snapshot" "$tmp/site" >/dev/null; then
		echo "FAIL bad-input/$name: the previous site was changed"; fail=$((fail + 1))
		rm -rf "$tmp/site"; cp -a "$tmp/snapshot" "$tmp/site"
	elif ls -d "$tmp"/site.tmp-* >/dev/null 2>&1; then
		echo "FAIL bad-input/$name: a temporary directory was left behind"; fail=$((fail + 1))
		rm -rf "$tmp"/site.tmp-*
	elif ! memory "$name" bad-input; then
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
done
echo "bad-input: $pass passed, $fail failed"
bad_fail=$fail

pass=0 fail=0
for dir in "$root"/tests/good-input/*/; do
	[ -d "$dir" ] || continue
	dir=${dir%/}
	name=$(basename "$dir")
	prepare "$name" "$dir" good-input || { fail=$((fail + 1)); continue; }
	rm -rf "$tmp/good"
	run "$dir" "$tmp/good"
	why=""
	if [ "$rc" = 124 ]; then
		why="took more than 5 s"
	elif [ "$rc" != 0 ]; then
		why="exit $rc, want 0: $(head -5 "$tmp/stderr")"
	elif ! diff -u "$dir/expected.txt" "$tmp/got"; then
		why="diagnostics differ"
	else
		tab=$(printf '\t')
		while IFS="$tab" read -r file text; do
			case "$file" in ''|'#'*) continue ;; esac
			if [ ! -f "$tmp/good/$file" ]; then
				why="$file was not written"; break
			fi
			case "$text" in
			!*) if grep -Fq -- "${text#!}" "$tmp/good/$file"; then why="$file contains '${text#!}'"; break; fi ;;
			*) if ! grep -Fq -- "$text" "$tmp/good/$file"; then why="$file lacks '$text'"; break; fi ;;
			esac
		done <"$dir/expect"
	fi
	if [ -z "$why" ] && ! memory "$name" good-input; then
		fail=$((fail + 1))
	elif [ -n "$why" ]; then
		echo "FAIL good-input/$name: $why"; fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
done
echo "good-input: $pass passed, $fail failed"
[ -n "$membin" ] && echo "bad-input: peak memory of any case $max_kb KB (limit $limit_kb KB)"
[ "$bad_fail" = 0 ] && [ "$fail" = 0 ]
