#!/bin/sh
# run by tests/bad-input.sh in a scratch copy of this case: makes what is not committed
set -e
mkdir -p content/pages
truncate -s $((16 * 1024 * 1024 + 1)) content/video.mp4
