#!/bin/sh
# run by tests/bad-input.sh in a scratch copy of this case: makes what is not committed
set -e
mkdir -p themes && cp -R "$ROOT/themes/default" themes/default
mv themes/default/i18n ../outside-i18n
ln -s ../../../outside-i18n themes/default/i18n
