#!/bin/sh
# run by tests/bad-input.sh in a scratch copy of this case: makes what is not committed
set -e
mkdir -p content/pages
# lists and block quotes 50 levels deep: fine
awk 'BEGIN { printf "---\ntitle: 入れ子\n---\n"; for (i = 0; i < 50; i++) printf "- "; printf "list\n\n"; for (i = 0; i < 50; i++) printf "> "; printf "quote\n" }' >content/pages/nest.md
