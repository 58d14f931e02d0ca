#!/bin/sh
# run by tests/bad-input.sh in a scratch copy of this case: FIFOs (which
# cannot be committed) where content files and personas are read (opening
# one would wait for a writer forever)
set -e
mkdir -p content/pages content/assets
mkfifo content/pages/fifo.md content/assets/pipe.txt personas/fifo.yaml
