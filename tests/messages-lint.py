#!/usr/bin/env python3
"""Every message of the generator comes from the one table (issue 21).

Reads generator/*.c and the table MSG_TABLE in generator/messages.c and
fails (exit 1, one line per problem, path:line) when:

- a diag() or diag_hint() call's format (or mustache.c's perr/rerr's) is a string literal (or a choice
  between literals, `a ? "x" : "y"`) that is not an English key of the
  table: it would be printed in English on a Japanese site;
- a format is not a literal, or has no words (e.g. "%s" with a ready-made
  text), and
  the call does not say why with a comment `/* msg: ... */` on its line or
  the line before (text that is translated already, or that comes from
  Lua, tidy or libyaml and is shown as it is);
- a string literal given to msg_tr() is not in the table;
- a literal argument of a diag call holds English words (a space between
  letters) without msg_tr() around it.

Run from anywhere: tests/messages-lint.py [ROOT]. `make unit` runs it.
"""
import glob
import os
import re
import sys

ROOT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
GEN = os.path.join(ROOT, 'generator')
# functions whose argument number N (from 0) is a message format
FORMAT_ARG = {'diag': 2, 'diag_hint': 0, 'perr': 3, 'rerr': 3}
STR = r'"(?:[^"\\\n]|\\.)*"'


def literals(expr):
    """The concatenated text of each run of adjacent string literals."""
    expr = re.sub(r'/\*.*?\*/', '', expr, flags=re.S)
    runs = re.findall(r'((?:' + STR + r'\s*)+)', expr)
    return [''.join(re.findall(r'"((?:[^"\\\n]|\\.)*)"', r)) for r in runs]


def only_literals(expr):
    """expr is a literal, or a choice between literals (a ? "x" : "y")."""
    e = re.sub(r'/\*.*?\*/', '', expr, flags=re.S).strip()
    if re.fullmatch(r'(?:' + STR + r'\s*)+', e):
        return True
    stripped = re.sub(r'(?:' + STR + r'\s*)+', 'S', e)
    return bool(re.fullmatch(r'[\w\s>=!&|().\-]*\?\s*S\s*:\s*(?:[\w\s>=!&|().\-]*\?\s*S\s*:\s*)*S', stripped))


def table():
    src = open(os.path.join(GEN, 'messages.c'), encoding='utf-8').read()
    body = src[src.index('MSG_TABLE[] = {'):src.index('{NULL, NULL}')]
    body = re.sub(r'/\*.*?\*/', '', body, flags=re.S)
    keys = set()
    for m in re.finditer(r'\{\s*((?:' + STR + r'\s*)+),\s*((?:' + STR + r'\s*)+)\}', body):
        keys.add(literals(m.group(1))[0])
    return keys


def calls(src, names):
    """(name, offset, argument text) of each call of one of names."""
    for m in re.finditer(r'(?<![\w.>])(' + '|'.join(names) + r')\s*\(', src):
        if re.search(r'\b(int|void|char \*)\s*$', src[src.rfind('\n', 0, m.start()) + 1:m.start()]):
            continue  # the definition or declaration
        i = j = m.end()
        depth = 1
        while depth and j < len(src):
            c = src[j]
            if c == '"':
                j += 1
                while src[j] != '"':
                    j += 2 if src[j] == '\\' else 1
            elif c == "'":
                j += 4 if src[j + 1] == '\\' else 3
                continue
            elif c == '(':
                depth += 1
            elif c == ')':
                depth -= 1
            j += 1
        yield m.group(1), m.start(), src[i:j - 1]


def split_args(a):
    out, depth, cur, k = [], 0, '', 0
    while k < len(a):
        c = a[k]
        if c == '"':
            e = k + 1
            while a[e] != '"':
                e += 2 if a[e] == '\\' else 1
            cur += a[k:e + 1]
            k = e + 1
            continue
        if c in '([{':
            depth += 1
        elif c in ')]}':
            depth -= 1
        elif c == ',' and depth == 0:
            out.append(cur.strip())
            cur = ''
            k += 1
            continue
        cur += c
        k += 1
    out.append(cur.strip())
    return out


def main():
    keys = table()
    problems = []
    for path in sorted(glob.glob(os.path.join(GEN, '*.c'))):
        name = os.path.basename(path)
        if name in ('diag.c', 'messages.c'):
            continue
        src = open(path, encoding='utf-8').read()
        lines = src.split('\n')

        def where(off):
            return 'generator/%s:%d' % (name, src.count('\n', 0, off) + 1)

        for fn, off, args in calls(src, list(FORMAT_ARG)):
            a = split_args(args)
            k = FORMAT_ARG[fn]
            if len(a) <= k:
                continue
            fmt, rest = a[k], a[k + 1:]
            line = src.count('\n', 0, off)
            bare = only_literals(fmt) and not any(
                re.search(r'[A-Za-z]', re.sub(r'%[-+ #0-9.*$lzhj]*[a-zA-Z%]', '', lit)) for lit in literals(fmt))
            if only_literals(fmt) and not bare:
                for lit in literals(fmt):
                    if lit not in keys:
                        problems.append('%s: %s format not in generator/messages.c: "%s"' % (where(off), fn, lit))
            elif not any('/* msg:' in lines[k] for k in (line - 1, line) if k >= 0):
                problems.append('%s: %s format is not a literal from the table; translate it or say why '
                                'with a /* msg: ... */ comment: %s' % (where(off), fn, ' '.join(fmt.split())))
            for r in rest:
                if 'msg_tr(' in r:
                    continue
                for lit in literals(r):
                    if re.search(r'[A-Za-z]{2,} +[A-Za-z]', lit):
                        problems.append('%s: English words passed to %s without msg_tr: "%s"' % (where(off), fn, lit))
        for fn, off, args in calls(src, ['msg_tr']):
            for lit in literals(args):
                if lit not in keys:
                    problems.append('%s: msg_tr text not in generator/messages.c: "%s"' % (where(off), lit))
    for p in problems:
        print(p)
    if problems:
        print('messages-lint: %d problems; add each message to MSG_TABLE in generator/messages.c '
              '(docs/design.md, "Messages")' % len(problems))
        return 1
    print('messages-lint: every diagnostic format is in the message table (%d entries)' % len(keys))
    return 0


if __name__ == '__main__':
    sys.exit(main())
