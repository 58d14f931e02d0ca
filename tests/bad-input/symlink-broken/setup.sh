#!/bin/sh
# made at test time, not committed
set -e
mkdir -p content/pages
ln -s no-such-file.md content/pages/gone.md
