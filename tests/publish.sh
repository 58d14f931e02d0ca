#!/bin/sh
# Publishing (issue 21): scripts/publish.sh against local destinations (the
# guard against a DEST one level too high, dry runs, the switch of a second
# publish, in-place and forced publishing), then the shell steps of the CI
# samples in docs/ci/ run against a local destination.
# usage: tests/publish.sh SHIRUBE
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
pub=$root/scripts/publish.sh
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
pass=0 fail=0
ok() { echo "ok   $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }
sums() { (cd "$1" && find . -type f | sort | xargs md5sum); }

cp -r "$root/tests/regress/basic/input" "$t/p"
(cd "$t/p" && SHIRUBE_GIT=0 "$bin" build --out "$t/site" >/dev/null 2>&1) || { echo "FAIL build"; exit 1; }
mkdir -p "$t/www/other-app"
echo '<?php echo 1;' >"$t/www/other-app/index.php"
echo 'keep me' >"$t/www/notes.txt"

# DEST one level too high: refused, nothing deleted or added
sums "$t/www" >"$t/before"
"$pub" "$t/site" "$t/www/" >"$t/out" 2>&1; rc=$?
sums "$t/www" >"$t/after"
if [ $rc = 1 ] && cmp -s "$t/before" "$t/after" && [ ! -e "$t/www.shirube-new" ] &&
   grep -q "holds no .shirube-published marker" "$t/out" && grep -q "FORCE=1" "$t/out"; then
	ok "a non-empty DEST without the marker is refused and left as it was"
else
	bad "DEST one level too high (exit $rc)"; cat "$t/out"
fi

# the same with DRY_RUN=1: refused too
DRY_RUN=1 "$pub" "$t/site" "$t/www" >"$t/out" 2>&1; rc=$?
sums "$t/www" >"$t/after"
if [ $rc = 1 ] && cmp -s "$t/before" "$t/after" && grep -q "FORCE=1" "$t/out"; then
	ok "a dry run into a foreign DEST is refused too"
else
	bad "dry run into a foreign DEST (exit $rc)"; cat "$t/out"
fi

# the first publish into a new directory
"$pub" "$t/site" "$t/www/guides/" >"$t/out" 2>&1; rc=$?
if [ $rc = 0 ] && cmp -s "$t/site/index.html" "$t/www/guides/index.html" && [ -f "$t/www/guides/.shirube-published" ] &&
   [ ! -e "$t/www/guides/.shirube-site" ] && [ ! -e "$t/www/guides.shirube-new" ] && [ -f "$t/www/other-app/index.php" ]; then
	ok "first publish: the site and the marker in DEST, nothing beside it"
else
	bad "first publish (exit $rc)"; cat "$t/out"; ls -A "$t/www" "$t/www/guides"
fi

# a changed site: the dry run lists the changes and changes nothing
echo '<!doctype html><title>new</title>' >"$t/site/added.html"
rm "$t/site/about.html"
echo '<!-- edited -->' >>"$t/site/index.html"
sums "$t/www" >"$t/before"
DRY_RUN=1 "$pub" "$t/site" "$t/www/guides" >"$t/out" 2>&1; rc=$?
sums "$t/www" >"$t/after"
if [ $rc = 0 ] && cmp -s "$t/before" "$t/after" && grep -q "^  add     added.html" "$t/out" &&
   grep -q "^  delete  about.html" "$t/out" && grep -q "^  change  index.html" "$t/out" &&
   ! grep -q "shirube-published\|shirube-site" "$t/out" && [ "$(grep -c '^  ' "$t/out")" = 3 ]; then
	ok "dry run: lists add/change/delete, changes nothing"
else
	bad "dry run (exit $rc)"; cat "$t/out"
fi

# the second publish: switched in, the old tree gone, unchanged files hard-linked
ino() { ls -i "$1" | cut -d' ' -f1; }
old_ino=$(ino "$t/www/guides/404.html")
"$pub" "$t/site" "$t/www/guides" >"$t/out" 2>&1; rc=$?
if [ $rc = 0 ] && [ -f "$t/www/guides/added.html" ] && [ ! -e "$t/www/guides/about.html" ] &&
   cmp -s "$t/site/index.html" "$t/www/guides/index.html" && [ -f "$t/www/guides/.shirube-published" ] &&
   [ "$(ls -A "$t/www" | tr '\n' ' ')" = "guides notes.txt other-app " ] &&
   [ "$(ino "$t/www/guides/404.html")" = "$old_ino" ]; then
	ok "second publish: switched in, nothing left beside DEST, unchanged files linked"
else
	bad "second publish (exit $rc)"; cat "$t/out"; ls -A "$t/www"
fi

# a rebuild writes every file anew: the dry run compares contents, not times
find "$t/site" -type f -exec touch -d '+1 hour' {} +
DRY_RUN=1 "$pub" "$t/site" "$t/www/guides" >"$t/out" 2>&1; rc=$?
if [ $rc = 0 ] && [ "$(grep -c '^  ' "$t/out")" = 0 ] && grep -q "holds a site published before" "$t/out"; then
	ok "dry run after a rebuild with the same contents lists nothing"
else
	bad "dry run after touching every file (exit $rc)"; cat "$t/out"
fi

# a leftover upload directory that is not ours stops the publish
mkdir "$t/www/guides.shirube-new" && echo x >"$t/www/guides.shirube-new/f"
"$pub" "$t/site" "$t/www/guides" >"$t/out" 2>&1; rc=$?
if [ $rc = 1 ] && [ -f "$t/www/guides.shirube-new/f" ] && grep -q "ATOMIC=0" "$t/out"; then
	ok "an upload directory beside DEST that is not ours is left alone"
else
	bad "foreign DEST.shirube-new (exit $rc)"; cat "$t/out"
fi
rm -rf "$t/www/guides.shirube-new"

# in place (ATOMIC=0): same result, the marker kept
rm "$t/site/added.html"
ATOMIC=0 "$pub" "$t/site" "$t/www/guides/" >"$t/out" 2>&1; rc=$?
if [ $rc = 0 ] && [ ! -e "$t/www/guides/added.html" ] && [ -f "$t/www/guides/.shirube-published" ] &&
   cmp -s "$t/site/index.html" "$t/www/guides/index.html"; then
	ok "ATOMIC=0 publishes in place and keeps the marker"
else
	bad "ATOMIC=0 (exit $rc)"; cat "$t/out"
fi

# FORCE=1 into a foreign directory, and an empty directory needs no force
mkdir -p "$t/forced" "$t/empty" && echo old >"$t/forced/stale.txt"
FORCE=1 "$pub" "$t/site" "$t/forced" >"$t/out" 2>&1; rc=$?
"$pub" "$t/site" "$t/empty" >>"$t/out" 2>&1; rc2=$?
if [ $rc = 0 ] && [ $rc2 = 0 ] && [ ! -e "$t/forced/stale.txt" ] && [ -f "$t/forced/.shirube-published" ] &&
   [ -f "$t/empty/index.html" ]; then
	ok "FORCE=1 publishes into a foreign directory; an empty one needs no force"
else
	bad "FORCE=1 / empty (exit $rc $rc2)"; cat "$t/out"
fi

# no DEST that is the root, home or current directory
"$pub" "$t/site" / >"$t/out" 2>&1; rc=$?
"$pub" "$t/site" host:~ >>"$t/out" 2>&1; rc2=$?
if [ $rc = 1 ] && [ $rc2 = 1 ] && [ "$(grep -c 'refusing to publish to the root' "$t/out")" = 2 ]; then
	ok "DEST / and host:~ are refused before anything runs"
else
	bad "DEST / (exit $rc $rc2)"; cat "$t/out"
fi

# The CI samples: their run steps (not the package install), as written,
# against a local destination, in this checkout, with a scratch HOME.
steps() { # FILE: each run step, NUL-separated
	python3 - "$1" <<'PY'
import sys, yaml
wf = yaml.safe_load(open(sys.argv[1]))
for job in wf["jobs"].values():
    for st in job.get("steps", []):
        if "run" in st and not st["run"].startswith("apt-get"):
            sys.stdout.write(st["run"] + "\0")
PY
}
run_steps() { # FILE LOG: runs the steps in the checkout; exit status of the first failure
	steps "$1" >"$t/steps" || return 1
	rm -f "$t"/step*.sh
	python3 -c 'import sys
for i, s in enumerate(open(sys.argv[1]).read().split("\0")[:-1]):
    open(sys.argv[2] + "/step%d.sh" % i, "w").write(s)' "$t/steps" "$t"
	for s in "$t"/step*.sh; do
		(cd "$root" && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL HOME="$t/home" sh -e "$s") >>"$2" 2>&1 || return 1
		rm "$s"
	done
}
mkdir -p "$t/home" "$t/ci"
echo stale >"$t/ci/junk.txt"
if DEST="$t/ci/guides/" BASE_URL=https://example.org/guides/ SSH_KEY= run_steps "$root/docs/ci/publish.yml" "$t/ci.log" &&
   [ -f "$t/ci/guides/.shirube-published" ] && [ -f "$t/ci/junk.txt" ] &&
   grep -q 'rel="canonical" href="https://example.org/guides/index.html"' "$t/ci/guides/index.html" &&
   [ -f "$t/ci/guides/sitemap.xml" ] && [ "$(git config --file "$t/home/.gitconfig" --get-all safe.directory)" = "$root" ]; then
	ok "docs/ci/publish.yml: its steps publish to a local DEST with the BASE_URL"
else
	bad "docs/ci/publish.yml steps"; tail -20 "$t/ci.log"
fi
if DEST="$t/ci/" BASE_URL=https://example.org/ SSH_KEY= run_steps "$root/docs/ci/publish.yml" "$t/ci2.log"; then
	bad "docs/ci/publish.yml into a DEST one level too high succeeded"
elif grep -q "holds no .shirube-published marker" "$t/ci2.log" && [ -f "$t/ci/junk.txt" ] && [ -f "$t/ci/guides/index.html" ]; then
	ok "docs/ci/publish.yml: a DEST one level too high fails the job, nothing deleted"
else
	bad "docs/ci/publish.yml one level too high"; tail -20 "$t/ci2.log"
fi
if grep -v '^ *#' "$root/docs/ci/publish.yml" "$root/docs/ci/github-pages.yml" | grep -q "make test"; then
	bad "a CI sample runs make test before publishing"
else
	ok "the CI samples do not run the test suite"
fi
rm -rf "$root/site/sitemap.xml"
if BASE_URL=https://owner.github.io/repo/ run_steps "$root/docs/ci/github-pages.yml" "$t/pages.log" &&
   grep -q 'rel="canonical" href="https://owner.github.io/repo/index.html"' "$root/site/index.html" &&
   grep -q "https://owner.github.io/repo/" "$root/site/sitemap.xml"; then
	ok "docs/ci/github-pages.yml: its steps build and check site/ for the Pages URL"
else
	bad "docs/ci/github-pages.yml steps"; tail -20 "$t/pages.log"
fi

(cd "$root" && "$bin" build >/dev/null 2>&1) # site/ as make leaves it
echo "publish: $pass passed, $fail failed"
[ $fail = 0 ]
