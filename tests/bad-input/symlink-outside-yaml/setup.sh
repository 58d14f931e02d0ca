#!/bin/sh
# made at test time, not committed
set -e
mkdir -p content/pages
mkdir -p ../outside && printf 'name: x\nrole: y\n' >../outside/q.yaml
ln -s ../../outside/q.yaml personas/q.yaml
ln -s ../../outside/q.yaml content/relations.yaml
