#!/bin/sh
# made at test time, not committed
set -e
mkdir -p content/pages
# 10,000 lists inside each other: "- - - ... item"
awk 'BEGIN { printf "---\ntitle: x\n---\n"; for (i = 0; i < 10000; i++) printf "- "; printf "item\n" }' >content/pages/x.md
