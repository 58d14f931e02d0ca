// Reads tests/search/queries.yaml: "- {q: QUERY, cat: CAT, expect: [a, b], ok: [c]}"
// lines under a "set:" key (cat and ok optional), and scores a result list
// against them at page level (nDCG@10 with graded gains, MRR@10).
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const FILE = path.join(__dirname, 'queries.yaml');

function list(s) {
  return s ? s.split(',').map((x) => x.trim()).filter(Boolean) : [];
}

function loadQueries(file = FILE) {
  const sets = {};
  let cur = null;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    let m;
    if ((m = /^([a-z-]+):\s*$/.exec(line))) sets[(cur = m[1])] = [];
    else if ((m = /^\s+- \{q: (.*?)(?:, cat: ([a-z-]+))?, expect: \[([^\]]*)\](?:, ok: \[([^\]]*)\])?\}\s*$/.exec(line)))
      sets[cur].push({ q: m[1].trim(), cat: m[2] || 'keyword', expect: list(m[3]), ok: list(m[4]) });
    else if (/^\s+- /.test(line)) throw new Error(`${file}: cannot read the line ${JSON.stringify(line)}`);
  }
  return sets;
}

/* the page of a URL or judged entry (no #fragment, no copyN/ prefix) */
function pageOf(url) {
  return url.replace(/^\/(guides|pf)\//, '').replace(/#.*$/, '').replace(/^copy\d+\//, '').replace(/(^|\/)$/, '$1index.html');
}

/* {ndcg, rr, recall} of result URLs (in order) for query q, per page:
 * results are folded into their pages first, then the first ten pages
 * count; gain 2 for an expect page, 1 for an ok page */
function score(q, urls) {
  const gain = new Map();
  for (const e of q.ok) gain.set(pageOf(e), 1);
  for (const e of q.expect) gain.set(pageOf(e), 2);
  const pages = [];
  for (const u of urls) if (!pages.includes(pageOf(u))) pages.push(pageOf(u));
  const top = pages.slice(0, 10);
  const dcg = (gs) => gs.reduce((s, g, i) => s + (2 ** g - 1) / Math.log2(i + 2), 0);
  const ideal = dcg([...gain.values()].sort((a, b) => b - a).slice(0, 10));
  const ndcg = ideal ? dcg(top.map((p) => gain.get(p) || 0)) / ideal : 0;
  const first = top.findIndex((p) => gain.get(p) === 2);
  const want = [...new Set(q.expect.map(pageOf))];
  const recall = want.filter((p) => top.includes(p)).length / want.length;
  return { ndcg, rr: first >= 0 ? 1 / (first + 1) : 0, recall, first };
}

/* averages of per-query scores [{cat, ndcg, rr, recall}], overall and by category */
function summary(rows) {
  const avg = (rs) => ({
    n: rs.length,
    ndcg: rs.reduce((s, r) => s + r.ndcg, 0) / rs.length,
    mrr: rs.reduce((s, r) => s + r.rr, 0) / rs.length,
    recall: rs.reduce((s, r) => s + r.recall, 0) / rs.length,
  });
  const cats = {};
  for (const r of rows) (cats[r.cat] = cats[r.cat] || []).push(r);
  const out = { all: avg(rows), cats: {} };
  for (const c of Object.keys(cats)) out.cats[c] = avg(cats[c]);
  return out;
}

module.exports = { loadQueries, pageOf, score, summary };
