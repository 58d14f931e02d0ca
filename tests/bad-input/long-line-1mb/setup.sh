#!/bin/sh
# run by tests/bad-input.sh in a scratch copy of this case: makes what is not committed
set -e
mkdir -p content/pages
# a 1 MB line of YAML with a mistake at its end
awk 'BEGIN { printf "---\ntitle: x\nread_when: ["; for (i = 0; i < 262144; i++) printf "abc,"; printf "]]\n---\n# x\n" }' >content/pages/x.md
