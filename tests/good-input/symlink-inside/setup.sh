#!/bin/sh
# run by tests/bad-input.sh in a scratch copy of this case: makes what is not committed
set -e
mkdir -p content/pages
ln -s ../topics/backup.md content/pages/backup-alias.md
mkdir -p shared && printf '# 共有\n' >shared/note.md && ln -s ../shared content/shared
