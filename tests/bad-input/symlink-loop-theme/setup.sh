#!/bin/sh
# run by tests/bad-input.sh in a scratch copy of this case: makes what is not committed
set -e
mkdir -p themes && cp -R "$ROOT/themes/default" themes/default
mkdir -p themes/default/assets/sub
ln -s .. themes/default/assets/sub/again
ln -s self themes/default/assets/self
