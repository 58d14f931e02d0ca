#!/bin/sh
# made at test time, not committed
set -e
mkdir -p content/pages
# 10,000 block quotes inside each other
awk 'BEGIN { printf "---\ntitle: y\n---\n"; for (i = 0; i < 10000; i++) printf "> "; printf "quote\n" }' >content/pages/x.md
