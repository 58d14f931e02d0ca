#!/bin/sh
# made at test time, not committed
set -e
mkdir -p content/pages
# a paragraph on one line of 1 MB (about 350,000 Japanese characters)
awk 'BEGIN { printf "---\ntitle: 長い行\n---\n"; for (i = 0; i < 116508; i++) printf "あいう"; printf "おわり\n" }' >content/pages/long.md
