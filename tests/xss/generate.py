#!/usr/bin/env python3
"""Writes the script-injection content set tests/xss/ from payloads.json:
every field a reader can see (front matter, Markdown bodies and link URLs,
headings, topic synonyms, persona and journey texts, relations, the start
check, the site config, and strings a Lua hook provides) holds payloads, each
of which calls the global marker __xss(N) (or sets window.__xss) if it ever
runs. tests/browser/xss.test.js builds it and asserts that none does.

usage: tests/xss/generate.py   (rewrites the files next to it; commit them)
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
P = json.load(open(os.path.join(HERE, 'payloads.json'), encoding='utf-8'))
TEXT = [p['text'] for p in P if p['where'] != 'url']
URLS = [p['text'] for p in P if p['where'] == 'url']
MD = [p['text'] for p in P if p['where'] == 'markdown']
INLINE = [p['text'] for p in P if p['where'] == 'text']


def write(rel, text):
    path = os.path.join(HERE, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w', encoding='utf-8', newline='\n') as f:
        f.write(text)


def q(s):
    """a YAML double-quoted scalar (U+2028/2029 are line breaks to YAML)"""
    return json.dumps(s, ensure_ascii=False).replace('\u2028', '\\u2028').replace('\u2029', '\\u2029')


_n = [0]


def some(k=3):
    """k payloads, a different set on every call, so every payload lands in
    many fields and every field gets several"""
    out = []
    for _ in range(k):
        out.append(INLINE[_n[0] % len(INLINE)])
        _n[0] += 7
    return ' '.join(out)


def field(label, k=3):
    return q(label + ' ' + some(k))


def yaml_list(items, indent=''):
    return ''.join(f'{indent}  - {q(x)}\n' for x in items)


# raw fields that a template double-evaluation ({{{page.xss_raw}}} in a
# value rendered as a template) would pull in unescaped
RAW = ('xss_raw: "<img src=x onerror=__xss(21)>"\n'
       'xss_raw22: "<img src=x onerror=__xss(22)>"\n')


def body(title):
    """A Markdown body with every payload in every Markdown context."""
    out = [f'{title} {some(2)}\n']
    for i, p in enumerate(INLINE):
        out.append(f'段落 {i + 1}: {p}\n')
        out.append(f'*強調 {p}* **太字 {p}** `コード {p}` ~~取り消し {p}~~\n')
        out.append(f'[リンクの文字 {p}](https://example.org/ "題 {p}")\n')
    out.append('\n| 表 | 値 |\n| --- | --- |\n')
    for p in INLINE[:10]:
        out.append(f'| {p.replace("|", "&#124;")} | {p.replace("|", "&#124;")} |\n')
    out.append('\n')
    for p in MD:
        out.append(f'- {p}\n')
    out.append('\n')
    for i, u in enumerate(URLS):
        out.append(f'- [URL {i}]({u}) ![画像 {i}]({u}) <{u}>\n')
    out.append('\n```html\n' + '\n'.join(INLINE[:12]) + '\n```\n\n')
    out.append('> 引用 ' + some(2) + '\n\n')
    out.append('[参照リンク][r1] [参照リンク2][r2]\n\n')
    out.append(f'[r1]: {URLS[0]}\n[r2]: {URLS[1]} "{INLINE[0]}"\n')
    return ''.join(out)


def heading(level, text, attrs=''):
    return f'{"#" * level} {text}{(" {" + attrs + "}") if attrs else ""}\n\n'


def guideline(gid, extra, sections):
    url = 'https://example.org/' + gid + '?a="><script>__xss(62)</script>&b=' + "'onmouseover=__xss(62)"
    fm = f'''---
title: {field('ガイドライン ' + gid)}
short_title: {field('略称' + gid, 1)}
publisher: {field('発行元', 2)}
version: {field('版', 1)}
published: 2024-04  # validated as a date: a payload here is refused (bad-input/invalid-dates)
url: {q(url)}
urls:
  - {{label: {field('関連資料', 2)}, url: {q('https://example.org/"onmouseover="__xss(63)')}}}
  - {{label: {field('資料2', 2)}, url: "http://example.org/<script>__xss(63)</script>"}}
audience: [yamada]
status: {extra.get('status', 'current')}
unverified: [version]
summary_manager: {field('経営者向け要約')}
summary_staff: {field('担当者向け要約')}
read_when:
{yaml_list(INLINE)}{extra.get('more', '')}{RAW}---
'''
    return fm + sections


def main():
    # ---- the site config ----
    write('shirube.yaml', f'''# Script-injection test site (tests/xss/generate.py writes this file).
title: {q('XSS試験 ' + INLINE[0] + ' ' + INLINE[4] + ' ' + INLINE[6])}
description: {field('サイトの説明', 4)}
base_url: {q('https://example.org/guides/?"><script>__xss(61)</script>')}
lang: ja
''')

    # ---- guidelines ----
    secs = heading(2, '対策の一覧 ' + some(2), '#measures topics=backup,insider-fraud:partial')
    secs += body('本文')
    for i, p in enumerate(INLINE):
        secs += heading(3, f'見出し {i + 1} {p}', f'#h{i + 1} topics=backup')
        secs += f'節 {i + 1} の本文 {some(1)} バックアップ と 内部不正 と {p}\n\n'
    write('content/guidelines/alpha.md', guideline('alpha', {'more': f'''coverage:
  insider-fraud: {{level: not-covered, note: {field('注記', 2)}}}
'''}, secs))
    secs = heading(2, '別の対策 ' + some(2), '#other topics=backup:partial')
    secs += '本文 ' + some(3) + '\n\n'
    write('content/guidelines/beta.md', guideline('beta', {
        'status': 'superseded', 'more': 'superseded_by: alpha\n'}, secs))
    # the SCS scheme, for the checklist hook (content/hooks/scs-checklist.lua)
    secs = heading(2, '要求事項の分類 ' + some(1), '#categories')
    for i in range(3):
        secs += heading(3, f'分類 {i + 1} {some(2)}', f'#cat-{i + 1} topics=backup')
        secs += f'分類の説明 {some(3)}\n\n'
    write('content/guidelines/scs.md', guideline('scs', {}, secs))
    # the ★3 categories and evidence examples the checklist hook reads
    cats = ''
    for i in range(3):
        cats += f'''  - id: cat-{i + 1}
    no: {i + 1}
    title: {field('分類', 2)}
    summary: {field('説明', 3)}
    evidence_examples:
{yaml_list([some(2) for _ in range(3)], '  ')}'''
    write('content/scs-star3.yaml', f'''examples_notice: {field('例です', 3)}
star3_method: {field('方式', 3)}
source: {{document: {field('資料', 2)}, edition: {field('版', 1)}, checked: 2026-12-04, url: {q(URLS[0])}}}
categories:
{cats}''')

    # ---- topics ----
    write('content/topics/backup.md', f'''---
title: {field('バックアップ', 2)}
title_en: {field('Backup', 2)}
reading: {field('ばっくあっぷ', 1)}
synonyms:
{yaml_list(INLINE[:20])}related: [insider-fraud]
read_first: [alpha#measures, about]
{RAW}---
{body('トピックの説明')}''')
    write('content/topics/insider-fraud.md', f'''---
title: 内部不正
title_en: {field('Insider fraud', 2)}
reading: ないぶふせい
synonyms:
{yaml_list(INLINE[20:])}parent: backup
{RAW}---
内部不正の説明 {some(4)}
''')

    # ---- pages ----
    write('content/pages/about.md', f'''---
title: {field('このサイトについて')}
description: {field('説明', 4)}
nav: 1
{RAW}---
{body('ページ')}''')
    write('content/pages/plain.md', f'''---
title: {q(INLINE[1])}
template: page
---
{heading(1, some(2))}{some(5)}
''')

    # ---- relations, start check ----
    write('content/relations.yaml', f'''- a: alpha#measures
  b: beta#other
  type: intersects
  why: {field('理由', 4)}
- a: scs#cat-1
  b: alpha#h1
  type: subset
  why: {field('理由2', 4)}
''')
    write('content/start-check.yaml', f'''title: {field('どこから始める？')}
intro: {field('はじめに', 4)}
questions:
  - id: q1
    text: {field('質問1')}
    answers:
      - label: {field('はい')}
        next: q2
      - label: {field('いいえ')}
        goto: first-steps#read
  - id: q2
    text: {field('質問2')}
    answers:
      - label: {field('はい')}
        goto: first-steps
''')

    # ---- personas, journeys ----
    write('personas/yamada.yaml', f'''name: {field('山田さん')}
role: {field('経営者')}
summary: {field('紹介', 4)}
company:
  industry: {field('業種')}
  employees: {field('従業員', 1)}
  it: {field('IT環境')}
goals:
{yaml_list(INLINE[:17])}pains:
{yaml_list(INLINE[17:34])}questions:
{yaml_list(INLINE[34:40])}{''.join(f'  - {{q: {q(x)}, answer: {field("答え", 2)}, see: [alpha#measures, first-steps#read]}}' + chr(10) for x in INLINE[40:])}journeys:
  - {{id: first-steps, why: {field('理由', 3)}}}
{RAW}''')
    stages = ''
    for sid in ('notice', 'act'):
        stages += f'''  - id: {sid}
    name: {field('段階 ' + sid)}
    actions:
{yaml_list(INLINE[:12], '  ')}    thoughts:
{yaml_list(INLINE[12:24], '  ')}    pains:
{yaml_list(INLINE[24:36], '  ')}    opportunities:
{yaml_list(INLINE[36:], '  ')}    refs: [backup, alpha#measures]
'''
    steps = ''
    for i, sid in enumerate(('read', 'check', 'choose', 'other')):
        steps += f'''  - id: {sid}
    title: {field('手順 ' + sid)}
    stage: {'notice' if i < 2 else 'act'}
    logic: {'or' if sid == 'other' else 'and'}
    optional: {'true' if i == 2 else 'false'}
    time: {field('時間', 1)}
    who: {field('担当', 2)}
    done_when: {field('完了の目安', 2)}
    body: {q(body('手順の本文'))}
    refs: [backup, alpha#measures]
    help:
{yaml_list(INLINE[i * 10:i * 10 + 10], '  ')}{'    after: [read]' + chr(10) if i else ''}'''
    write('journeys/first-steps.yaml', f'''title: {field('はじめの一歩')}
persona: yamada
summary: {field('道のりの説明', 4)}
stages:
{stages}steps:
{steps}{RAW}''')

    # ---- a hook: strings from Lua ----
    lua_payloads = '{' + ', '.join(json.dumps(p, ensure_ascii=False).replace('\\u2028', '\\u{2028}').replace('\\u2029', '\\u{2029}') for p in INLINE) + '}'
    write('content/hooks/xss.lua', f'''-- Strings a hook provides: page titles, data fields rendered by a theme
-- template, HTML made with shirube.escape and shirube.markdown, and page
-- descriptions set in on_page. Written by tests/xss/generate.py.
local P = {lua_payloads}
local items = {{}}
for i, p in ipairs(P) do items[#items + 1] = "<li>" .. shirube.escape(p) .. "</li>" end
shirube.add_page{{
  path = "hook-page.html", title = "フック " .. P[1] .. P[5], nav = 30,
  description = "フックの説明 " .. P[2],
  html = "<h1>" .. shirube.escape(P[3]) .. "</h1><ul>" .. table.concat(items) .. "</ul>" ..
    shirube.markdown(table.concat(P, "\\n\\n") .. "\\n\\n[x](javascript:__xss(51)) <javascript:__xss(52)>"),
}}
-- the glossary template, with data straight from Lua
local groups = {{}}
for i = 1, #P, 10 do
  local entries = {{}}
  for k = i, math.min(i + 9, #P) do
    entries[#entries + 1] = {{id = "e" .. k, url = "about.html", title = P[k], title_en = P[k], reading = P[k],
      summary = shirube.escape(P[k]), synonyms = P[k]}}
  end
  groups[#groups + 1] = {{id = "g" .. i, label = P[i], entries = entries}}
end
shirube.add_page{{path = "hook-glossary.html", title = P[7], template = "glossary", data = {{groups = groups}}}}
function on_page(page, info)
  if info.kind == "guideline" or info.kind == "page" then
    return {{description = "on_page " .. P[(#info.id % #P) + 1]}}
  end
end
''')


main()
