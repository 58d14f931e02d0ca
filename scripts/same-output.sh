#!/bin/sh
# Byte-identical output of two shirube binaries (a refactor's check): the
# real content, js-primer x10 and the synthetic plain tree, each built with
# both cores and with SHIRUBE_THREADS=1, search index included.
# usage: scripts/same-output.sh OLD_BINARY NEW_BINARY
set -eu
OLD=$(realpath "$1") NEW=$(realpath "$2")
ROOT=$(cd "$(dirname "$0")/.." && pwd)
W=${W:-/tmp/same-output}
mkdir -p "$W"
if [ ! -f "$W/jsp10/.done-2" ]; then
	rm -rf "$W/jsp10" && mkdir -p "$W/jsp10/content"
	for i in 1 2 3 4 5 6 7 8 9 10; do
		mkdir -p "$W/jsp10/content/copy$i" && cp -r "$ROOT/tests/corpus/js-primer/." "$W/jsp10/content/copy$i/"
	done
	mkdir -p "$W/jsp10/themes" && cp -r "$ROOT/themes/default" "$W/jsp10/themes/default"
	printf 'title: jsp10\nsearch: true\ngit_history: false\n' >"$W/jsp10/shirube.yaml"
	touch "$W/jsp10/.done-2"
fi
fail=0
run() { # name dir threads [build options]
	name=$1 dir=$2 threads=$3
	shift 3
	for b in old new; do
		eval bin=\$$(echo $b | tr a-z A-Z)
		rm -rf "$W/out-$name-$threads-$b"
		(cd "$dir" && SHIRUBE_THREADS=$threads "$bin" build --out "$W/out-$name-$threads-$b" "$@" >"$W/log-$name-$threads-$b" 2>&1) || true
		sed -i 's/, [0-9]* ms/, N ms/' "$W/log-$name-$threads-$b"
	done
	set -- "$name" "$dir" "$threads"
	if diff -r "$W/out-$1-$3-old" "$W/out-$1-$3-new" >/dev/null && cmp -s "$W/log-$1-$3-old" "$W/log-$1-$3-new"; then
		echo "same $1 threads=$3 ($(find "$W/out-$1-$3-new" -type f | wc -l) files)"
	else
		echo "DIFF $1 threads=$3"; diff -r "$W/out-$1-$3-old" "$W/out-$1-$3-new" | head -20
		diff "$W/log-$1-$3-old" "$W/log-$1-$3-new" | head; fail=1
	fi
}
for t in 1 2; do
	run content "$ROOT" $t
	run content-base-url "$ROOT" $t --base-url https://example.org/guides/
	run jsp10 "$W/jsp10" $t
done
exit $fail
