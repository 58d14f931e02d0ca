#!/bin/sh
# Runs each named harness once over every input that must keep passing:
# the crashes fixed so far (tests/fuzz/regress/NAME/*) and the seeds
# (tests/fuzz/seeds/NAME/*), one process per input so one failure does not
# hide the others. Ends with "fuzz-regress: N passed, M failed".
# usage: tests/fuzz/regress.sh NAME...
set -u
cd "$(dirname "$0")/../.." || exit 2
pass=0
fail=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for name in "$@"; do
	for f in tests/fuzz/regress/"$name"/* tests/fuzz/seeds/"$name"/*; do
		[ -f "$f" ] || continue
		if build/fuzz/fuzz_"$name" -timeout=10 -rss_limit_mb=2048 "$f" >"$log" 2>&1; then
			pass=$((pass + 1))
		else
			fail=$((fail + 1))
			echo "FAIL fuzz_$name $f"
			grep -E '^==[0-9]+==ERROR|^SUMMARY|^    #[0-9] |ALARM|out-of-memory' "$log" | head -n 12 | sed 's/^/  /'
		fi
	done
done
echo "fuzz-regress: $pass passed, $fail failed"
[ "$fail" = 0 ]
