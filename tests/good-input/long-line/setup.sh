#!/bin/sh
# run by tests/bad-input.sh in a scratch copy of this case: makes what is not committed
set -e
mkdir -p content/pages
# a paragraph on one line of 1 MB (about 350,000 Japanese characters)
awk 'BEGIN { printf "---\ntitle: 長い行\n---\n"; for (i = 0; i < 116508; i++) printf "あいう"; printf "おわり\n" }' >content/pages/long.md
