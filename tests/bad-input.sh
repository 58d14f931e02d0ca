#!/bin/sh
# Hostile and odd input. Each tests/bad-input/NAME/ is a project that must
# fail with exit 1, print exactly NAME/expected.txt (the summary line aside)
# with at least one "path[:line[:col]]: error:", and leave a previously
# built site byte-for-byte unchanged with no temporary directory left.
# Each tests/good-input/NAME/ is a project that must build (exit 0), print
# exactly its expected.txt, and produce a site in which every line
# "PATH<TAB>TEXT" of NAME/expect holds: the file PATH contains TEXT
# ("PATH<TAB>!TEXT": does not contain it).
#
# Every case runs on a scratch copy of its directory; an executable
# NAME/setup.sh runs there first (with ROOT set to the repository) to make
# what should not be committed: big files, symbolic links. Each case must
# finish within 5 s without a sanitizer report, and the same run on MEMBIN
# (an unsanitized build: ASan's shadow memory would swamp the figure) must
# print the same and peak within 1 GB of memory (/usr/bin/time).
# CASES="GLOB ..." runs only the matching cases, SKIP="GLOB ..." all others
# (make quick skips the slowest).
# REGEN=1 rewrites expected.txt (read every rewritten file before you commit).
# The runner is tests/run-cases.sh. usage: tests/bad-input.sh SHIRUBE [MEMBIN]
set -u
# messages in English (a Japanese locale would give Japanese messages)
export LC_ALL=C.UTF-8
. "$(dirname "$0")/run-cases.sh"
BIN=$(abs "$1")
[ $# -ge 2 ] && MEMBIN=$(abs "$2")
CASE_TIMEOUT=5
CASE_MEM_KB=1048576

# a good site to protect
CASE_PROTECT=$root/tests/regress/basic/input
CASE_EXIT=1
CASE_NEED_ERROR=1
run_cases bad-input "$root/tests/bad-input"
cases_end bad-input; bad=$?

CASE_PROTECT=
CASE_EXIT=0
CASE_NEED_ERROR=0
run_cases good-input "$root/tests/good-input"
cases_end good-input; good=$?
[ -n "$MEMBIN" ] && echo "bad-input: peak memory of any case $max_kb KB (limit $CASE_MEM_KB KB)"
[ "$bad" = 0 ] && [ "$good" = 0 ]
