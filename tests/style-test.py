#!/usr/bin/env python3
"""Style-guide check (docs/style-guide.md) of every reader text: content/,
personas/ and journeys/ (Markdown and YAML). Prints path:line:col, the
variant found and what to write instead; exits 1 on any finding.

Before checking the tree it runs each rule on a sample that must be
flagged and on one that must not, so a broken rule fails the test too.

Usage: tests/style-test.py [ROOT]   (default: the repository root)"""
import os
import re
import sys

# Text inside 「…」 or 『…』 quotes an official name and is exempt from the
# variant rules (not from the editors'-note rule).
QUOTED = re.compile(r"「[^「」]*」|『[^『』]*』")

# (id, pattern, applies inside quotes?, message)
RULES = [
    ("editor-note", re.compile(r"要確認|TODO|FIXME"), True,
     "editors' note in reader text: say what is known, or mark the fact unreviewed (style-guide §1)"),
    ("torikumi", re.compile(r"取組み"), False, "write 取り組み (noun) / 取り組む (verb) (style-guide §2)"),
    ("torikumi-bare", re.compile(r"(?<!重要7項目の)取組(?![みむ0-9０-９])"), False,
     "write 取り組み; bare 取組 only in official names such as 「重要7項目の取組」 or 取組1〜7 (style-guide §2)"),
    ("folder", re.compile(r"フォルダ(?!ー)"), False, "write フォルダー (style-guide §2)"),
    ("kaketsuke", re.compile(r"駆付け|駆けつけ"), False, "write 駆け付け (style-guide §2)"),
    ("dearu", re.compile(r"(?:である|のだ|なのだ|ない|する|いる|ある|なる)。"), False,
     "write です・ます (style-guide §1)"),
    ("gl-abbrev", re.compile(r"(?<![A-Za-z])GL(?![A-Za-z])"), False,
     "no 'GL' abbreviation: use the guideline's short_title (style-guide §3)"),
    ("short-name", re.compile(r"中小企業向けガイドライン|中小GL|経営GL"), False,
     "use the short name 中小企業ガイドライン / 経営ガイドライン (style-guide §3)"),
    ("soudansaki", re.compile(r"相談先(?:の規模|の中小企業|の企業|の多く|は従業員|に合った|と話し合|がこの)"), False,
     "相談先 is a person or organisation one consults; the advisor's client is 支援先 (style-guide §4)"),
]

SAMPLES = {  # rule id -> (must flag, must pass)
    "editor-note": ("公開日は要確認です。", "公開日は確かめられていません。"),
    "torikumi": ("最初の取組みです。", "最初の取り組みです。"),
    "torikumi-bare": ("方針を決める取組です。", "「重要7項目の取組」の取組1です。"),
    "folder": ("共有フォルダの設定", "共有フォルダーの設定"),
    "kaketsuke": ("技術者が駆付けます。", "技術者が「駆付け」と呼ばれる支援で駆け付けます。"),
    "dearu": ("同じ原則である。", "同じ原則です。"),
    "gl-abbrev": ("経済安保経営GLを読む", "NIST CSF 2.0 の GV.SC を読む"),
    "short-name": ("中小企業向けガイドラインを読む", "中小企業向けのガイドラインを探す"),
    "soudansaki": ("相談先の規模に合わせる", "困ったときの相談先がない"),
}


def findings(line):
    """Yields (col, rule id, message) for one line of text (col is 1-based, in characters)."""
    blanked = QUOTED.sub(lambda m: "　" * len(m.group(0)), line)
    for rid, pat, in_quotes, msg in RULES:
        for m in pat.finditer(line if in_quotes else blanked):
            yield m.start() + 1, rid, msg


def self_test():
    ok = True
    for rid, (bad, good) in SAMPLES.items():
        if not any(r == rid for _, r, _ in findings(bad)):
            print(f"style-test: rule {rid} does not flag {bad!r}")
            ok = False
        if any(r == rid for _, r, _ in findings(good)):
            print(f"style-test: rule {rid} wrongly flags {good!r}")
            ok = False
    return ok


def reader_files(root):
    for top in ("content", "personas", "journeys"):
        for d, _, files in os.walk(os.path.join(root, top)):
            if os.path.basename(d) == "hooks":
                continue
            for f in sorted(files):
                # the search's variant table lists other spellings on purpose
                if top == "content" and d.endswith("content") and f == "search-variants.yaml":
                    continue
                if f.endswith((".md", ".yaml", ".yml")):
                    yield os.path.join(d, f)


def skip_line(line):
    s = line.strip()
    # URLs, ids and references are not prose
    return s.startswith(("url:", "- {label", "refs:", "read_first:", "related:", "audience:", "a:", "b:", "type:",
                         "id:", "section:", "checked:", "http"))


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    if not self_test():
        return 1
    bad = 0
    for path in reader_files(root):
        with open(path, encoding="utf-8-sig") as f:
            for n, line in enumerate(f, 1):
                if skip_line(line):
                    continue
                for col, rid, msg in findings(line.rstrip("\n")):
                    print(f"{os.path.relpath(path, root)}:{n}:{col}: {rid}: {msg}")
                    bad += 1
    if bad:
        print(f"style-test: {bad} finding(s); see docs/style-guide.md")
        return 1
    print("style-test: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
