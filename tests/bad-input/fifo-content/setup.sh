#!/bin/sh
# run by tests/bad-input.sh in a scratch copy of this case: makes what is not committed
set -e
mkfifo content/pipe.md
mkfifo content/pipe.txt
