#!/bin/sh
# run by tests/bad-input.sh in a scratch copy of this case: a journey of
# 320 steps, each after every earlier one: 51,040 'after' entries, past
# the 50,000 a journey may have (a 1,500-step graph like this took 50 s
# and 900 MB)
set -e
mkdir -p journeys
awk 'BEGIN {
	printf "title: 道のり\npersona: p\nsteps:\n"
	for (i = 0; i < 320; i++) {
		printf "  - id: s%d\n    title: 手順 %d\n    refs: [backup]\n", i, i
		if (i) {
			printf "    after: ["
			for (k = 0; k < i; k++) printf "%ss%d", (k ? ", " : ""), k
			printf "]\n"
		}
	}
}' >journeys/j.yaml
