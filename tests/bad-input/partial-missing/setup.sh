#!/bin/sh
# made at test time, not committed
set -e
mkdir -p content/pages
mkdir -p themes && cp -R "$ROOT/themes/default" themes/default
printf '{{<layout}}{{$content}}\n{{>no-such-partial}}{{/content}}{{/layout}}\n' >themes/default/templates/broken.mustache
