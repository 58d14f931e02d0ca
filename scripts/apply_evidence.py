#!/usr/bin/env python3
"""Writes the `coverage:` block of the seven first-read guidelines from
scripts/evidence_data.py (issue 18). Re-runnable: the old block is replaced."""
import re, sys, os
sys.path.insert(0, os.path.dirname(__file__))
import evidence_data as E

FILES = {"sme-guideline": E.SME, "csm-guideline": E.CSM, "csm-appendix-f": E.APPF, "five-rules": E.FIVE,
         "self-check": E.SELF, "insider-fraud-guideline": E.INS, "scs": E.SCS}
ORDER = ["level", "where", "edition", "checked", "whole", "inferred", "section", "note"]

def block(cov):
    out = ["coverage:"]
    for tid in sorted(cov):
        e = dict(cov[tid]); e["checked"] = E.C
        out.append(f"  {tid}:")
        for k in ORDER:
            if k not in e: continue
            v = e[k]
            if v is True: v = "true"
            elif k == "checked": v = str(v)
            else: v = '"' + str(v).replace('"', '\\"') + '"'
            out.append(f"    {k}: {v}")
    return "\n".join(out) + "\n"

for gid, cov in FILES.items():
    path = f"content/guidelines/{gid}.md"
    text = open(path, encoding="utf-8").read()
    assert text.startswith("---\n")
    end = text.index("\n---\n", 4) + 1
    fm, body = text[:end], text[end:]
    fm = re.sub(r"^coverage:\n(?:[ ].*\n|\n)*", "", fm, flags=re.M)
    fm += block(cov)
    open(path, "w", encoding="utf-8").write(fm + body)
    print(gid, len(cov))
