#!/bin/sh
# run by tests/bad-input.sh in a scratch copy of this case: makes what is not committed
set -e
mkdir -p content/pages
mkdir -p ../outside && printf 'secret\n' >../outside/secret.md
ln -s ../../../outside/secret.md content/pages/secret.md
ln -s /etc/passwd content/passwd.txt
