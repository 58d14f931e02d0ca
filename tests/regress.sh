#!/bin/sh
# Golden-site tests: builds tests/regress/NAME/input and compares the
# output with tests/regress/NAME/expected (diff -r). REGEN=1 rewrites the
# expected trees instead. usage: tests/regress.sh SHIRUBE
set -u
# golden outputs must not depend on when their inputs were committed
export SHIRUBE_GIT=0
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
pass=0 fail=0
for dir in "$root"/tests/regress/*/; do
	name=$(basename "$dir")
	out=$(mktemp -d)
	content=content
	[ -d "$dir/input/docs" ] && content=docs
	cfg=""
	[ -f "$dir/input/shirube.yaml" ] && cfg="--config shirube.yaml"
	if ! (cd "$dir/input" && "$bin" build $cfg --content "$content" --out "$out/site" 2>"$out/stderr"); then
		echo "FAIL regress/$name: build failed"; cat "$out/stderr"; fail=$((fail + 1)); rm -rf "$out"; continue
	fi
	# a second build must be byte-identical (determinism)
	(cd "$dir/input" && "$bin" build $cfg --content "$content" --out "$out/again" 2>/dev/null)
	if [ "${REGEN:-}" = 1 ]; then
		rm -rf "$dir/expected" && cp -r "$out/site" "$dir/expected"
		echo "regenerated regress/$name"
	elif ! diff -r "$dir/expected" "$out/site" >"$out/diff"; then
		echo "FAIL regress/$name: output differs from expected (make regen after checking)"; head -40 "$out/diff"; fail=$((fail + 1))
	elif ! diff -r "$out/site" "$out/again" >/dev/null; then
		echo "FAIL regress/$name: two builds differ"; fail=$((fail + 1))
	else
		echo "ok regress/$name"; pass=$((pass + 1))
	fi
	rm -rf "$out"
done
echo "regress: $pass passed, $fail failed"
[ "$fail" = 0 ]
