#!/bin/sh
# Auto-linking cost: js-primer x10 with the 25 real topics' synonyms,
# built with autolink on and off, alternately, RUNS times each.
set -eu
. "$(dirname "$0")/lib.sh"
BIN=$ROOT/shirube
D=$WORK/autolink
mkdir -p "$D"
replicate 10 "$D/content"
rm -rf "$D/content/topics" && mkdir -p "$D/content/topics"
python3 - "$ROOT/content/topics" "$D/content/topics" <<'PY'
import os, re, sys, yaml
src, dst = sys.argv[1], sys.argv[2]
for f in sorted(os.listdir(src)):
    fm = yaml.safe_load(re.match(r"---\n(.*?)\n---\n", open(os.path.join(src, f), encoding="utf-8").read(), re.S).group(1))
    keep = {k: fm[k] for k in ("title", "title_en", "synonyms")}
    open(os.path.join(dst, f), "w", encoding="utf-8").write("---\n" + yaml.safe_dump(keep, allow_unicode=True) + "---\n\n" + fm["title"] + "\n")
PY
printf 'title: bench\nautolink: true\n' >"$D/on.yaml"
printf 'title: bench\nautolink: false\n' >"$D/off.yaml"
: >"$D/on.t"; : >"$D/off.t"
i=0
while [ "$i" -lt "$RUNS" ]; do
	measure "$BIN" build --config "$D/on.yaml" --content "$D/content" --out "$D/site-on" | cut -d' ' -f1 >>"$D/on.t"
	measure "$BIN" build --config "$D/off.yaml" --content "$D/content" --out "$D/site-off" | cut -d' ' -f1 >>"$D/off.t"
	i=$((i + 1))
done
links=$(grep -rho 'href="[./]*topics/[a-z0-9-]*\.html"' "$D/site-on" --include='*.html' | wc -l)
base=$(grep -rho 'href="[./]*topics/[a-z0-9-]*\.html"' "$D/site-off" --include='*.html' | wc -l)
pages=$(find "$D/content" -name '*.md' | wc -l)
set -- $(stats "$D/on.t"); on_med=$1 on_min=$2 on_max=$3
set -- $(stats "$D/off.t"); off_med=$1 off_min=$2 off_max=$3
ratio=$(awk -v a="$on_med" -v b="$off_med" 'BEGIN {printf "%.2f", a / b}')
cat <<MD
## Auto-linking cost (js-primer ×10)

- Date: $(date -u +%Y-%m-%d), machine: $(machine)
- Corpus: tests/corpus/js-primer (a copy of ../shared/corpus/js-primer) copied 10 times ($pages Markdown files) plus the 25 real topics (titles and synonyms only).
- Command: \`shirube build --config on.yaml|off.yaml --content build/bench/autolink/content\` (\`autolink: true|false\`), $RUNS runs each, alternating.

| build | median s | min–max s |
| --- | --- | --- |
| autolink on | $on_med | $on_min–$on_max |
| autolink off | $off_med | $off_min–$off_max |

Auto-linking costs **×$ratio** of the build without it; it added $((links - base)) topic links.

MD
