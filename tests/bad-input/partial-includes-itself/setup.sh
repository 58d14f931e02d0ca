#!/bin/sh
# run by tests/bad-input.sh in a scratch copy of this case: makes what is not committed
set -e
mkdir -p content/pages
mkdir -p themes && cp -R "$ROOT/themes/default" themes/default
printf '{{<layout}}{{$content}}{{>again}}{{/content}}{{/layout}}\n' >themes/default/templates/loop.mustache
printf '<div>{{>again}}</div>\n' >themes/default/templates/again.mustache
