# Shared helpers for the benchmarks (sourced).
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$ROOT/build/bench
CORPUS=${CORPUS:-$ROOT/tests/corpus/js-primer}
RUNS=${RUNS:-5}
mkdir -p "$WORK"

# replicate N DIR: js-primer copied N times under DIR/copyK/ (paths differ only)
replicate() {
	n=$1 dir=$2
	[ -f "$dir/.done-$n" ] && return 0
	rm -rf "$dir" && mkdir -p "$dir"
	i=1
	while [ "$i" -le "$n" ]; do
		mkdir -p "$dir/copy$i" && cp -r "$CORPUS"/. "$dir/copy$i/"
		i=$((i + 1))
	done
	touch "$dir/.done-$n"
}

# measure CMD...: prints "seconds maxrss_kb" of one run
measure() {
	/usr/bin/time -f "%e %M" -o "$WORK/time.out" "$@" >/dev/null 2>"$WORK/cmd.err" || { cat "$WORK/cmd.err" >&2; return 1; }
	cat "$WORK/time.out"
}

# stats FILE: median min max of column 1
stats() {
	sort -n "$1" | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f %.3f %.3f\n", m, a[1], a[NR]}'
}

machine() {
	printf '%s, %s cores, %s GiB RAM, %s, load average %s when this part started' "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')" \
		"$(nproc)" "$(awk '/MemTotal/ {printf "%d", $2/1048576}' /proc/meminfo)" "$(uname -sr)" "$(cut -d' ' -f1 /proc/loadavg)"
}
