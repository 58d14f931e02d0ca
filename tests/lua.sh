#!/bin/sh
# Lua hook tests. Each tests/lua/NAME/ is a case: its hooks/*.lua go into
# content/hooks/ of a copy of tests/lua/_base/ (after NAME/setup.sh, if
# any, ran in that copy), and the build must
#   - print exactly NAME/expected.txt on stderr (the summary line aside),
#   - exit 1 when expected.txt holds an error, else 0,
#   - end within 2 s under ASan and UBSan, without a sanitizer report,
#   - when it fails, leave the previously built site untouched,
#   - contain every "FILE<TAB>TEXT" line of NAME/site.txt (TEXT in FILE).
# sandbox-* cases also run on the plain build, whose peak RSS must stay
# under MEM_LIMIT_KB (the 64 MiB hook cap plus the generator itself).
# Two more checks: every function documented in docs/lua-api.md exists
# (and every function of shirube.* is documented), and the real site has
# the shipped hooks' pages, linked from the navigation.
# REGEN=1 rewrites expected.txt. usage: tests/lua.sh SHIRUBE_ASAN [SHIRUBE]
set -u
# messages in English (a Japanese locale would give Japanese messages)
export LC_ALL=C.UTF-8
abs() { echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; }
bin=$(abs "$1")
plain=$(abs "${2:-$1}")
root=$(cd "$(dirname "$0")/.." && pwd)
MEM_LIMIT_KB=${MEM_LIMIT_KB:-131072}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export ROOT="$root"
pass=0 fail=0
failed() { echo "FAIL lua/$1: $2"; fail=$((fail + 1)); }

# a good site to protect
(cd "$root/tests/lua/_base" && "$bin" build --out "$tmp/site" 2>"$tmp/stderr") ||
	{ echo "FAIL lua: cannot build tests/lua/_base"; cat "$tmp/stderr"; exit 1; }
cp -a "$tmp/site" "$tmp/snapshot"

# Makes the project of case dir in $tmp/proj.
make_project() {
	rm -rf "$tmp/proj"
	cp -a "$root/tests/lua/_base" "$tmp/proj"
	mkdir -p "$tmp/proj/content/hooks"
	cp "$1"/hooks/*.lua "$tmp/proj/content/hooks/" 2>/dev/null
	if [ -f "$1/setup.sh" ]; then (cd "$tmp/proj" && sh "$1/setup.sh") || return 1; fi
	return 0
}

run_case() { # dir name
	dir=$1 name=$2 before=$pass
	make_project "$dir" || { failed "$name" "setup.sh failed"; return; }
	start=$(date +%s%N)
	(cd "$tmp/proj" && timeout 2 "$bin" build --out "$tmp/site" >"$tmp/stdout" 2>"$tmp/stderr")
	rc=$?
	ms=$(( ($(date +%s%N) - start) / 1000000 ))
	grep -v '^shirube: .* pages written, ' "$tmp/stderr" >"$tmp/got"
	if [ "${REGEN:-}" = 1 ]; then cp "$tmp/got" "$dir/expected.txt"; fi
	want=0
	grep -q ': error: ' "$dir/expected.txt" && want=1
	if [ "$rc" = 124 ]; then
		failed "$name" "did not end within 2 s"
	elif grep -q 'Sanitizer\|runtime error:' "$tmp/stderr"; then
		failed "$name" "sanitizer report"; cat "$tmp/stderr"
	elif [ "$rc" != "$want" ]; then
		failed "$name" "exit $rc, want $want"; cat "$tmp/stderr"
	elif ! diff -u "$dir/expected.txt" "$tmp/got"; then
		failed "$name" "diagnostics differ"
	elif [ "$want" = 1 ] && ! diff -r "$tmp/snapshot" "$tmp/site" >/dev/null; then
		failed "$name" "the previous site was changed"
		rm -rf "$tmp/site"; cp -a "$tmp/snapshot" "$tmp/site"
	elif ! check_site "$dir" "$name"; then
		:
	elif case $name in sandbox-*) true ;; *) false ;; esac && ! check_memory "$name"; then
		:
	else
		pass=$((pass + 1))
	fi
	if [ "$want" = 0 ]; then rm -rf "$tmp/site"; cp -a "$tmp/snapshot" "$tmp/site"; fi
	[ -n "${VERBOSE:-}" ] && [ "$pass" -gt "$before" ] && echo "ok lua/$name ${ms} ms"
	return 0
}

check_site() { # dir name: every FILE<TAB>TEXT of site.txt
	[ -f "$1/site.txt" ] || return 0
	while IFS='	' read -r file text; do
		[ -z "$file" ] && continue
		if [ ! -f "$tmp/site/$file" ]; then
			failed "$2" "no $file in the site"; return 1
		elif ! grep -qF -- "$text" "$tmp/site/$file"; then
			failed "$2" "$file lacks: $text"; return 1
		fi
	done <"$1/site.txt"
	return 0
}

check_memory() { # name: peak RSS of the plain build (getrusage), same output
	(cd "$tmp/proj" && python3 - "$plain" "$tmp" <<'PY'
import resource, subprocess, sys
plain, tmp = sys.argv[1], sys.argv[2]
with open(tmp + "/stderr-plain", "wb") as err:
    rc = subprocess.run(["timeout", "2", plain, "build", "--out", tmp + "/site-plain"],
                        stdout=subprocess.DEVNULL, stderr=err).returncode
with open(tmp + "/rss", "w") as out:
    out.write("%d %d\n" % (rc, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
PY
	)
	read -r rc kb <"$tmp/rss"
	grep -v '^shirube: .* pages written, ' "$tmp/stderr-plain" >"$tmp/got-plain"
	if [ "$rc" = 124 ]; then
		failed "$1" "the plain build did not end within 2 s"; return 1
	elif ! diff -u "$tmp/got" "$tmp/got-plain"; then
		failed "$1" "the plain build reports differently"; return 1
	elif [ "$kb" -gt "$MEM_LIMIT_KB" ]; then
		failed "$1" "peak RSS ${kb} KiB > ${MEM_LIMIT_KB} KiB"; return 1
	fi
	[ -n "${VERBOSE:-}" ] && echo "   lua/$1 peak RSS ${kb} KiB"
	return 0
}

for dir in "$root"/tests/lua/*/; do
	dir=${dir%/}
	name=$(basename "$dir")
	[ "$name" = _base ] && continue
	run_case "$dir" "$name"
done

# Every `### shirube.NAME(` heading of docs/lua-api.md names a function,
# and every function in shirube.* has such a heading.
names=$(grep -o '^### `shirube\.[a-z_]*' "$root/docs/lua-api.md" | sed 's/.*shirube\.//' | sort -u)
if [ -z "$names" ]; then
	failed doc-functions "no functions found in docs/lua-api.md"
else
	mkdir -p "$tmp/doc/hooks"
	{
		echo "local documented = {}"
		for n in $names; do
			echo "documented['$n'] = true"
			echo "if type(shirube['$n']) ~= 'function' then shirube.error('documented but missing: shirube.$n') end"
		done
		echo "for k, v in pairs(shirube) do"
		echo "  if type(v) == 'function' and not documented[k] then shirube.error('not documented: shirube.' .. k) end"
		echo "end"
	} >"$tmp/doc/hooks/doc.lua"
	: >"$tmp/doc/expected.txt"
	run_case "$tmp/doc" doc-functions
fi

# The shipped hooks: their pages are in the real site and in its navigation.
if (cd "$root" && timeout 20 "$bin" build --out "$tmp/real" >/dev/null 2>"$tmp/stderr"); then
	ok=1
	for p in glossary.html publishers.html scs-checklist.html; do
		[ -f "$tmp/real/$p" ] || { failed shipped-hooks "no $p"; ok=0; }
		grep -q "<li><a href=\"$p\">" "$tmp/real/index.html" || { failed shipped-hooks "$p is not in the navigation"; ok=0; }
	done
	n=$(grep -c 'type="checkbox"' "$tmp/real/scs-checklist.html")
	[ "$n" -ge 7 ] || { failed shipped-hooks "the SCS checklist has $n checkboxes"; ok=0; }
	[ "$ok" = 1 ] && pass=$((pass + 1))
else
	failed shipped-hooks "the real site does not build"; cat "$tmp/stderr"
fi

echo "lua: $pass passed, $fail failed"
[ "$fail" = 0 ]
