#!/usr/bin/env python3
"""Messages in both languages (issue 21), over every bad-input case.

Each tests/bad-input/NAME/ project (a scratch copy, its setup.sh run) is
checked twice with `check --format=json`: in a C locale and in a Japanese
one. Both runs must report the same findings (file, line, column,
severity, whether there is a hint). For a Japanese site (lang: ja, the
default) every message and hint of the second run must be Japanese: it
differs from the English one and holds kana or kanji, unless it is text
shirube shows as it is (a hook's own words, Lua's errors). For a site with
another lang, the two runs print the same. A few messages are pinned word
for word in both languages.

usage: tests/messages-test.py SHIRUBE
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.abspath(sys.argv[1])
JA = re.compile('[\u3040-\u30ff\u4e00-\u9fff]')
# hooks' and Lua's own words are shown as they are
VERBATIM = ('.lua',)

# a representative message per area: (case, English message, Japanese message)
PINNED = [
    ('unknown-fields-did-you-mean', "unknown field 'synonym' in a topic", "トピックに知らない項目 'synonym' があります"),
    ('yaml-ime-space', None, 'YAML の書き方に誤りがあります: '),
    ('invalid-dates', "'published' must be a date YYYY-MM-DD, YYYY-MM or YYYY, not '2024-13-45'",
     "'published' は YYYY-MM-DD、YYYY-MM、YYYY のいずれかの日付にしてください（'2024-13-45' ではなく）"),
    ('nul-byte', 'NUL byte in text file', 'テキストファイルに NUL バイトがあります'),
    ('duplicate-step-id', None, "手順の ID "),
    ('output-clash-generated', None, 'がすでに書き出しています'),
    ('journey-step-after-cycle', 'steps wait for each other in a cycle: ', '手順が互いを待っていて、順番が決まりません: '),
    ('template-syntax-error', None, "閉じタグ 'content' が セクション 'page'（2:1 で開始）と合っていません"),
]


def run(proj, ja):
    env = {k: v for k, v in os.environ.items() if not k.startswith('LC_') and k != 'LANG'}
    env.update({'SHIRUBE_GIT': '0', 'ASAN_OPTIONS': 'detect_leaks=0'})
    if ja:
        env['LANG'] = 'ja_JP.UTF-8'
    else:
        env['LC_ALL'] = 'C.UTF-8'
    args = [BIN, 'check', '--format=json']
    if os.path.exists(os.path.join(proj, 'shirube.yaml')):
        args += ['--config', 'shirube.yaml']
    r = subprocess.run(args, cwd=proj, env=env, capture_output=True, text=True, timeout=60)
    try:
        return json.loads(r.stdout)
    except ValueError:
        return None


def main():
    base = os.path.join(ROOT, 'tests', 'bad-input')
    tmp = tempfile.mkdtemp()
    fails, checked, found = [], 0, {}
    try:
        for name in sorted(os.listdir(base)):
            src = os.path.join(base, name)
            if name.startswith('_') or not os.path.isdir(src):
                continue
            proj = os.path.join(tmp, name)
            shutil.copytree(src, proj, symlinks=True,
                            ignore=shutil.ignore_patterns('expected.txt', 'expected-exit', 'setup.sh', 'expect'))
            if os.path.exists(os.path.join(src, 'setup.sh')):
                subprocess.run(['sh', os.path.join(src, 'setup.sh')], cwd=proj, check=False,
                               env=dict(os.environ, ROOT=ROOT, CASE=src), capture_output=True)
            en, ja = run(proj, False), run(proj, True)
            if en is None or ja is None:
                continue  # a case check cannot read (e.g. no project at all)
            cfg = os.path.join(proj, 'shirube.yaml')
            lang = 'ja'
            if os.path.exists(cfg):
                m = re.search(r'^lang:\s*(\S+)', open(cfg, encoding='utf-8', errors='replace').read(), re.M)
                lang = m.group(1).strip('"\'') if m else 'ja'
                if not re.fullmatch(r'[a-z]{2,3}(-[A-Za-z0-9]+)*', lang):
                    lang = 'ja'  # refused: the site falls back to ja
            found[name] = (en, ja)
            if len(en) != len(ja):
                fails.append('%s: %d findings in English, %d in Japanese' % (name, len(en), len(ja)))
                continue
            for e, j in zip(en, ja):
                where = '%s: %s:%s:%s' % (name, e['file'], e['line'], e['column'])
                if [e[k] for k in ('file', 'line', 'column', 'severity')] != \
                   [j[k] for k in ('file', 'line', 'column', 'severity')] or ('hint' in e) != ('hint' in j):
                    fails.append('%s: the two runs report different findings: %r / %r' % (where, e, j))
                    continue
                checked += 1
                if lang != 'ja':
                    if e != j:
                        fails.append('%s: a lang: %s site printed Japanese: %s' % (where, lang, j['message']))
                    continue
                if e['file'].endswith(VERBATIM):
                    continue
                for k in ('message', 'hint'):
                    if k in e and (e[k] == j[k] or not JA.search(j[k])):
                        fails.append('%s: %s not in Japanese: %s' % (where, k, j[k]))
        for name, en_text, ja_text in PINNED:
            if name not in found:
                fails.append('%s: the case is missing' % name)
                continue
            en, ja = found[name]
            if en_text and not any(en_text in f['message'] for f in en):
                fails.append('%s: no English message with %r: %r' % (name, en_text, [f['message'] for f in en]))
            if not any(ja_text in f['message'] for f in ja):
                fails.append('%s: no Japanese message with %r: %r' % (name, ja_text, [f['message'] for f in ja]))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    for f in fails:
        print('FAIL', f)
    print('messages: %d findings compared in English and Japanese over %d cases, %d failed'
          % (checked, len(found), len(fails)))
    return 1 if fails or checked < 100 else 0


if __name__ == '__main__':
    sys.exit(main())
