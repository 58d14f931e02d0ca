#!/bin/sh
# Golden-site tests: each tests/regress/NAME/input is a project (content/
# or a plain docs/ tree) built by SHIRUBE; the site must equal the tree
# tests/regress/NAME/expected (diff -r) except the theme copies (files
# assets/P byte-identical to the theme's assets/P, which the golden trees
# do not hold: see golden_tree in tests/run-cases.sh), and a second build
# must be byte-identical. REGEN=1 (make regen) rewrites the expected trees
# instead. The runner is tests/run-cases.sh. usage: tests/regress.sh SHIRUBE
set -u
# golden outputs must not depend on when their inputs were committed
export SHIRUBE_GIT=0
. "$(dirname "$0")/run-cases.sh"
BIN=$(abs "$1")
CASE_INPUT=input
CASE_EXPECTED=
CASE_EXIT=0
CASE_GOLDEN=1
CASE_SAY_OK=1
run_cases regress "$root/tests/regress"
cases_end regress
