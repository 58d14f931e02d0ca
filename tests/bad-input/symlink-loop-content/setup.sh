#!/bin/sh
# run by tests/bad-input.sh in a scratch copy of this case: makes what is not committed
set -e
# a link to itself; a link back into the content (read anyway: skipped)
mkdir -p content/docs/a
ln -s self content/docs/self
ln -s .. content/docs/a/up
# shared pages of the project outside content/: 24 levels where each level
# links twice to the next (2^24 paths if links were followed blindly: each
# directory is read once), and a link from the last level back to the first
i=0
while [ $i -lt 24 ]; do
	mkdir -p shared/d$i
	printf '# level %d\n' $i >shared/d$i/index.md
	ln -s ../d$((i + 1)) shared/d$i/x
	ln -s ../d$((i + 1)) shared/d$i/y
	i=$((i + 1))
done
mkdir -p shared/d24 && printf '# last\n' >shared/d24/index.md
ln -s ../d0 shared/d24/back
ln -s ../shared/d0 content/shared
