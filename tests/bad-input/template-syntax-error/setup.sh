#!/bin/sh
# run by tests/bad-input.sh in a scratch copy of this case: makes what is not committed
set -e
mkdir -p content/pages
mkdir -p themes && cp -R "$ROOT/themes/default" themes/default
printf '{{<layout}}{{$content}}\n{{#page}}\n<h1>{{title}}</h1>\n{{/content}}{{/layout}}\n' >themes/default/templates/broken.mustache
