#!/bin/sh
# run by tests/bad-input.sh in a scratch copy of this case: makes what is not committed
set -e
mkdir -p content/pages
# 10,000 block quotes inside each other
awk 'BEGIN { printf "---\ntitle: y\n---\n"; for (i = 0; i < 10000; i++) printf "> "; printf "quote\n" }' >content/pages/x.md
