#!/bin/sh
# run by tests/bad-input.sh in a scratch copy of this case: makes what is not committed
set -e
mkdir -p content/pages
# 10,000 lists inside each other: "- - - ... item"
awk 'BEGIN { printf "---\ntitle: x\n---\n"; for (i = 0; i < 10000; i++) printf "- "; printf "item\n" }' >content/pages/x.md
