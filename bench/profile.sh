#!/bin/sh
# Where the time goes: one build of the real content under callgrind
# (instruction counts: repeatable whatever else the machine does).
set -eu
. "$(dirname "$0")/lib.sh"
out=$WORK/callgrind.out
(cd "$ROOT" && SHIRUBE_THREADS=1 valgrind --tool=callgrind --callgrind-out-file="$out" ./shirube build --out "$WORK/profile-site" >/dev/null 2>&1)
total=$(callgrind_annotate "$out" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}')
cat <<MD
## Profile (callgrind)

- Date: $(date -u +%Y-%m-%d), machine: $(machine). Command: \`SHIRUBE_THREADS=1 valgrind --tool=callgrind ./shirube build\` on the real content; instructions, inclusive, per pipeline stage.

| function | instructions | share |
| --- | --- | --- |
MD
callgrind_annotate --inclusive=yes "$out" 2>/dev/null |
	grep -E "(load_site|resolve_site|render_bodies|crosslink_site|gitinfo_apply|hooks_run|render_site|mus_render|index_site|sr_tokenize|md_render) \[" |
	awk -v t="$total" '{n = $1; gsub(",", "", n); match($0, /:[a-z_]+ \[/); name = substr($0, RSTART + 1, RLENGTH - 3); if (!seen[name]++) printf "| %s | %d | %.1f%% |\n", name, n, 100 * n / t}'
echo "| (whole program) | $total | 100% |"
# the big corpus, wall-clock per stage (SHIRUBE_TIMING), with the index
replicate 100 "$WORK/jsp100"
# the theme sits inside the bench project (build/bench): a config may only name its own
rm -rf "$WORK/theme-min" && cp -r "$ROOT/bench/theme-min" "$WORK/theme-min"
printf 'title: bench\ntheme: theme-min\nsearch: true\ngit_history: false\n' >"$WORK/min-search.yaml"
P=${BENCH_OUT:-/dev/shm/shirube-bench}/profile
rm -rf "$P" && mkdir -p "$(dirname "$P")"
# once to warm the page cache (the corpus may have been evicted), then timed
(cd "$ROOT" && ./shirube build --config "$WORK/min-search.yaml" --content "$WORK/jsp100" --out "$P" >/dev/null 2>&1)
rm -rf "$P"
(cd "$ROOT" && SHIRUBE_TIMING=1 ./shirube build --config "$WORK/min-search.yaml" --content "$WORK/jsp100" --out "$P" 2>&1 >/dev/null) | grep -E '^shirube: +(index +)?[a-z]+ +[0-9.]+ ms' >"$WORK/stages.txt" || true
rm -rf "$P" && mkdir -p "$(dirname "$P")"
cat <<MD

Stages of one build of js-primer ×100 with the search index (after one untimed build), wall-clock (\`SHIRUBE_TIMING=1 shirube build --config build/bench/min-search.yaml\`, output on the tmpfs), both cores:

| stage | ms |
| --- | --- |
MD
awk '{ms = $(NF - 1); $1 = ""; $(NF) = ""; $(NF - 1) = ""; gsub(/^ +| +$/, ""); printf "| %s | %s |\n", $0, ms}' "$WORK/stages.txt"
cat <<'MD'

What the profile led to (each change kept the output byte-identical):
Mustache lookups scanned map keys with strncmp (about a third of the
render time), so maps of more than 8 keys now keep a hash index and the
engine looks names up with `value_getn`; `buf_printf` formatted twice and
big index strings went through printf, now one pass and plain copies;
libgit2 reads the system CA bundle when it starts (about 50 M
instructions), so it starts once per process and serve reuses it; the
history walk diffs only the content directories and serve caches it per
HEAD; serve also keeps every page's rendered Markdown. Pages are rendered
and written on both cores (`SHIRUBE_THREADS` overrides; the files are the
same whichever thread writes them).

On js-primer ×100 (perf, then the stage times above) three things
dominated, and each was changed with the output kept byte-identical:
Markdown (cmark-gfm) ran on one core because cmark-gfm 0.29 keeps its
inline special-character table in a global that every parse sets and
clears, so two threads corrupt each other's output; it ran for a while in
this process and one forked helper (resolve 2.5 s → 1.4 s), and since
2026-12-05 on par_for's threads, with that table switched on once and
left on (`generator/markdown.c`, docs/design.md). The search index kept every posting as a 40-byte record plus a
malloc'd position array, then formatted each list twice (1.9 GB RSS,
11 s); postings are now varints per term, formatted once straight into
the shard files (5.0 s, 570 MB). Tokenising (with the section text) runs
in two threads whose term tables are merged, and every shard and chunk
file is written from a shared work counter on both cores (3.2 s, 630 MB:
each thread's terms); the tokenizer decodes UTF-8 inline and copies ASCII
runs whole, and section text is copied in runs, not a byte at a time
(2.8 s). Loading stopped calling realpath (a syscall per path component)
on every directory, only on links; files are created without a mkdir per
path component unless the directory is missing.

MD
