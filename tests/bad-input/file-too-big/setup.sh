#!/bin/sh
# run by tests/bad-input.sh in a scratch copy of this case: makes what is not committed
set -e
mkdir -p content/pages
# one byte over SITE_MAX_FILE_BYTES (16 MiB); sparse, so it costs nothing
truncate -s $((16 * 1024 * 1024 + 1)) content/pages/big.md
