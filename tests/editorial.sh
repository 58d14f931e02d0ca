#!/bin/sh
# Editorial behaviour (issue 21): a shallow clone and an unreadable repository
# warn with what to do; the changes page and the feed list editorial
# changes only (a commit's Changelog: trailer, a page's changes: notes).
# usage: tests/editorial.sh SHIRUBE
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
t=$(mktemp -d)
chmod 755 "$t"
trap 'rm -rf "$t"' EXIT
pass=0 fail=0
ok() { echo "ok   $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }
unset SHIRUBE_GIT
export LC_ALL=C.UTF-8 GIT_CONFIG_GLOBAL=/dev/null
gc() { git -c user.name=t -c user.email=t@example.org "$@"; }

g=$t/g
cp -r "$root/tests/regress/basic/input" "$g"
(cd "$g" && git init -q && git add -A && gc commit -qm "first import" &&
	echo "追記" >>content/guidelines/alpha.md && gc commit -qam "second")

# a full clone: no warning about the history
(cd "$g" && "$bin" build --out "$t/full" >"$t/out" 2>&1); rc=$?
if [ $rc = 0 ] && ! grep -q "git" "$t/out" && grep -q "20[0-9][0-9]-" "$t/full/guidelines/alpha.html"; then
	ok "a full repository: dates, no history warning"
else
	bad "full repository (exit $rc)"; cat "$t/out"
fi

# a shallow clone: a warning at the config file with the unshallow hint
git clone -q --depth 1 "file://$g" "$t/shallow"
(cd "$t/shallow" && "$bin" build --out "$t/s1" >"$t/out" 2>&1); rc=$?
if [ $rc = 0 ] && grep -q "^shirube.yaml:1:1: warning: the git clone is shallow" "$t/out" &&
   grep -q "hint: .*git fetch --unshallow.*fetch-depth: 0" "$t/out"; then
	ok "a shallow clone warns, with git fetch --unshallow"
else
	bad "shallow clone (exit $rc)"; cat "$t/out"
fi
(cd "$t/shallow" && "$bin" check --strict >"$t/out" 2>&1); rc=$?
if [ $rc = 1 ] && grep -q "shallow" "$t/out"; then
	ok "check --strict fails on a shallow clone"
else
	bad "check --strict on a shallow clone (exit $rc)"; cat "$t/out"
fi
(cd "$t/shallow" && LC_ALL=ja_JP.UTF-8 "$bin" build --out "$t/s2" >"$t/out" 2>&1)
if grep -q "warning: git のクローンが浅い" "$t/out" && grep -q "ヒント: 履歴全体を取得してください: git fetch --unshallow" "$t/out"; then
	ok "the shallow warning in Japanese for lang: ja"
else
	bad "shallow warning in Japanese"; cat "$t/out"
fi
(cd "$t/shallow" && SHIRUBE_GIT=0 "$bin" build --out "$t/s3" >"$t/out" 2>&1)
if ! grep -q "shallow" "$t/out"; then ok "SHIRUBE_GIT=0: no history, no warning"; else bad "SHIRUBE_GIT=0 warns"; fi

# a repository this user cannot read (needs root to switch users)
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	cp -r "$g" "$t/locked" && chown -R daemon "$t/locked" && chmod -R a+rX "$t/locked" && chmod 700 "$t/locked/.git"
	mkdir "$t/nobody" && chown nobody "$t/nobody"
	# the checkout may sit in a directory only root can enter (mktemp -d): run a
	# copy of the binary, with the theme beside the site
	cp "$bin" "$t/nobody/shirube" && cp -r "$root/themes" "$t/locked/" && chmod -R a+rX "$t/locked/themes"
	(cd "$t/locked" && setpriv --reuid=nobody --regid=nogroup --clear-groups env HOME="$t/nobody" \
		"$t/nobody/shirube" build --out "$t/nobody/site" >"$t/out" 2>&1); rc=$?
	if [ $rc = 0 ] && grep -q "^shirube.yaml:1:1: warning: cannot read the git history" "$t/out" &&
	   grep -q "hint: check that this user can read the repository's .git directory" "$t/out"; then
		ok "an unreadable repository warns, with what to check"
	else
		bad "unreadable repository (exit $rc)"; cat "$t/out"
	fi
else
	echo "skip an unreadable repository (needs root and setpriv)"
fi

# 更新履歴 and the feed: only commits with a Changelog: trailer, and the
# change notes of front matter; drafts stay out of build, serve marks them. developer subjects never
c=$t/c
cp -r "$root/tests/regress/basic/input" "$c"
(cd "$c" && git init -q && git add -A && gc commit -qm "initial import" &&
	echo "追記一" >>content/guidelines/alpha.md && gc commit -qam "fix typo in alpha (dev note)" &&
	echo "追記二" >>content/guidelines/alpha.md &&
	gc commit -qam "Add section to alpha" -m "Changelog: アルファの要点を追加" &&
	sed -i 's/^title: \(.*\)$/title: \1\nchanges:\n  - {date: 2026-11-03, note: 用語集への導線を見直し}/' content/topics/backup.md &&
	gc commit -qam "backup: changes note")
(cd "$c" && "$bin" build --out "$t/c1" >"$t/out" 2>&1); rc=$?
if [ $rc = 0 ] && grep -q "アルファの要点を追加" "$t/c1/changes.html" && grep -q "アルファの要点を追加" "$t/c1/feed.xml" &&
   ! grep -q "Add section to alpha" "$t/c1/changes.html" "$t/c1/feed.xml"; then
	ok "a commit with a Changelog: trailer: its text on 更新履歴 and in the feed, not its subject"
else
	bad "Changelog trailer (exit $rc)"; cat "$t/out"; grep -A3 "内容の更新" "$t/c1/changes.html"
fi
if ! grep -q "fix typo\|initial import\|changes note" "$t/c1/changes.html" "$t/c1/feed.xml"; then
	ok "commits without a trailer are not published"
else
	bad "a commit without a trailer is published"
fi
if grep -q '<time datetime="2026-11-03">2026-11-03</time> 用語集への導線を見直し' "$t/c1/changes.html" &&
   grep -q "<title>用語集への導線を見直し</title>" "$t/c1/feed.xml" && xmllint --noout "$t/c1/feed.xml"; then
	ok "a front-matter change note on 更新履歴 and in the feed"
else
	bad "front-matter change note"; grep -B1 -A3 "用語集" "$t/c1/changes.html"
fi
(cd "$c" && SHIRUBE_GIT=0 "$bin" build --out "$t/c2" >"$t/out" 2>&1)
if grep -q "用語集への導線を見直し" "$t/c2/changes.html" && ! grep -q "アルファの要点" "$t/c2/changes.html"; then
	ok "without the history, the change notes of front matter still show"
else
	bad "change notes without git"
fi

# a malformed change note: an error at its line and column, with a hint
sed -i 's/- {date: 2026-11-03, note: 用語集への導線を見直し}/- {date: "2026-13-45", note: ""}\n  - 見直し/' "$c/content/topics/backup.md"
(cd "$c" && SHIRUBE_GIT=0 "$bin" build --out "$t/c3" >"$t/out" 2>&1); rc=$?
if [ $rc = 1 ] && grep -q "^content/topics/backup.md:4:[0-9]*: error: a change note needs a date YYYY-MM-DD, not '2026-13-45'" "$t/out" &&
   grep -q "^content/topics/backup.md:4:[0-9]*: error: a change note needs a note" "$t/out" &&
   grep -q "^content/topics/backup.md:5:[0-9]*: error: an item of 'changes' must be a map with date and note" "$t/out" &&
   grep -q "hint: the day of the change in the Western calendar" "$t/out" && [ ! -e "$t/c3" ]; then
	ok "a malformed change note: errors at path:line:col with hints, no site written"
else
	bad "malformed change note (exit $rc)"; cat "$t/out"
fi

# drafts: out of build (tests/good-input/drafts has the lists, the search,
# the sitemap and the matrix); serve shows them with a banner
d=$t/d
cp -r "$root/tests/good-input/drafts" "$d"
rm -f "$d/expect" "$d/expected.txt"
(cd "$d" && SHIRUBE_GIT=0 "$bin" build --out "$t/d1" >"$t/out" 2>&1); rc=$?
if [ $rc = 0 ] && [ -f "$t/d1/guidelines/g.html" ] && [ ! -e "$t/d1/guidelines/wip.html" ] && [ ! -e "$t/d1/notes.html" ] && [ ! -e "$t/d1/pages/notes.html" ] &&
   grep -q "^content/guidelines/wip.md:13:8: note: a draft: left out of the site" "$t/out"; then
	ok "build leaves drafts out, with a note at draft: true"
else
	bad "drafts in build (exit $rc)"; cat "$t/out"; ls -R "$t/d1" | head
fi
(cd "$d" && SHIRUBE_GIT=0 ASAN_OPTIONS=detect_leaks=0 timeout -k 5 60 "$bin" serve --port 0 --out "$t/d2" >"$t/serve.log" 2>&1) &
spid=$!
url=
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
	url=$(grep -o 'http://127.0.0.1:[0-9]*' "$t/serve.log" | head -1)
	[ -n "$url" ] && break
	sleep 0.5
done
if [ -n "$url" ] && curl -sf "$url/guidelines/wip.html" | grep -q 'class="draft-banner"' &&
   curl -sf "$url/notes.html" | grep -q '下書きです' && ! curl -sf "$url/guidelines/g.html" | grep -q 'draft-banner' &&
   ! grep -q "error" "$t/serve.log"; then
	ok "serve shows drafts, marked with a banner (and no placeholder errors)"
else
	bad "drafts in serve"; cat "$t/serve.log"
fi
kill "$spid" 2>/dev/null; wait "$spid" 2>/dev/null

# shirube new writes draft: true: a new file builds (left out) until the
# line goes, then its placeholders are errors
n=$t/n
cp -r "$root/tests/regress/basic/input" "$n"
(cd "$n" && "$bin" new guideline fresh >/dev/null && SHIRUBE_GIT=0 "$bin" build --out "$t/n1" >"$t/out" 2>&1); rc=$?
grep -q "^draft: true" "$n/content/guidelines/fresh.md"; wrote=$?
sed -i '/^draft: true/d' "$n/content/guidelines/fresh.md"
(cd "$n" && SHIRUBE_GIT=0 "$bin" build --out "$t/n2" >"$t/out2" 2>&1); rc2=$?
if [ $rc = 0 ] && [ $wrote = 0 ] && [ -f "$t/n1/guidelines/alpha.html" ] && [ ! -e "$t/n1/guidelines/fresh.html" ] &&
   [ $rc2 = 1 ] && grep -q "^content/guidelines/fresh.md:[0-9]*:[0-9]*: error: '正式名称（版を含む）' is left from the template of shirube new" "$t/out2" &&
   grep -q "error: 'published' must be a date YYYY-MM-DD, YYYY-MM or YYYY, not 'YYYY-MM-DD'" "$t/out2"; then
	ok "shirube new writes a draft; without draft: true its placeholders are errors"
else
	bad "new + draft (exit $rc $rc2)"; cat "$t/out" "$t/out2"
fi

echo "editorial: $pass passed, $fail failed"
[ $fail = 0 ]
