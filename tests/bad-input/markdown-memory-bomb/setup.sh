#!/bin/sh
# run by tests/bad-input.sh in a scratch copy of this case: 1,000,000
# one-word list items (4 MB), which cmark-gfm would need about 570 MB for
# (MD_MAX_MEMORY is 512 MiB)
set -e
mkdir -p content/pages
{ printf -- '---\ntitle: 箇条書きだらけ\n---\n'; awk 'BEGIN { for (i = 0; i < 1000000; i++) printf "- a\n" }'; } >content/pages/list.md
