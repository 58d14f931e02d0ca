#!/bin/sh
# shirube against Hugo (Debian's hugo) and against the parsing limit
# (cmark-gfm converting the same Markdown in one process), alternating,
# RUNS times each, on js-primer x10 and x100 and a synthetic 10,000-page
# site. Same pages, one output page per input page, minimal templates.
set -eu
. "$(dirname "$0")/lib.sh"
BIN=$ROOT/shirube
D=$WORK/hugo
mkdir -p "$D"
# Every tool writes its output to a tmpfs, emptied before each run: on this
# VM's disk, creating files right after deleting a tree stalls on ext4's
# inode reuse checks (recently_deleted), seconds of noise for all tools.
# One row per corpus repeats shirube with its output on the disk.
OUT=${BENCH_OUT:-/dev/shm/shirube-bench}
[ -d "$(dirname "$OUT")" ] || OUT=$WORK/out
mkdir -p "$OUT"
command -v hugo >/dev/null 2>&1 || { echo "hugo is not installed (apt-get install hugo)" >&2; exit 1; }
replicate 10 "$WORK/jsp10"
replicate 100 "$WORK/jsp100"
[ -f "$WORK/synth10k/.done" ] || { rm -rf "$WORK/synth10k"; python3 "$ROOT/bench/synth.py" "$WORK/synth10k" 10000; touch "$WORK/synth10k/.done"; }
# the theme sits inside the bench project (build/bench): a config may only name its own
rm -rf "$WORK/theme-min" && cp -r "$ROOT/bench/theme-min" "$WORK/theme-min"
printf 'title: bench\ntheme: theme-min\nsearch: false\ngit_history: false\n' >"$WORK/min.yaml"
printf 'title: bench\ntheme: theme-min\nsearch: true\ngit_history: false\n' >"$WORK/min-search.yaml"

cat <<MD
## Build speed: shirube, Hugo and cmark-gfm

- Date: $(date -u +%Y-%m-%d), machine: $(machine); $(hugo version | cut -d' ' -f1-2), cmark-gfm $(cmark-gfm --version | head -1 | awk '{print $2}').
- Same Markdown for all three, one output page per input page, equivalent minimal templates (title, body, one navigation link: \`bench/theme-min\`, \`bench/hugo/layouts\`). For Hugo the copies' \`index.md\` become \`_index.md\` (Hugo's home/section page; a plain \`index.md\` would turn the whole tree into one page bundle), and files without front matter get an empty one (Hugo refuses a file that starts with an HTML comment otherwise).
- Commands: \`shirube build --config build/bench/min.yaml --content C --out O\` (search off; and \`min-search.yaml\` with the search index), \`hugo -s S -d O --quiet\`, \`cmark-gfm -e table -e strikethrough -e autolink -e tagfilter -e tasklist FILES > /dev/null\`. $RUNS runs each, alternating; wall time and peak RSS from /usr/bin/time.
- Output: every tool writes to an empty directory on a tmpfs (\`$OUT\`, deleted before each run, outside the timing). On this VM's disk, creating thousands of files right after a tree was deleted stalls on ext4's inode-reuse checks (seconds of noise, for every tool); the row "output on disk" repeats shirube (search off) writing to build/bench instead, after a \`sync\`.

| corpus | tool | median s | min–max s | peak RSS MB (median) | vs Hugo | vs cmark-gfm |
| --- | --- | --- | --- | --- | --- | --- |
MD

prep_hugo() {
	src=$1 site=$2
	[ -f "$site/.done" ] && return 0
	rm -rf "$site" && mkdir -p "$site"
	cp -r "$ROOT/bench/hugo/." "$site/"
	cp -r "$src" "$site/content"
	find "$site/content" -name index.md | while read -r f; do mv "$f" "$(dirname "$f")/_index.md"; done
	# Hugo stops at a file that opens with an HTML comment and has no front
	# matter ("starting HTML comment with no end"): give those an empty one
	find "$site/content" -name '*.md' | while read -r f; do head -1 "$f" | grep -q '^---$' || sed -i '1i ---\n---' "$f"; done
	touch "$site/.done"
}

row() {
	id=$1 label=$2 corpus=$3
	prep_hugo "$corpus" "$D/$id-hugo"
	files=$(find "$corpus" -name '*.md' | sort)
	for t in off on hugo cmark disk; do : >"$D/$id.$t.t"; : >"$D/$id.$t.m"; done
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		rm -rf "$OUT/$id-off"
		set -- $(cd "$ROOT" && measure "$BIN" build --config "$WORK/min.yaml" --content "$corpus" --out "$OUT/$id-off"); echo "$1" >>"$D/$id.off.t"; echo "$2" >>"$D/$id.off.m"
		rm -rf "$OUT/$id-on"
		set -- $(cd "$ROOT" && measure "$BIN" build --config "$WORK/min-search.yaml" --content "$corpus" --out "$OUT/$id-on"); echo "$1" >>"$D/$id.on.t"; echo "$2" >>"$D/$id.on.m"
		rm -rf "$OUT/$id-hugo-out"
		set -- $(measure hugo -s "$D/$id-hugo" -d "$OUT/$id-hugo-out" --quiet); echo "$1" >>"$D/$id.hugo.t"; echo "$2" >>"$D/$id.hugo.m"
		rm -rf "$D/$id-disk" && sync
		set -- $(cd "$ROOT" && measure "$BIN" build --config "$WORK/min.yaml" --content "$corpus" --out "$D/$id-disk"); echo "$1" >>"$D/$id.disk.t"; echo "$2" >>"$D/$id.disk.m"
		# shellcheck disable=SC2086
		set -- $(measure cmark-gfm -e table -e strikethrough -e autolink -e tagfilter -e tasklist $files); echo "$1" >>"$D/$id.cmark.t"; echo "$2" >>"$D/$id.cmark.m"
		i=$((i + 1))
	done
	set -- $(stats "$D/$id.hugo.t"); hugo_med=$1
	set -- $(stats "$D/$id.cmark.t"); cm_med=$1
	pages_in=$(echo "$files" | wc -l)
	pages_hugo=$(find "$OUT/$id-hugo-out" -name '*.html' | wc -l)
	for t in off on disk hugo cmark; do
		set -- $(stats "$D/$id.$t.t"); med=$1 min=$2 max=$3
		mem=$(stats "$D/$id.$t.m" | awk '{printf "%.0f", $1 / 1024}')
		vs_h=$(awk -v h="$hugo_med" -v m="$med" 'BEGIN {printf "%.1f× faster", h / m}')
		vs_c=$(awk -v c="$cm_med" -v m="$med" 'BEGIN {printf "%.2f× its time", m / c}')
		case $t in
		off) name="shirube (search off)" ;;
		on) name="shirube (with search index)" ;;
		disk) name="shirube (search off, output on disk)" ;;
		hugo) name="Hugo ($pages_hugo pages written)"; vs_h="—" ;;
		cmark) name="cmark-gfm (parse + HTML only)"; vs_c="—"; vs_h="—" ;;
		esac
		echo "| $label ($pages_in files) | $name | $med | $min–$max | $mem | $vs_h | $vs_c |"
	done
}

row jsp10 "js-primer ×10" "$WORK/jsp10"
row jsp100 "js-primer ×100" "$WORK/jsp100"
row synth10k "synthetic 10k" "$WORK/synth10k"
rm -rf "$OUT"
echo
