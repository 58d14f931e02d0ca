#!/bin/sh
# lang: en builds and shows no Japanese UI string. Builds the all-English
# project tests/lang-en (with the real content/hooks/*.lua) with lang: en,
# crawls every page and fails on any Japanese character outside the
# topics' readings (the only Japanese in its content), on a page whose
# <html lang> is not "en", and on a key missing from either i18n file.
# Then builds the real content with lang: en (it must build).
# usage: tests/lang-en.sh SHIRUBE
set -u
export LC_ALL=C.UTF-8 SHIRUBE_GIT=0
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
cp -R "$root/tests/lang-en" "$tmp/project"
mkdir -p "$tmp/project/content/hooks"
cp "$root"/content/hooks/*.lua "$tmp/project/content/hooks/"
if ! (cd "$tmp/project" && "$bin" build --theme "$root/themes/default" --out "$tmp/site" 2>"$tmp/err"); then
	echo "FAIL lang-en: the English project does not build"; cat "$tmp/err"; exit 1
fi
python3 - "$tmp/site" "$root/themes/default/i18n" <<'PY' || fail=1
import glob, os, re, sys
site, i18n = sys.argv[1], sys.argv[2]
bad = []
jp = re.compile(r'[\u3000-\u303f\u3040-\u30ff\u4e00-\u9fff\uff01-\uff60]+')
readings = {"ばっくあっぷ", "ぱすわーど"}
pages = sorted(glob.glob(os.path.join(site, "**", "*.html"), recursive=True))
assert len(pages) >= 15, "too few pages: %d" % len(pages)
for f in pages:
    s = open(f, encoding="utf-8").read()
    rel = os.path.relpath(f, site)
    m = re.search(r'<html lang="([^"]*)"', s)
    if not m or m.group(1) != "en":
        bad.append("%s: <html lang> is %s" % (rel, m and m.group(1)))
    for w in jp.findall(s):
        if w not in readings:
            line = s[:s.find(w)].count("\n") + 1
            bad.append("%s:%d: Japanese text '%s'" % (rel, line, w))
    if "{{" in s:
        bad.append("%s: an unexpanded {{" % rel)
for js in ("search.js", "search-page.js", "start.js", "journey.js"):
    p = os.path.join(site, "assets", js)
    code = re.sub(r'/\*.*?\*/|//[^\n]*', '', open(p, encoding="utf-8").read(), flags=re.S)
    # UI text is in string literals (regular expressions over the query,
    # such as Japanese particles, are not shown)
    for lit in re.findall(r"'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\"", code):
        for w in jp.findall(lit):
            bad.append("assets/%s: Japanese text '%s'" % (js, w))
def keys(path):
    return {l.split(":", 1)[0] for l in open(path, encoding="utf-8") if re.match(r'^[a-z_0-9]+:', l)}
ja, en = keys(os.path.join(i18n, "ja.yaml")), keys(os.path.join(i18n, "en.yaml"))
for k in sorted(ja - en):
    bad.append("en.yaml lacks '%s'" % k)
for k in sorted(en - ja):
    bad.append("ja.yaml lacks '%s'" % k)
# the English strings are the ones shown
home = open(os.path.join(site, "index.html"), encoding="utf-8").read()
for want in ('property="og:locale" content="en_US"', ">Glossary<"):
    if want not in home:
        bad.append("index.html lacks %s" % want)
gl = open(os.path.join(site, "glossary.html"), encoding="utf-8").read()
if ">ha-row<" not in gl:
    bad.append("glossary.html: the kana group labels are not the English ones")
for b in bad:
    print("FAIL lang-en: " + b)
print("lang-en: %d pages crawled, %d problems" % (len(pages), len(bad)))
sys.exit(1 if bad else 0)
PY
# the real content builds with lang: en
mkdir -p "$tmp/real"
for d in content personas journeys themes; do cp -R "$root/$d" "$tmp/real/"; done
sed 's/^lang: .*/lang: en/' "$root/shirube.yaml" >"$tmp/real/shirube.yaml"
if (cd "$tmp/real" && "$bin" build --quiet --out "$tmp/real-site" 2>"$tmp/err") && grep -q '<html lang="en"' "$tmp/real-site/index.html"; then
	echo "ok lang-en: the real content builds with lang: en"
else
	echo "FAIL lang-en: the real content does not build with lang: en"; cat "$tmp/err"; fail=1
fi
[ "$fail" = 0 ]
