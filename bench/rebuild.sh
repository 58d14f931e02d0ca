#!/bin/sh
# Incremental rebuild in serve's rebuild path: `shirube serve` on a copy of
# the project (a git checkout, like an editor's), then EDITS saves of one
# file, each waited for; reports the time until the edited pages are served
# ("pages ready") and until the search index is updated too.
set -eu
. "$(dirname "$0")/lib.sh"
BIN=${BIN:-$ROOT/shirube}
EDITS=${EDITS:-15}
D=$WORK/rebuild
replicate 10 "$WORK/jsp10"

# bench_serve LABEL PROJECT_DIR FILE_TO_EDIT PREVIEW_DIR [serve args...]
bench_serve() {
	label=$1 proj=$2 file=$3 preview=$4
	shift 4
	log=$D/$label.log
	(cd "$proj" && "$BIN" serve --port 0 --out "$preview" "$@" >"$D/$label.out" 2>"$log") &
	i=0
	while ! grep -q "http://127.0.0.1" "$D/$label.out" 2>/dev/null; do
		sleep 0.1; i=$((i + 1)); [ "$i" -lt 600 ] || { echo "serve did not start" >&2; exit 1; }
	done
	sleep 0.5
	n=0
	while [ "$n" -lt "$EDITS" ]; do
		before=$(grep -c "rebuilt in" "$log" || true)
		printf '\n<!-- edit %d -->\n' "$n" >>"$proj/$file"
		i=0
		while [ "$(grep -c "rebuilt in" "$log" || true)" -le "$before" ]; do
			sleep 0.05; i=$((i + 1)); [ "$i" -lt 400 ] || { echo "no rebuild after an edit" >&2; break; }
		done
		sleep 0.3
		n=$((n + 1))
	done
	pkill -TERM -f "serve --port 0 --out $preview" || true
	sleep 0.5
	grep "pages ready in" "$log" | tail -n "$EDITS" | awk '{print $(NF-1) / 1000}' >"$D/$label.ready"
	grep "rebuilt in" "$log" | tail -n "$EDITS" | awk '{print $(NF-1) / 1000}' >"$D/$label.total"
	set -- $(stats "$D/$label.ready"); r_med=$1 r_min=$2 r_max=$3
	set -- $(stats "$D/$label.total"); t_med=$1 t_min=$2 t_max=$3
	rm -rf "$preview"
	awk -v l="$label" -v f="$file" -v a="$r_med" -v b="$r_min" -v c="$r_max" -v x="$t_med" -v y="$t_min" -v z="$t_max" -v n="$EDITS" \
		'BEGIN {printf "| %s | %s | %d | %.1f | %.1f–%.1f | %.1f | %.1f–%.1f |\n", l, f, n, a * 1000, b * 1000, c * 1000, x * 1000, y * 1000, z * 1000}'
}

rm -rf "$D" && mkdir -p "$D/real" "$D/jsp10"
for d in content personas journeys themes shirube.yaml; do cp -r "$ROOT/$d" "$D/real/"; done
(cd "$D/real" && git init -q && git add -A && git -c user.name=bench -c user.email=bench@example.org commit -qm bench)
cp -r "$WORK/jsp10/." "$D/jsp10/content/" 2>/dev/null || { mkdir -p "$D/jsp10/content" && cp -r "$WORK/jsp10/." "$D/jsp10/content/"; }
printf 'title: bench\n' >"$D/jsp10/shirube.yaml"
cp -r "$ROOT/themes" "$D/jsp10/"

cat <<MD
## Incremental rebuild (serve)

- Date: $(date -u +%Y-%m-%d), machine: $(machine).
- \`shirube serve\` on a copy of the project (a git checkout), then $EDITS saves of one file, one at a time; times are those serve prints for each rebuild. "Pages ready" is when the rebuilt pages have been swapped in and are served; "with index" adds updating the search index, which a preview does right after. Between rebuilds serve keeps each page's rendered Markdown and the git history (read once per HEAD); everything else is rebuilt.
- The preview directory is on a tmpfs (\`/dev/shm\`), like the build benchmark's output; the rows "preview on disk" repeat the run with it under build/bench on this VM's ext4 disk. There every rebuild creates a new tree right after deleting the previous one, and ext4 skips inodes freed in the last ~35 s when it allocates new ones (\`recently_deleted\` in \`__ext4_new_inode\`, which perf shows as the top kernel symbol); the cost depends on how many files earlier rebuilds freed and grows over a series of saves.

| site | file edited | edits | pages ready ms (median) | min–max | with index ms (median) | min–max |
| --- | --- | --- | --- | --- | --- | --- |
MD
SHM=/dev/shm/shirube-bench
mkdir -p "$SHM"
bench_serve real "$D/real" content/guidelines/sme-guideline.md "$SHM/rebuild-real"
bench_serve "real, preview on disk" "$D/real" content/guidelines/sme-guideline.md "$D/real-preview"
bench_serve jsp10 "$D/jsp10" content/copy1/basic/async/README.md "$SHM/rebuild-jsp10"
bench_serve "jsp10, preview on disk" "$D/jsp10" content/copy1/basic/async/README.md "$D/jsp10-preview"
echo
