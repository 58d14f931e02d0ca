#!/bin/sh
# made at test time, not committed
set -e
mkdir -p content/pages
truncate -s $((16 * 1024 * 1024 + 1)) personas/huge.yaml
