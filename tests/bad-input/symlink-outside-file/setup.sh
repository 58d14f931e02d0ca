#!/bin/sh
# made at test time, not committed
set -e
mkdir -p content/pages
mkdir -p ../outside && printf 'secret\n' >../outside/secret.md
ln -s ../../../outside/secret.md content/pages/secret.md
ln -s /etc/passwd content/passwd.txt
