#!/bin/sh
# Attacks that need more than a case directory (issue 17): an --out that is
# a symbolic link to another site, serve on a directory it must not show,
# a spreadsheet formula in coverage.csv, control characters and invalid
# UTF-8 in commit messages (changes.html and feed.xml stay well-formed).
# usage: tests/hardening.sh SHIRUBE
set -u
# messages in English (a Japanese locale would give Japanese messages)
export LC_ALL=C.UTF-8
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
pass=0 fail=0
ok() { echo "ok   $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }
export SHIRUBE_GIT=0
cp -r "$root/tests/regress/basic/input" "$t/p"

# --out a symbolic link to another shirube site: refused, the site intact
(cd "$t/p" && "$bin" build --out "$t/other" >/dev/null 2>&1)
ln -s other "$t/link"
(cd "$t/other" && find . -type f | sort | xargs md5sum) >"$t/before"
(cd "$t/p" && "$bin" build --out "$t/link" >"$t/out" 2>&1); rc=$?
(cd "$t/other" && find . -type f | sort | xargs md5sum) >"$t/after"
if [ $rc = 1 ] && [ -L "$t/link" ] && cmp -s "$t/before" "$t/after" && grep -q "link: error: the output path is a symbolic link" "$t/out"; then
	ok "--out that is a symbolic link is refused and its target left alone"
else
	bad "--out symbolic link (exit $rc)"; cat "$t/out"
fi

# serve on a directory it must not show: refused before it listens
for out in /etc "$t/p"; do
	(cd "$t/p" && timeout 5 "$bin" serve --port 0 --out "$out" >"$t/out" 2>&1); rc=$?
	if [ $rc = 1 ] && grep -q "error: the output directory" "$t/out" && ! grep -q "http://" "$t/out"; then
		ok "serve --out $out is refused"
	else
		bad "serve --out $out (exit $rc)"; cat "$t/out"
	fi
done

# a topic title that a spreadsheet would run as a formula
sed -i "s/^title: バックアップ\$/title: '=HYPERLINK(\"http:\/\/evil.example\")'/" "$t/p/content/topics/backup.md"
(cd "$t/p" && "$bin" build --out "$t/csv" >/dev/null 2>&1)
if grep -q "HYPERLINK" "$t/csv/coverage.csv" && ! grep -q '"=HYPERLINK' "$t/csv/coverage.csv" && grep -q "\"'=HYPERLINK" "$t/csv/coverage.csv"; then
	ok "coverage.csv: a cell that starts a formula is quoted as text"
else
	bad "coverage.csv formula"; grep HYPERLINK "$t/csv/coverage.csv" | head -3
fi

# commit messages with control characters and invalid UTF-8 (in the
# Changelog: trailer, the text 更新履歴 and the feed show)
g="$t/g"
cp -r "$root/tests/regress/basic/input" "$g"
(cd "$g" && git init -q && git add -A && git -c user.name=t -c user.email=t@example.org commit -qm "first" &&
	echo "追記" >>content/guidelines/alpha.md &&
	git -c user.name=t -c user.email=t@example.org -c i18n.commitEncoding=binary commit -qa -F "$root/tests/hardening/bad-message.txt")
(cd "$g" && env -u SHIRUBE_GIT "$bin" build --out "$g/site" >"$t/out" 2>&1); rc=$?
if [ $rc = 0 ] && xmllint --noout "$g/site/feed.xml" 2>/dev/null &&
   python3 -c 'import sys; open(sys.argv[1], "rb").read().decode("utf-8")' "$g/site/changes.html" 2>/dev/null &&
   grep -q "bad message" "$g/site/feed.xml"; then
	ok "control characters and invalid UTF-8 in a commit message: feed.xml well-formed, changes.html UTF-8"
else
	bad "commit message with control characters (exit $rc)"; cat "$t/out"; xmllint --noout "$g/site/feed.xml"
fi

echo "hardening: $pass passed, $fail failed"
[ "$fail" = 0 ]
