#!/bin/sh
# run by tests/bad-input.sh in a scratch copy of this case: makes what is not committed
set -e
mkdir -p themes && cp -R "$ROOT/themes/default" themes/default
mv themes/default/templates ../outside-templates
ln -s ../../../outside-templates themes/default/templates
