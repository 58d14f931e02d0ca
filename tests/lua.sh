#!/bin/sh
# Lua hook tests. Each tests/lua/NAME/ is a case: its hooks/*.lua go into
# content/hooks/ of a copy of tests/lua/_base/ (after NAME/setup.sh, if
# any, ran in that copy), and the build must
#   - print exactly NAME/expected.txt on stderr (the summary line aside),
#   - exit 1 when expected.txt holds an error, else 0,
#   - end within 2 s under ASan and UBSan, without a sanitizer report,
#   - when it fails, leave the previously built site untouched,
#   - contain every "FILE<TAB>TEXT" line of NAME/site.txt (TEXT in FILE).
# Given SHIRUBE (the unsanitized build), sandbox-* cases also run on it: it
# must print the same within 2 s, and its peak RSS must stay under
# MEM_LIMIT_KB (the 64 MiB hook cap plus the generator itself).
# Two more checks: every function documented in docs/lua-api.md exists
# (and every function of shirube.* is documented), and the real site has
# the shipped hooks' pages, linked from the navigation.
# CASES="GLOB ..." runs only the matching cases, SKIP="GLOB ..." all others
# (make quick skips the slowest).
# REGEN=1 rewrites expected.txt. The runner is tests/run-cases.sh.
# usage: tests/lua.sh SHIRUBE_ASAN [SHIRUBE]
set -u
# messages in English (a Japanese locale would give Japanese messages)
export LC_ALL=C.UTF-8
. "$(dirname "$0")/run-cases.sh"
BIN=$(abs "$1")
[ $# -ge 2 ] && MEMBIN=$(abs "$2")
CASE_BASE=$root/tests/lua/_base
CASE_PROTECT=$root/tests/lua/_base
CASE_TIMEOUT=2
CASE_EXIT=auto
CASE_MEM_CASES='sandbox-*'
CASE_MEM_KB=${MEM_LIMIT_KB:-131072}

run_cases lua "$root/tests/lua"

# Every `### shirube.NAME(` heading of docs/lua-api.md names a function,
# and every function in shirube.* has such a heading.
names=$(grep -o '^### `shirube\.[a-z_]*' "$root/docs/lua-api.md" | sed 's/.*shirube\.//' | sort -u)
if [ -z "$names" ]; then
	case_failed lua/doc-functions "no functions found in docs/lua-api.md"
elif cases_selected doc-functions; then
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
	run_case lua "$tmp/doc" doc-functions
fi

# The shipped hooks: their pages are in the real site and in its navigation.
if ! cases_selected shipped-hooks; then
	:
elif (cd "$root" && timeout 20 "$BIN" build --out "$tmp/real" >/dev/null 2>"$tmp/stderr"); then
	ok=1
	for p in glossary.html publishers.html scs-checklist.html; do
		[ -f "$tmp/real/$p" ] || { case_failed lua/shipped-hooks "no $p"; ok=0; }
		grep -q "<li><a href=\"$p\">" "$tmp/real/index.html" || { case_failed lua/shipped-hooks "$p is not in the navigation"; ok=0; }
	done
	n=$(grep -c 'type="checkbox"' "$tmp/real/scs-checklist.html")
	[ "$n" -ge 7 ] || { case_failed lua/shipped-hooks "the SCS checklist has $n checkboxes"; ok=0; }
	[ "$ok" = 1 ] && case_ok
else
	case_failed lua/shipped-hooks "the real site does not build"; cat "$tmp/stderr"
fi

cases_end lua
