#!/bin/sh
# made at test time, not committed
set -e
mkdir -p content/pages
# lists and block quotes 50 levels deep: fine
awk 'BEGIN { printf "---\ntitle: 入れ子\n---\n"; for (i = 0; i < 50; i++) printf "- "; printf "list\n\n"; for (i = 0; i < 50; i++) printf "> "; printf "quote\n" }' >content/pages/nest.md
