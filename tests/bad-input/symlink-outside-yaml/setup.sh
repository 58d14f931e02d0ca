#!/bin/sh
# run by tests/bad-input.sh in a scratch copy of this case: makes what is not committed
set -e
mkdir -p content/pages
mkdir -p ../outside && printf 'name: x\nrole: y\n' >../outside/q.yaml
ln -s ../../outside/q.yaml personas/q.yaml
ln -s ../../outside/q.yaml content/relations.yaml
