#!/bin/sh
# made at test time, not committed
set -e
mkdir -p content/pages
d=content/docs; i=0
while [ $i -lt 40 ]; do d=$d/d; i=$((i + 1)); done
mkdir -p $d && printf '# deep\n' >$d/x.md
