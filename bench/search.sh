#!/bin/sh
# Search benchmark: shirube vs Pagefind 1.6 on the same sites (our content,
# js-primer x1 and x10): index build time (RUNS runs, alternating), index
# bytes, then relevance, bytes and latency in Chromium over nginx.
set -eu
. "$(dirname "$0")/lib.sh"
BIN=$ROOT/shirube
PF=$ROOT/bench/pagefind/node_modules/.bin/pagefind
[ -x "$PF" ] || (cd "$ROOT/bench/pagefind" && npm install --no-audit --no-fund --loglevel=error >&2)
D=$WORK/search
mkdir -p "$D"
replicate 10 "$WORK/jsp10"
printf 'title: bench\nsearch: true\n' >"$D/on.yaml"
printf 'title: bench\nsearch: false\n' >"$D/off.yaml"

cat <<MD
## Search: shirube vs Pagefind 1.6

- Date: $(date -u +%Y-%m-%d), machine: $(machine)
- Build: \`shirube build\` with \`search: true\` and \`search: false\` alternately, and \`pagefind --site\` (1.6.0, npm) on the site built without our index, $RUNS runs each. shirube's index time is the difference of the two builds' medians.
- Queries: \`tests/search/queries.yaml\` in headless Chromium (Debian chromium, playwright-core) against nginx on 127.0.0.1 with gzip on for both. Relevance is judged per page for both engines, with graded judgements (nDCG@10: gain 2 for an \`expect\` page, 1 for an \`ok\` page; MRR@10: the first \`expect\` page) (our section results are folded into their pages; copies of js-primer count alike). Bytes are what nginx sent (headers included), read from its access log, so Pagefind's web-worker requests count. "Cold" is the first query in a fresh browser context, including the search library itself; "later" is the average of the other queries. Latency is the time for \`search()\` plus loading the top 10 results' data, first query excluded.

Latency is given twice: "p50/p95 ms" includes loading the index files a query needs (first use of each file), "cached p50/p95 ms" repeats every query once all its files are loaded (ranking and excerpts alone). The first figure is dominated by the number of files a query touches: the line under the table gives what this Chromium takes to load ten tiny scripts at once, whatever the engine.

| site | engine | index build s (median, min–max) | index bytes | nDCG@10 | MRR@10 | recall@10 | cold query bytes | later query bytes | later query files (p50/p95) | cold ms | p50 ms | p95 ms | cached p50 ms | cached p95 ms |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
MD

bench_site() {
	label=$1 content=$2 cfgdir=$3 set=$4
	: >"$D/$label.on"; : >"$D/$label.off"; : >"$D/$label.pf"
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		(cd "$cfgdir" && measure "$BIN" build --config "$D/on.yaml" --content "$content" --out "$D/$label-ours") | cut -d' ' -f1 >>"$D/$label.on"
		(cd "$cfgdir" && measure "$BIN" build --config "$D/off.yaml" --content "$content" --out "$D/$label-plain") | cut -d' ' -f1 >>"$D/$label.off"
		rm -rf "$D/$label-pf" && cp -r "$D/$label-plain" "$D/$label-pf"
		measure "$PF" --site "$D/$label-pf" | cut -d' ' -f1 >>"$D/$label.pf"
		i=$((i + 1))
	done
	set -- $(stats "$D/$label.on"); on=$1
	set -- $(stats "$D/$label.off"); off=$1
	set -- $(stats "$D/$label.pf"); pf_med=$1 pf_min=$2 pf_max=$3
	ours_ix=$(awk -v a="$on" -v b="$off" 'BEGIN {d = a - b; if (d < 0) d = 0; printf "%.3f", d}')
	ours_bytes=$(($(du -sb "$D/$label-ours/search" | cut -f1) + $(stat -c %s "$D/$label-ours/assets/search.js")))
	pf_bytes=$(find "$D/$label-pf/pagefind" -type f ! -name '*-ui*' ! -name '*highlight*' -printf '%s\n' | awk '{n += $1} END {print n}')
	json=$(node "$ROOT/bench/search-bench.js" "$label" "$D/$label-ours" "$D/$label-pf" "$set")
	echo "$json" >"$D/$label.json"
	node -e '
const r = JSON.parse(process.argv[1]);
const [label, oix, ob, pix, pb] = process.argv.slice(2);
const f = (x) => (typeof x === "number" ? (Number.isInteger(x) ? String(x) : x.toFixed(3)) : x);
for (const [name, e, ix, b] of [["shirube", r.shirube, oix, ob], ["Pagefind 1.6", r.pagefind, pix, pb]])
  console.log(`| ${label} | ${name} | ${ix} | ${b} | ${f(e.ndcg)} | ${f(e.mrr)} | ${f(e.recall)} | ${e.cold_bytes} | ${e.later_bytes_avg} | ${e.files_p50}/${e.files_p95} | ${e.cold_ms.toFixed(1)} | ${e.p50.toFixed(1)} | ${e.p95.toFixed(1)} | ${e.warm_p50.toFixed(1)} | ${e.warm_p95.toFixed(1)} |`);
' "$json" "$label ($(find "$D/$label-plain" -name '*.html' | wc -l) pages, $(node -e 'console.log(JSON.parse(process.argv[1]).queries)' "$json") queries)" \
		"$ours_ix (total $on vs $off)" "$ours_bytes" "$pf_med ($pf_min–$pf_max)" "$pf_bytes"
}

# SITES picks some of them while tuning (the summary below needs jsp10)
SITES=${SITES:-content jsp1 jsp10}
for s in $SITES; do
	case $s in
	content) bench_site content "$ROOT/content" "$ROOT" shirube ;;
	jsp1) bench_site jsp1 "$CORPUS" "$ROOT" js-primer ;;
	jsp10) bench_site jsp10 "$WORK/jsp10" "$ROOT" js-primer ;;
	esac
done

# relevance on our content by query category, both engines
[ -f "$D/content.json" ] && case " $SITES " in *" content "*) node -e '
const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const f = (x) => x.toFixed(3), s = r.shirube.cats, p = r.pagefind.cats;
console.log();
console.log("Relevance on our content by category (page level, same run):");
console.log();
console.log("| category | queries | shirube nDCG@10 | shirube MRR@10 | Pagefind nDCG@10 | Pagefind MRR@10 |");
console.log("| --- | --- | --- | --- | --- | --- |");
for (const c of Object.keys(s)) console.log(`| ${c} | ${s[c].n} | ${f(s[c].ndcg)} | ${f(s[c].mrr)} | ${f(p[c].ndcg)} | ${f(p[c].mrr)} |`);
const miss = r.shirube.judged.filter((j) => j.first !== 0).map((j) => `「${j.q}」 ${j.first < 0 ? "none" : j.first + 1}`);
console.log();
console.log(`shirube queries whose first result is not an expected page (rank of the first one): ${miss.join(", ") || "none"}.`);
const c = r.cold;
if (c) {
  console.log();
  const f0 = (x) => x.toFixed(0);
  console.log(`First result on screen, cold (a fresh browser context per query, every 8th query of the set, ${c.shirube.n} queries; the box focused and the query typed one character every 50 ms; measured from sending the last character to the first animation frame after the DOM shows a result of the whole query, or its empty list; the grey placeholders of Pagefind do not count):`);
  console.log();
  console.log("| engine | p50 ms | p95 ms | seen by the driver p50 / p95 ms |");
  console.log("| --- | --- | --- | --- |");
  console.log(`| shirube, header box of guidelines/index.html | ${f0(c.shirube.p50)} | ${f0(c.shirube.p95)} | ${f0(c.shirube.driver_p50)} / ${f0(c.shirube.driver_p95)} |`);
  console.log(`| Pagefind 1.6, its own UI (PagefindUI, default 300 ms debounce) | ${f0(c.pagefind.p50)} | ${f0(c.pagefind.p95)} | ${f0(c.pagefind.driver_p50)} / ${f0(c.pagefind.driver_p95)} |`);
  console.log(`| Pagefind 1.6, its own UI with debounceTimeoutMs: 0 | ${f0(c.pagefind_nodebounce.p50)} | ${f0(c.pagefind_nodebounce.p95)} | ${f0(c.pagefind_nodebounce.driver_p50)} / ${f0(c.pagefind_nodebounce.driver_p95)} |`);
  console.log(`| shirube, Enter on the box and the search page loading with ?q= (driver only) | ${f0(c.shirube_page.p50)} | ${f0(c.shirube_page.p95)} | (the same) |`);
  console.log();
  console.log(`shirube takes ${(c.shirube.p50 / c.pagefind.p50).toFixed(2)} of the time of the default Pagefind UI at p50 (${(c.shirube.p95 / c.pagefind.p95).toFixed(2)} at p95) and ${(c.shirube.p50 / c.pagefind_nodebounce.p50).toFixed(2)} of its time without a debounce. "Seen by the driver" is the same span from playwright (the last insertText returning to waitForFunction noticing), which adds the cost of driving the browser. Load average when the run ended: ${require("fs").readFileSync("/proc/loadavg", "utf8").split(" ")[0]}.`);
}
' "$D/content.json" ;; esac
case " $SITES " in *" jsp10 "*) ;; *) exit 0 ;; esac
node -e '
const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const s = r.shirube, slow = [...s.per_query].sort((a, b) => b.ms - a.ms).slice(0, 5);
console.log();
console.log(`Per-file floor in this browser (same run, median of 5): ten tiny classic scripts loaded at once take ${r.floor.http10.toFixed(1)} ms from this nginx and ${r.floor.blob10.toFixed(1)} ms from blob: URLs (no network). A query is two rounds of files: one shard per looked-up term (a Han/kana run looks up a covering half of its bigrams, so 「プロトタイプチェーン」 needs 5) and the long lists among them, then the chunks of its top 10 results (copies of a section share one). "Files" counts every request a query made, whatever the engine.`);
console.log();
console.log(`Slowest later queries of shirube on jsp10 in this run: ${slow.map((x) => `「${x.q}」 ${x.ms} ms (${x.files} files)`).join(", ")}.`);
console.log();
const p = r.replay, f = (x) => x.toFixed(1);
console.log(`The browser alone on jsp10 (same run, fresh contexts, no search code: the index files call no-op functions): loading exactly the files each later query of shirube loaded, in the same two rounds, takes p50 ${f(p.same_p50)} ms and p95 ${f(p.same_p95)} ms, against ${f(s.p50)} and ${f(s.p95)} ms for the real queries above. The least any engine that returns excerpts from a static index can load, one index file and then one text file (the first of each that the query loaded, ${p.least_n} queries), takes p50 ${f(p.least_p50)} ms and p95 ${f(p.least_p95)} ms.`);
' "$D/jsp10.json"
echo
