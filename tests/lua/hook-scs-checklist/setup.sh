# The shipped SCS checklist hook (content/hooks/scs-checklist.lua) with a
# scs-star3.yaml that has every kind of mistake: each named at its place.
mkdir -p content/hooks
cp "$CASE/../../../content/hooks/scs-checklist.lua" content/hooks/
cat > content/guidelines/scs.md <<'MD'
---
title: SCS評価制度
short_title: SCS
publisher: 経済産業省
version: "2026"
url: https://example.org/scs
status: current
summary_manager: 要約。
summary_staff: 要約。
---

## 要求事項の分類 {#categories}

### 体制 {#governance topics=backup}

体制の説明。

### 守り {#protect}

守りの説明。
MD
cat > content/scs-star3.yaml <<'YAML'
examples_notice: 例です。
categories:
  - id: governance
    no: 1
    title: 体制
    evidence_examples:
      - 体制図
      - {not: text}
  - id: governance
    title: 二度目
  - id: nowhere
    title: 節のない分類
  - title: idのない分類
YAML
