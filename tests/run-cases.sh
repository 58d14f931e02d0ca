# tests/run-cases.sh: the one runner of the case-directory suites. It is
# sourced (not run) by tests/bad-input.sh, tests/lua.sh, tests/regress.sh
# and tests/check.sh, which set the CASE_* options below and call
#   run_cases SUITE DIR     every case directory DIR/NAME/ in name order
#                           (names starting with _ are not cases)
#   run_case SUITE DIR NAME one case (e.g. a case made on the fly)
#   cases_end SUITE         prints "SUITE: N passed, M failed", resets the
#                           counts and returns 1 if any failed
# A new case directory is picked up by the glob: there is no list to update.
# CASES="GLOB ..." (environment) runs only the cases whose names match one
# of the globs, SKIP="GLOB ..." all but those (make quick skips the slowest);
# the globs are matched, not expanded.
# Suites with checks that are not case directories count them with
# case_ok / case_failed (or the pass and fail variables).
#
# Each case, step by step (the first check that fails fails the case):
#  1. The project: a scratch copy in $tmp/work/NAME of
#       NAME/ without its expectation files (expected.txt, expected.json,
#           expected-exit, expect, site.txt, setup.sh)           (default)
#       NAME/$CASE_INPUT/, as $tmp/work/NAME/$CASE_INPUT    (CASE_INPUT set)
#       $CASE_BASE with NAME/hooks/*.lua in content/hooks/  (CASE_BASE set)
#     then NAME/setup.sh, if any, runs there with sh, ROOT set to the
#     repository and CASE to the case directory: it makes what should not
#     be committed (big files, symbolic links, a theme copy).
#  2. The run, in the project, under `timeout $CASE_TIMEOUT`:
#       CASE_CMD=build: BIN build [--config shirube.yaml] [--content docs]
#         --out $tmp/o/site (--config when the project has shirube.yaml,
#         --content docs when it has docs/ and no content/). The output
#         compared is stderr without the "N pages written" summary line.
#       CASE_CMD=check: BIN check --format=json; the output is stdout.
#  3. The checks:
#     - it ended within CASE_TIMEOUT seconds;
#     - no sanitizer report (ASan, UBSan, LeakSanitizer) on stderr;
#     - the exit status is NAME/expected-exit if that file exists, else
#       CASE_EXIT: 0, 1, or auto (1 if expected.txt holds ": error: ");
#     - the output is exactly NAME/$CASE_EXPECTED (diff -u);
#     - CASE_NEED_ERROR=1: at least one "path[:line[:col]]: error: " line;
#     - CASE_JSON=1: the output is a JSON list of findings, each with
#       file, line, column, severity and message;
#     - CASE_PROTECT=DIR: before the cases a site is built from DIR into
#       $tmp/o/site and kept; every case builds over it, and a case that
#       exits non-zero must leave it byte-for-byte unchanged (diff -r);
#     - CASE_CMD=build: nothing is left beside the output directory (no
#       OUT.tmp-* temporary tree);
#     - every "PATH<TAB>TEXT" line of NAME/expect and NAME/site.txt holds:
#       the built file PATH contains TEXT; "PATH<TAB>!TEXT": it does not.
#       Empty lines and lines starting with # are skipped;
#     - CASE_GOLDEN=1: the site equals the tree NAME/expected (diff -r),
#       theme copies aside (see golden_tree), and a second build of the
#       same project is byte-identical to the first;
#     - MEMBIN set and NAME matches the pattern CASE_MEM_CASES: the same
#       run on MEMBIN (an unsanitized build: ASan's shadow memory would
#       swamp the figure) under /usr/bin/time ends within CASE_TIMEOUT,
#       prints the same output, and its peak RSS is at most CASE_MEM_KB.
# REGEN=1 rewrites NAME/$CASE_EXPECTED (and NAME/expected for golden
# cases) from what the run printed; read every rewritten file before you
# commit. VERBOSE=1 prints every passing case with its time.
# Defaults: CASE_CMD=build, CASE_TIMEOUT=120, CASE_EXIT=0,
# CASE_EXPECTED=expected.txt (empty: no output compared), CASE_MEM_CASES='*',
# CASE_MEM_KB=1048576; the other options off. Set them after sourcing.
# Needs: $0 is a script in tests/ (root is its parent), BIN absolute.

# $args is split on purpose; $g and $CASE_MEM_CASES are glob patterns
# shellcheck disable=SC2086,SC2254
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export ROOT="$root"

BIN=${BIN:-}
MEMBIN=${MEMBIN:-}
CASE_CMD=build
CASE_TIMEOUT=120
CASE_EXIT=0
CASE_EXPECTED=expected.txt
CASE_NEED_ERROR=0
CASE_JSON=0
CASE_PROTECT=
CASE_INPUT=
CASE_BASE=
CASE_GOLDEN=0
CASE_MEM_CASES='*'
CASE_MEM_KB=1048576
CASE_SAY_OK=${VERBOSE:-0}
pass=0 fail=0 max_kb=0

abs() { echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; }
case_ok() { pass=$((pass + 1)); }
case_failed() { echo "FAIL $1: $2"; fail=$((fail + 1)); } # ID WHY

cases_end() { # SUITE
	echo "$1: $pass passed, $fail failed"
	cases_failed=$fail
	pass=0 fail=0
	[ "$cases_failed" = 0 ]
}

run_cases() { # SUITE DIR
	for dir in "$2"/*/; do
		[ -d "$dir" ] || continue
		dir=${dir%/}
		case ${dir##*/} in _*) continue ;; esac
		cases_selected "${dir##*/}" || continue
		run_case "$1" "$dir" "${dir##*/}"
	done
	return 0
}

# cases_selected NAME: NAME matches one of the globs in CASES (all if
# unset) and none of the globs in SKIP
cases_selected() {
	set -f
	hit=0
	if [ -n "${CASES:-}" ]; then
		hit=1
		for g in $CASES; do
			case $1 in $g) hit=0 ;; esac
		done
	fi
	for g in ${SKIP:-}; do
		case $1 in $g) hit=1 ;; esac
	done
	set +f
	return $hit
}

# The build before the cases whose output every case must protect.
cases_protect() {
	[ -n "$CASE_PROTECT" ] || return 0
	rm -rf "$tmp/o" "$tmp/snapshot"
	mkdir -p "$tmp/o"
	(cd "$CASE_PROTECT" && "$BIN" build --out "$tmp/o/site" >/dev/null 2>"$tmp/stderr") ||
		{ echo "FAIL: cannot build the site to protect ($CASE_PROTECT)"; cat "$tmp/stderr"; exit 1; }
	cp -a "$tmp/o/site" "$tmp/snapshot"
}

# case_project DIR NAME: makes the project in $work; 1 if setup.sh failed
case_project() {
	rm -rf "$tmp/work"
	mkdir "$tmp/work"
	work=$tmp/work/$2
	if [ -n "$CASE_BASE" ]; then
		cp -a "$CASE_BASE" "$work"
		mkdir -p "$work/content/hooks"
		cp "$1"/hooks/*.lua "$work/content/hooks/" 2>/dev/null
	elif [ -n "$CASE_INPUT" ]; then
		mkdir -p "$work"
		work=$work/$CASE_INPUT
		cp -a "$1/$CASE_INPUT" "$work"
	else
		cp -a "$1" "$work"
		rm -f "$work/expected.txt" "$work/expected.json" "$work/expected-exit" \
			"$work/expect" "$work/site.txt" "$work/setup.sh"
	fi
	[ -f "$1/setup.sh" ] || return 0
	(cd "$work" && CASE="$1" sh "$1/setup.sh")
}

# case_args OUT: sets args, the command line after the binary
case_args() {
	if [ "$CASE_CMD" = check ]; then
		args="check --format=json"
		return
	fi
	args="build"
	[ -f "$work/shirube.yaml" ] && args="$args --config shirube.yaml"
	[ -d "$work/docs" ] && [ ! -d "$work/content" ] && args="$args --content docs"
	args="$args --out $1"
}

# case_output FILE-STDOUT FILE-STDERR: the compared output, on stdout
case_output() {
	if [ "$CASE_CMD" = check ]; then cat "$1"; else grep -v '^shirube: .* pages written, ' "$2"; fi
}

# case_site DIR: every PATH<TAB>TEXT of DIR/expect and DIR/site.txt holds in $out
case_site() {
	for f in "$1/expect" "$1/site.txt"; do
		[ -f "$f" ] || continue
		while IFS='	' read -r file text; do
			case "$file" in '' | '#'*) continue ;; esac
			if [ ! -f "$out/$file" ]; then
				why="$file was not written"; return 1
			fi
			case "$text" in
			!*) if grep -Fq -- "${text#!}" "$out/$file"; then why="$file contains '${text#!}'"; return 1; fi ;;
			*) if ! grep -Fq -- "$text" "$out/$file"; then why="$file lacks '$text'"; return 1; fi ;;
			esac
		done <"$f"
	done
	return 0
}

# The theme a golden project is built with: theme: of its shirube.yaml,
# else its themes/default, else the repository's themes/default (the
# generator's fallback beside the binary).
case_theme() {
	t=$(sed -n "s/^theme:[ 	]*['\"]\{0,1\}\([^'\"]*\)['\"]\{0,1\}[ 	]*\$/\1/p" "$work/shirube.yaml" 2>/dev/null | tail -1)
	if [ -n "$t" ]; then
		case "$t" in /*) echo "$t" ;; *) echo "$work/$t" ;; esac
	elif [ -d "$work/themes/default" ]; then
		echo "$work/themes/default"
	else
		echo "$root/themes/default"
	fi
}

# golden_tree SITE TREE: TREE is a copy of SITE without the theme copies.
# The rule: a file assets/P of the site that is byte-identical to the
# theme's assets/P is a theme copy. Theme copies are not in the golden
# trees, so a theme JS/CSS edit needs no regen. Every other file is
# compared, including a content asset under assets/ (a path the theme does
# not have, or the theme's path with other bytes). A theme asset that is
# not in the site at all fails the case, unless NAME/expected has a file
# at that path (which the tree comparison then checks).
golden_tree() {
	rm -rf "$2"
	cp -a "$1" "$2"
	theme=$(case_theme)
	[ -d "$theme/assets" ] || return 0
	list=$(cd "$theme/assets" && find . -type f | sed 's|^\./||' | sort)
	# a path with a newline in it would split: theme assets have none
	for p in $list; do
		if [ -f "$1/assets/$p" ] && cmp -s "$theme/assets/$p" "$1/assets/$p"; then
			rm -f "$2/assets/$p"
		elif [ ! -e "$1/assets/$p" ] && [ ! -e "$golden_dir/expected/assets/$p" ]; then
			why="the theme's assets/$p was not copied into the site"; return 1
		fi
	done
	find "$2/assets" -depth -type d -empty -delete 2>/dev/null
	return 0
}

# case_golden DIR: the site against DIR/expected, and a second build
case_golden() {
	golden_dir=$1
	golden_tree "$out" "$tmp/golden" || return 1
	if [ "${REGEN:-}" = 1 ]; then
		rm -rf "$1/expected" && cp -r "$tmp/golden" "$1/expected"
		echo "regenerated ${1#"$root"/}/expected"
	elif ! diff -r "$1/expected" "$tmp/golden" >"$tmp/diff"; then
		why="output differs from ${1#"$root"/}/expected (make regen after checking)"
		head -40 "$tmp/diff" >"$tmp/diff40"
		show=$tmp/diff40; return 1
	fi
	rm -rf "$tmp/again"
	mkdir -p "$tmp/again"
	case_args "$tmp/again/site"
	(cd "$work" && exec timeout "$CASE_TIMEOUT" "$BIN" $args >/dev/null 2>&1)
	if ! diff -r "$out" "$tmp/again/site" >/dev/null; then
		why="two builds differ"; return 1
	fi
	return 0
}

# case_memory NAME: the run on MEMBIN: same output, in time, peak RSS
case_memory() {
	rm -rf "$tmp/m"
	mkdir -p "$tmp/m"
	case_args "$tmp/m/site"
	(cd "$work" && exec /usr/bin/time -f %M -o "$tmp/mem" timeout "$CASE_TIMEOUT" "$MEMBIN" $args \
		>"$tmp/stdout-plain" 2>"$tmp/stderr-plain")
	mrc=$?
	rm -rf "$tmp/m"
	kb=$(tail -1 "$tmp/mem")
	case_output "$tmp/stdout-plain" "$tmp/stderr-plain" >"$tmp/got-plain"
	case "$kb" in *[!0-9]* | "") why="no memory figure: $(cat "$tmp/mem")"; return 1 ;; esac
	[ "$kb" -gt "$max_kb" ] && max_kb=$kb
	if [ "$mrc" = 124 ]; then
		why="the unsanitized build did not end within $CASE_TIMEOUT s"; return 1
	elif ! diff -u "$tmp/got" "$tmp/got-plain" >"$tmp/diff"; then
		why="the unsanitized build reports differently"; show=$tmp/diff; return 1
	elif [ "$kb" -gt "$CASE_MEM_KB" ]; then
		why="peak memory $kb KB, over $CASE_MEM_KB KB"; return 1
	fi
	[ "$CASE_SAY_OK" = 1 ] && echo "   $id peak RSS $kb KB"
	return 0
}

# case_alone: nothing but the site in $tmp/o (no OUT.tmp-* left behind)
case_alone() {
	for f in "$tmp/o"/* "$tmp/o"/.[!.]* "$tmp/o"/..?*; do
		[ -e "$f" ] || [ -L "$f" ] || continue
		[ "$f" = "$out" ] && continue
		why="left beside the output: ${f##*/}"
		return 1
	done
	return 0
}

# case_checks DIR NAME: after the run; sets why (and show) on failure
case_checks() {
	if [ "$rc" = 124 ]; then
		why="did not end within $CASE_TIMEOUT s"
	elif grep -q 'Sanitizer\|runtime error:' "$tmp/stderr"; then
		why="sanitizer report"; show=$tmp/stderr
	elif [ "$rc" != "$want" ]; then
		why="exit $rc, want $want"; show=$tmp/stderr
	elif [ -n "$CASE_EXPECTED" ] && ! diff -u "$1/$CASE_EXPECTED" "$tmp/got" >"$tmp/diff"; then
		why="output differs from $CASE_EXPECTED"; show=$tmp/diff
	elif [ "$CASE_NEED_ERROR" = 1 ] && ! grep -Eq '^[^ ][^:]*(:[0-9]+(:[0-9]+)?)?: error: ' "$tmp/got"; then
		why="no path[:line:col]: error"
	elif [ "$CASE_JSON" = 1 ] && ! python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert isinstance(d, list) and all({"file","line","column","severity","message"} <= set(x) for x in d)' "$tmp/got" 2>/dev/null; then
		why="not valid JSON findings"
	elif [ -n "$CASE_PROTECT" ] && [ "$rc" != 0 ] && ! diff -r "$tmp/snapshot" "$out" >/dev/null; then
		why="the previous site was changed"
	elif [ "$CASE_CMD" = build ] && ! case_alone; then
		:
	elif ! case_site "$1"; then
		:
	elif [ "$CASE_GOLDEN" = 1 ] && ! case_golden "$1"; then
		:
	elif [ -n "$MEMBIN" ] && case $2 in $CASE_MEM_CASES) true ;; *) false ;; esac && ! case_memory "$2"; then
		:
	fi
}

run_case() { # SUITE DIR NAME
	dir=$2 name=$3 id=$1/$3 why="" show=""
	if [ "${cases_protected:-}" != "$CASE_PROTECT" ]; then
		cases_protect
		cases_protected=$CASE_PROTECT
	fi
	out=$tmp/o/site
	if [ -z "$CASE_PROTECT" ]; then
		rm -rf "$tmp/o"
		mkdir -p "$tmp/o"
	fi
	if ! case_project "$dir" "$name"; then
		case_failed "$id" "setup.sh failed"
		return 0
	fi
	[ "$CASE_SAY_OK" = 1 ] && start=$(date +%s%N)
	case_args "$out"
	(cd "$work" && exec timeout "$CASE_TIMEOUT" "$BIN" $args >"$tmp/stdout" 2>"$tmp/stderr")
	rc=$?
	[ "$CASE_SAY_OK" = 1 ] && ms=$((($(date +%s%N) - start) / 1000000))
	case_output "$tmp/stdout" "$tmp/stderr" >"$tmp/got"
	if [ "${REGEN:-}" = 1 ] && [ -n "$CASE_EXPECTED" ]; then cp "$tmp/got" "$dir/$CASE_EXPECTED"; fi
	if [ -f "$dir/expected-exit" ]; then
		read -r want <"$dir/expected-exit"
	elif [ "$CASE_EXIT" = auto ]; then
		want=0
		grep -q ': error: ' "$dir/$CASE_EXPECTED" && want=1
	else
		want=$CASE_EXIT
	fi
	case_checks "$dir" "$name"
	if [ -n "$why" ]; then
		case_failed "$id" "$why"
		[ -n "$show" ] && cat "$show"
	else
		case_ok
		[ "$CASE_SAY_OK" = 1 ] && echo "ok   $id ($ms ms)"
	fi
	# the next case builds over the protected site as it was
	if [ -n "$CASE_PROTECT" ] && { [ "$rc" != 1 ] || [ -n "$why" ]; }; then
		rm -rf "$tmp/o"
		mkdir -p "$tmp/o"
		cp -a "$tmp/snapshot" "$out"
	fi
	return 0
}
