#!/usr/bin/env python3
"""Lists C functions in generator/ longer than a limit (default 120 lines,
the project's rule; docs/design.md). Exit 1 when there is one.
usage: scripts/long-functions.py [LIMIT]"""
import glob, re, sys

limit = int(sys.argv[1]) if len(sys.argv) > 1 else 120
bad = 0
for path in sorted(glob.glob('generator/*.c')):
    lines = open(path, encoding='utf-8').read().split('\n')
    start = name = None
    for i, line in enumerate(lines):
        if start is None and line == '{' and i > 0:
            m = re.search(r'(\w+)\s*\(', lines[i - 1]) or (i > 1 and re.search(r'(\w+)\s*\(', lines[i - 2]))
            start, name = i, m.group(1) if m else '?'
        elif start is not None and line == '}':
            n = i - start + 1
            if n > limit:
                print(f'{path}:{start}: {name} is {n} lines (limit {limit})')
                bad += 1
            start = None
sys.exit(1 if bad else 0)
