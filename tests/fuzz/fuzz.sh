#!/bin/sh
# Runs each named libFuzzer harness (build/fuzz/fuzz_NAME) for
# $FUZZ_SECONDS: corpus build/fuzz/corpus/NAME (new inputs go there) plus
# the seeds tests/fuzz/seeds/NAME, crashes into build/fuzz/crashes/NAME,
# the full log in build/fuzz/logs/NAME.log. Prints libFuzzer's last stats
# line per harness, appends it to build/fuzz/history.txt, and exits 1 when
# a harness found a crash, a leak or a timeout.
# usage: FUZZ_SECONDS=600 tests/fuzz/fuzz.sh NAME...
set -u
secs=${FUZZ_SECONDS:-600}
cd "$(dirname "$0")/../.." || exit 2
failed=0
for name in "$@"; do
	bin=build/fuzz/fuzz_$name
	corpus=build/fuzz/corpus/$name
	crashes=build/fuzz/crashes/$name
	log=build/fuzz/logs/$name.log
	mkdir -p "$corpus" "$crashes" build/fuzz/logs
	case $name in
	mustache | search) maxlen=16384 ;;
	*) maxlen=65536 ;;
	esac
	case $name in
	frontmatter | journey) dict=yaml ;;
	*) dict=$name ;;
	esac
	dict="-dict=tests/fuzz/$dict.dict"
	before=$(ls "$crashes" | wc -l)
	echo "fuzz $name: ${secs}s, -max_len=$maxlen, log in $log"
	start=$(date +%s)
	"$bin" -max_total_time="$secs" -max_len="$maxlen" -timeout=10 -rss_limit_mb=2048 \
		-artifact_prefix="$crashes/" -print_final_stats=1 "$dict" \
		"$corpus" "tests/fuzz/seeds/$name" >"$log" 2>&1
	rc=$?
	took=$(($(date +%s) - start))
	stats=$(grep -E '^#[0-9]+' "$log" | tail -n 1)
	after=$(ls "$crashes" | wc -l)
	result="ok"
	if [ "$rc" != 0 ] || [ "$after" != "$before" ]; then
		result="FAILED (exit $rc; new files in $crashes: $((after - before)))"
		failed=1
		grep -E '^==[0-9]+==ERROR|^SUMMARY|Test unit written to|ALARM|out-of-memory' "$log" | head -n 8 | sed 's/^/  /'
	fi
	echo "fuzz $name: ${took}s $stats: $result"
	echo "$(date -u +%FT%TZ) $name ${took}s $stats $result" >>build/fuzz/history.txt
done
exit $failed
