#!/bin/sh
# run by tests/bad-input.sh in a scratch copy of this case: makes what is not committed
set -e
mkdir -p content/pages
mkdir -p ../outside && printf '# secret\n' >../outside/secret.md
ln -s ../../outside content/docs
