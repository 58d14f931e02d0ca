#!/bin/bash
# Nothing lost: builds the real content into a scratch output directory (the
# old site), then, ROUNDS times, starts a build of different content (the
# real content with the site title changed, one page removed and one added)
# into the same directory and SIGKILLs it after a random delay between 0 and
# the measured build time. After each kill the output must be byte for byte
# either the complete old site or the complete new one, and nothing may have
# been written outside the output directory and its OUT.tmp-* siblings.
# Leftover OUT.tmp-* directories of killed builds must be gone after the
# next successful build.
# usage: tests/kill.sh SHIRUBE [ROUNDS]
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
rounds=${2:-20}
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
fail=0 pass=0 killed=0 finished=0 swapped=0
# one fixed copy of the binary for the whole run (a rebuild meanwhile would
# change the output); the projects bring their own theme
cp "$bin" "$tmp/shirube" || exit 1
bin=$tmp/shirube

die() { echo "FAIL kill: $*"; exit 1; }

# two projects: old (the real content) and new (a different site)
for v in old new; do
	mkdir -p "$tmp/$v"
	cp -a "$root/shirube.yaml" "$root/content" "$root/personas" "$root/journeys" "$root/themes" "$tmp/$v/"
done
sed -i 's/^title: .*/title: しるべ（新版）/' "$tmp/new/shirube.yaml"
grep -q '（新版）' "$tmp/new/shirube.yaml" || die "cannot change the title of the new site"
rm "$tmp/new/content/pages/figures.md"
printf -- '---\ntitle: 新しいページ\n---\n# 新しいページ\n\n中断されたビルドのテスト用。\n' >"$tmp/new/content/pages/kill-test.md"

# the builds run with their own HOME and TMPDIR, which must stay empty
mkdir -p "$tmp/home" "$tmp/tmpdir" "$tmp/ref" "$tmp/out"
export HOME="$tmp/home" TMPDIR="$tmp/tmpdir"

# reference copies of both complete sites, and the build time
build() { # build PROJECT OUT
	(cd "$tmp/$1" && "$bin" build --out "$2" >/dev/null 2>"$tmp/stderr")
}
build old "$tmp/ref/old" || { cat "$tmp/stderr"; die "cannot build the old site"; }
build new "$tmp/ref/new" || { cat "$tmp/stderr"; die "cannot build the new site"; }
# the time a build takes to replace the old site with the new one
cp -a "$tmp/ref/old" "$tmp/measure"
t0=$(date +%s%N)
build new "$tmp/measure" || { cat "$tmp/stderr"; die "cannot build the new site"; }
ms=$((($(date +%s%N) - t0) / 1000000))
rm -rf "$tmp/measure"
diff -rq "$tmp/ref/old" "$tmp/ref/new" >/dev/null && die "the old and the new site are the same"
build old "$tmp/out/site" || die "cannot build the old site into the output"
diff -r "$tmp/ref/old" "$tmp/out/site" >/dev/null || die "two builds of the same content differ"

# what must not change: the projects (every file with size, time and
# mode) and the output's parent apart from site/ and site.tmp-*
snap_projects() {
	for v in old new; do
		(cd "$tmp/$v" && find . -printf '%p %y %s %T@ %m\n' | LC_ALL=C sort)
	done
	find "$tmp/home" "$tmp/tmpdir" -mindepth 1
}
snap_parent() {
	(cd "$tmp/out" && find . -mindepth 1 ! -path './site' ! -path './site/*' \
		! -path './site.tmp-*' -printf '%p %y %s %T@\n' | LC_ALL=C sort)
}
snap_projects >"$tmp/projects.before"
snap_parent >"$tmp/parent.before"

state=old
for i in $(seq 1 "$rounds"); do
	next=$([ "$state" = old ] && echo new || echo old)
	delay=$(awk -v r="$(od -An -N4 -tu4 /dev/urandom)" -v ms="$ms" 'BEGIN { printf "%.3f", r / 4294967295 * ms / 1000 }')
	(cd "$tmp/$next" && exec "$bin" build --out "$tmp/out/site" >/dev/null 2>"$tmp/stderr") &
	pid=$!
	sleep "$delay"
	kill -KILL "$pid" 2>/dev/null
	{ wait "$pid"; } 2>/dev/null
	rc=$?
	why=""
	if diff -r "$tmp/ref/old" "$tmp/out/site" >/dev/null; then
		got=old
	elif diff -r "$tmp/ref/new" "$tmp/out/site" >/dev/null; then
		got=new
	else
		got=neither
		why="the output is neither the complete old nor the complete new site"
		diff -rq "$tmp/ref/$state" "$tmp/out/site" | head -5
	fi
	if [ "$rc" = 137 ]; then
		killed=$((killed + 1))
		[ "$got" = "$next" ] && swapped=$((swapped + 1))
	elif [ "$rc" = 0 ]; then
		finished=$((finished + 1))
		[ "$got" = "$next" ] || why=${why:-"the build succeeded but the output is the $got site"}
		ls -d "$tmp/out/site.tmp-"* >/dev/null 2>&1 &&
			why=${why:-"a successful build left temporary directories: $(cd "$tmp/out" && echo site.tmp-*)"}
	else
		why=${why:-"the build exited $rc: $(tail -3 "$tmp/stderr")"}
	fi
	snap_projects | diff "$tmp/projects.before" - >"$tmp/d" || why=${why:-"files changed outside the output: $(head -5 "$tmp/d")"}
	snap_parent | diff "$tmp/parent.before" - >"$tmp/d" || why=${why:-"files written beside the output: $(head -5 "$tmp/d")"}
	if [ -n "$why" ]; then
		echo "FAIL kill/$i (delay ${delay}s, exit $rc): $why"
		fail=$((fail + 1))
		rm -rf "$tmp/out/site"
		cp -a "$tmp/ref/$state" "$tmp/out/site"
	else
		pass=$((pass + 1))
		[ "$got" != neither ] && state=$got
	fi
done

# the next successful build cleans up what killed builds left
left=$(cd "$tmp/out" && ls -d site.tmp-* 2>/dev/null | wc -l)
build old "$tmp/out/site" || die "the build after the kills failed: $(tail -3 "$tmp/stderr")"
ls -d "$tmp/out/site.tmp-"* >/dev/null 2>&1 && die "the build after the kills left temporary directories"
diff -r "$tmp/ref/old" "$tmp/out/site" >/dev/null || die "the build after the kills is not the old site"
echo "kill: $killed killed ($swapped after the swap), $finished finished (build ${ms} ms), $left temporary directories left and cleaned"
echo "kill: $pass passed, $fail failed"
[ "$fail" = 0 ]
