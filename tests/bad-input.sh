#!/bin/sh
# Bad-input corpus: each tests/bad-input/NAME/ is a project that must fail
# with exit 1, print exactly NAME/expected.txt (the summary line aside), and
# leave a previously built site byte-for-byte unchanged.
# REGEN=1 rewrites expected.txt. usage: tests/bad-input.sh SHIRUBE
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# a good site to protect
(cd "$root/tests/regress/basic/input" && "$bin" build --out "$tmp/site" 2>/dev/null) || { echo "FAIL bad-input: cannot build the good site"; exit 1; }
cp -a "$tmp/site" "$tmp/snapshot"
pass=0 fail=0
for dir in "$root"/tests/bad-input/*/; do
	name=$(basename "$dir")
	cfg=""
	[ -f "$dir/shirube.yaml" ] && cfg="--config shirube.yaml"
	(cd "$dir" && timeout 5 "$bin" build $cfg --out "$tmp/site" >"$tmp/stdout" 2>"$tmp/stderr")
	rc=$?
	grep -v '^shirube: .* pages written, ' "$tmp/stderr" >"$tmp/got"
	if [ "${REGEN:-}" = 1 ]; then cp "$tmp/got" "$dir/expected.txt"; fi
	if [ "$rc" != 1 ]; then
		echo "FAIL bad-input/$name: exit $rc, want 1"; cat "$tmp/stderr"; fail=$((fail + 1))
	elif ! diff -u "$dir/expected.txt" "$tmp/got"; then
		echo "FAIL bad-input/$name: diagnostics differ"; fail=$((fail + 1))
	elif ! grep -Eq '^.+:[0-9]+:[0-9]+: error: ' "$tmp/got"; then
		echo "FAIL bad-input/$name: no path:line:col error"; fail=$((fail + 1))
	elif ! diff -r "$tmp/snapshot" "$tmp/site" >/dev/null; then
		echo "FAIL bad-input/$name: the previous site was changed"; fail=$((fail + 1))
		rm -rf "$tmp/site"; cp -a "$tmp/snapshot" "$tmp/site"
	elif ls -d "$tmp"/site.tmp-* >/dev/null 2>&1; then
		echo "FAIL bad-input/$name: a temporary directory was left behind"; fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
done
echo "bad-input: $pass passed, $fail failed"
[ "$fail" = 0 ]
