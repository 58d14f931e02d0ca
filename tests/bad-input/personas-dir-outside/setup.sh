#!/bin/sh
# run by tests/bad-input.sh in a scratch copy of this case: makes what is not committed
set -e
mkdir -p ../outside-personas && printf 'name: secret\nrole: x\n' >../outside-personas/q.yaml
ln -s ../outside-personas personas
mkdir -p ../outside-journeys && printf 'title: secret\n' >../outside-journeys/j.yaml
ln -s ../outside-journeys journeys
