#!/bin/sh
# `shirube check --format=json` on fixtures with known faults must report
# exactly those faults (tests/check/NAME/expected.json, a JSON list of
# findings) and exit 1 (or the status in NAME/expected-exit); a clean
# fixture must exit 0, and warnings fail only with --strict. Then: shirube
# new, the publishing files, git history and make publish.
# REGEN=1 rewrites the expected files. The runner is tests/run-cases.sh.
# usage: tests/check.sh SHIRUBE
set -u
# messages in English (a Japanese locale would give Japanese messages)
export LC_ALL=C.UTF-8
# golden outputs must not depend on when their inputs were committed
export SHIRUBE_GIT=0
. "$(dirname "$0")/run-cases.sh"
BIN=$(abs "$1")
bin=$BIN
CASE_CMD=check
CASE_EXPECTED=expected.json
CASE_EXIT=1
CASE_JSON=1
run_cases check "$root/tests/check"
# broken links and images are reported at the Markdown source's line and
# column, with their hint; two links that become the same href each at its own
if python3 - "$root/tests/check/faults/expected.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
want = {("link 'missing.html': no such page in the site", 11, 26),
        ("image 'img/missing.png': no such file in the site", 11, 51),
        ("link '../topics/t.md#nope': no element with id 'nope' in topics/t.html", 11, 84),
        # the second link to the same page, at its own place (columns in characters)
        ("link 'missing.html': no such page in the site", 13, 4),
        ("link '../topics/t.html#nope': no element with id 'nope' in topics/t.html", 13, 26)}
got = {(x["message"], x["line"], x["column"]) for x in d if x["file"] == "content/guidelines/g.md" and "hint" in x}
assert want <= got, want - got
PY
then pass=$((pass + 1)); else echo "FAIL check: link errors at the source line and column"; fail=$((fail + 1)); fi
# every page has a meta description (the home page the site's), og:image
# with --base-url, and --out makes missing parent directories
pub=$(mktemp -d)
if (cd "$root/tests/lang-en" && "$bin" build --quiet --base-url https://example.org/en/ --out "$pub/a/b/site" >/dev/null 2>&1) &&
   python3 - "$pub/a/b/site" <<'PY'
import glob, os, re, sys
site = sys.argv[1]
pages = glob.glob(os.path.join(site, "**", "*.html"), recursive=True)
assert len(pages) > 10
for f in pages:
    s = open(f, encoding="utf-8").read()
    m = re.search(r'<meta name="description" content="([^"]+)">', s)
    assert m, f + ": no meta description"
    assert '<meta property="og:image" content="https://example.org/en/assets/og-image.png">' in s, f + ": no og:image"
home = open(os.path.join(site, "index.html"), encoding="utf-8").read()
assert '<meta name="description" content="A test site in English only.">' in home, "home: not the site description"
assert open(os.path.join(site, "assets", "og-image.png"), "rb").read(8) == b"\x89PNG\r\n\x1a\n"
PY
then pass=$((pass + 1)); else echo "FAIL check: meta description, og:image or --out parents"; fail=$((fail + 1)); fi
rm -rf "$pub"
# a Japanese site in a Japanese locale: messages and hints in Japanese
ja=$(cd "$root/tests/check/faults" && LC_ALL= LANG=ja_JP.UTF-8 "$bin" check --format=json 2>/dev/null)
if echo "$ja" | grep -q '"message":"トピック .unknown-topic. が見つかりません","hint":"トピックの ID は content/topics/ のファイル名です' &&
   echo "$ja" | grep -q '"message":"リンク .missing.html.: サイトにその' &&
   ! echo "$ja" | grep -q '"message":"unknown topic'; then pass=$((pass + 1))
else echo "FAIL check: Japanese messages for a ja site"; echo "$ja" | head -5; fail=$((fail + 1)); fi
# --quiet hides notes, --base-url is accepted and used
out=$(cd "$root/tests/check/faults" && "$bin" check --quiet --base-url https://example.org/x/ 2>&1)
if echo "$out" | grep -q ': note: ' || ! echo "$out" | grep -q 'unknown topic'; then
	echo "FAIL check: --quiet showed notes (or hid errors)"; fail=$((fail + 1))
else pass=$((pass + 1)); fi
(cd "$root/tests/check/faults" && "$bin" check --format=json 2>/dev/null | grep -q '"severity":"note"') && pass=$((pass + 1)) || { echo "FAIL check: notes missing without --quiet"; fail=$((fail + 1)); }
# warnings alone: exit 0, and 1 with --strict
(cd "$root/tests/regress/basic/input" && "$bin" check >/dev/null 2>&1) && pass=$((pass + 1)) || { echo "FAIL check: warnings made check fail"; fail=$((fail + 1)); }
(cd "$root/tests/regress/basic/input" && "$bin" check --strict >/dev/null 2>&1) && { echo "FAIL check: --strict passed with warnings"; fail=$((fail + 1)); } || pass=$((pass + 1))
# shirube new: every kind, never overwrites, rejects bad ids; the files load
scaf=$(mktemp -d)
for k in guideline topic persona journey; do
	(cd "$scaf" && "$bin" new "$k" "new-$k" >/dev/null 2>&1) || { echo "FAIL new $k"; fail=$((fail + 1)); }
done
cp "$scaf/content/topics/new-topic.md" "$scaf/before"
if (cd "$scaf" && "$bin" new topic new-topic >/dev/null 2>&1) || ! cmp -s "$scaf/before" "$scaf/content/topics/new-topic.md"; then
	echo "FAIL new: overwrote a file"; fail=$((fail + 1))
else pass=$((pass + 1)); fi
(cd "$scaf" && "$bin" new topic ../evil >/dev/null 2>&1); [ $? = 2 ] && [ ! -e "$scaf/content/evil.md" ] && pass=$((pass + 1)) || { echo "FAIL new: bad id accepted"; fail=$((fail + 1)); }
sed -i 's/persona: persona-id/persona: new-persona/' "$scaf/journeys/new-journey.yaml"
if (cd "$scaf" && "$bin" check >/dev/null 2>&1); then pass=$((pass + 1)); else echo "FAIL new: the templates do not check"; (cd "$scaf" && "$bin" check); fail=$((fail + 1)); fi
rm -rf "$scaf"
# publishing: with --base-url, sitemap.xml and the Atom feed are valid XML,
# pages name their canonical URL, robots.txt points at the sitemap
pub=$(mktemp -d)
(cd "$root/tests/regress/basic/input" && "$bin" build --base-url https://example.org/guides/ --out "$pub/site" >/dev/null 2>&1)
if xmllint --noout "$pub/site/sitemap.xml" "$pub/site/feed.xml" 2>/dev/null &&
   grep -q '<loc>https://example.org/guides/guidelines/alpha.html</loc>' "$pub/site/sitemap.xml" &&
   grep -q 'rel="canonical" href="https://example.org/guides/guidelines/alpha.html"' "$pub/site/guidelines/alpha.html" &&
   grep -q '^Sitemap: https://example.org/guides/sitemap.xml$' "$pub/site/robots.txt" &&
   grep -q 'property="og:title"' "$pub/site/guidelines/alpha.html" &&
   grep -q 'href="https://example.org/guides/assets/style.css"' "$pub/site/404.html"; then
	pass=$((pass + 1))
else
	echo "FAIL check: publishing files (sitemap, feed, canonical, robots, 404)"; fail=$((fail + 1))
fi
rm -rf "$pub"
# git history: a version change comes first on the changes page and in the
# feed, pages get their last commit date; outside a checkout: no dates
g=$(mktemp -d)
cp -r "$root/tests/regress/basic/input/." "$g/"
(cd "$g" && "$bin" build --out "$g/nogit" >/dev/null 2>&1) && ! grep -q 'class="updated"' "$g/nogit/guidelines/alpha.html" && pass=$((pass + 1)) || { echo "FAIL check: build outside git"; fail=$((fail + 1)); }
rm -rf "$g/nogit"
(cd "$g" && git init -q && git add -A && git -c user.name=t -c user.email=t@example.org commit -qm "first" &&
	sed -i 's/^version: 第1版/version: 第2版/' content/guidelines/alpha.md &&
	git -c user.name=t -c user.email=t@example.org commit -qam "alpha v2" -m "Changelog: alpha 第2版" &&
	env -u SHIRUBE_GIT "$bin" build --out "$g/site" >/dev/null 2>&1)
if grep -q '第1版 → 第2版' "$g/site/changes.html" && grep -q '<title>アルファ・ガイドライン 第1版: 第1版 → 第2版</title>' "$g/site/feed.xml" &&
   xmllint --noout "$g/site/feed.xml" 2>/dev/null && grep -q 'class="updated">' "$g/site/guidelines/alpha.html" &&
   grep -q 'alpha 第2版' "$g/site/changes.html" && ! grep -q 'alpha v2' "$g/site/changes.html"; then
	pass=$((pass + 1))
else
	echo "FAIL check: git history (changes page, feed, dates)"; fail=$((fail + 1))
fi
rm -rf "$g"
# make publish: a destination that holds other files is refused; with
# FORCE=1 the site replaces them (tests/publish.sh has the other cases)
if [ -x "$root/shirube" ] && command -v rsync >/dev/null 2>&1; then
	dest=$(mktemp -d)
	echo stale >"$dest/stale.html"
	if ! make -s -C "$root" publish DEST="$dest/" >/dev/null 2>&1 && [ -f "$dest/stale.html" ] && [ ! -e "$dest/index.html" ] &&
	   make -s -C "$root" publish DEST="$dest/" FORCE=1 >/dev/null 2>&1 && [ -f "$dest/index.html" ] &&
	   [ ! -e "$dest/stale.html" ] && [ ! -e "$dest/.shirube-site" ] && [ -f "$dest/.shirube-published" ] &&
	   diff -rq --exclude .shirube-site --exclude .shirube-published "$root/site" "$dest" >/dev/null; then
		pass=$((pass + 1))
	else
		echo "FAIL check: make publish"; fail=$((fail + 1))
	fi
	rm -rf "$dest"
fi
cases_end check
