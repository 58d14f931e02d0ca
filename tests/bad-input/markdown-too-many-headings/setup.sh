#!/bin/sh
# run by tests/bad-input.sh in a scratch copy of this case: one page with
# 200,001 headings, one more than a file may have (MD_MAX_HEADINGS)
set -e
mkdir -p content/pages
{ printf -- '---\ntitle: 見出しだらけ\n---\n'; awk 'BEGIN { for (i = 0; i < 200001; i++) printf "# a\n\n" }'; } >content/pages/headings.md
