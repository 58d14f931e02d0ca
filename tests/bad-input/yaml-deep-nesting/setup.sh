#!/bin/sh
# run by tests/bad-input.sh in a scratch copy of this case: makes what is not committed
set -e
mkdir -p content/pages
# 10,000 nested flow lists in a front matter field
awk 'BEGIN { printf "---\ntitle: "; for (i = 0; i < 10000; i++) printf "["; for (i = 0; i < 10000; i++) printf "]"; printf "\n---\n# x\n" }' >content/pages/x.md
