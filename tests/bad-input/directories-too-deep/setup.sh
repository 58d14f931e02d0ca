#!/bin/sh
# run by tests/bad-input.sh in a scratch copy of this case: makes what is not committed
set -e
mkdir -p content/pages
d=content/docs; i=0
while [ $i -lt 40 ]; do d=$d/d; i=$((i + 1)); done
mkdir -p $d && printf '# deep\n' >$d/x.md
