#!/bin/sh
# made at test time, not committed
set -e
mkdir -p content/pages
mkdir -p ../outside && printf '# secret\n' >../outside/secret.md
ln -s ../../outside content/docs
