#!/bin/sh
# run by tests/bad-input.sh in a scratch copy of this case: makes what is not committed
set -e
mkdir -p content/pages
# a copy of the theme with links to files outside it
mkdir -p themes && cp -R "$ROOT/themes/default" themes/default
ln -s /etc/passwd themes/default/assets/passwd.txt
rm themes/default/templates/topic.mustache && ln -s /etc/passwd themes/default/templates/topic.mustache
