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

MD
