#!/usr/bin/env python3
"""Writes a synthetic site of N pages with front matter and topics:
usage: synth.py DIR N. Deterministic (seeded)."""
import os
import random
import sys

out, n = sys.argv[1], int(sys.argv[2])
rnd = random.Random(42)
words = ["情報セキュリティ", "対策", "経営者", "従業員", "バックアップ", "パスワード", "クラウド", "取引先",
         "インシデント", "ランサムウェア", "教育", "予算", "規程", "アクセス", "ログ", "監視", "更新",
         "ウイルス", "メール", "サーバー", "ネットワーク", "体制", "責任者", "点検", "改善"]
topics = ["backup", "password", "cloud", "supply-chain", "incident", "ransomware", "training", "budget"]
for i in range(n):
    d = os.path.join(out, "section%02d" % (i % 50))
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "page%05d.md" % i), "w", encoding="utf-8") as f:
        f.write("---\ntitle: \"ページ%d %s\"\ndate: 2026-01-%02d\ntopics: [%s]\n---\n\n" % (
            i, rnd.choice(words), 1 + i % 28, ", ".join(rnd.sample(topics, 2))))
        for s in range(4):
            f.write("## 節%d %s\n\n" % (s + 1, rnd.choice(words)))
            for p in range(2):
                f.write("".join(rnd.choice(words) + rnd.choice(["は", "を", "の", "と", "に"]) for _ in range(12)) + "。\n\n")
            f.write("- %s\n- %s\n\n" % (rnd.choice(words), rnd.choice(words)))
