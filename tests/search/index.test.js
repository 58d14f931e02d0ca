// The index files that generator/index.c writes, read the way the browser
// reads them (themes/default/assets/search.js in a vm with a document whose
// <script> elements load files from disk): C and JS agree on the shard of
// every term, long lists are announced in meta.js, every document has a
// record, copies of a section are numbered together with their text stored
// once, and the query plan covers every character of a Han/kana run.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const vm = require('node:vm');
const { execFileSync } = require('node:child_process');

const ROOT = path.join(__dirname, '../..');
const SITE = process.env.SHIRUBE_SITE || path.join(ROOT, 'build/browser-site');
const JSP_SITE = process.env.SHIRUBE_JSP_SITE || path.join(ROOT, 'build/jsp-site');
const BIN = process.env.SHIRUBE_BIN || path.join(ROOT, 'build/asan/shirube');
const SEARCH_JS = path.join(ROOT, 'themes/default/assets/search.js');

/* A fresh search.js for site, with a document that "loads" a script by
 * running the file in the same context (asynchronously, like a browser).
 * Returns the context: ctx.shirube is the API; ctx.loaded lists files. */
function open(site) {
  const ctx = { loaded: [], performance, TextEncoder, Map, Set };
  ctx.window = ctx;
  ctx.document = {
    currentScript: { src: 'file://' + site + '/assets/search.js' },
    querySelector: () => null,
    createElement: () => ({ remove() {} }),
    head: {
      appendChild(el) {
        setImmediate(() => {
          const file = el.src.replace(/^file:\/\//, '');
          let src;
          try {
            src = fs.readFileSync(file, 'utf8');
          } catch (e) {
            el.onerror();
            return;
          }
          ctx.loaded.push(path.relative(site, file));
          vm.runInContext(src, ctx, { filename: file });
          el.onload();
        });
      },
    },
  };
  vm.createContext(ctx);
  vm.runInContext(fs.readFileSync(SEARCH_JS, 'utf8'), ctx, { filename: SEARCH_JS });
  return ctx;
}

/* Every file of the index, parsed: {meta, shards: {N: terms}, chunks: {N: docs}} */
function readIndex(site) {
  const out = { meta: null, shards: {}, chunks: {} };
  const ctx = {
    shirube_m: (m) => { out.meta = m; },
    shirube_t: (n, t) => { out.shards[n] = t; },
    shirube_d: (n, d) => { out.chunks[n] = d; },
  };
  vm.createContext(ctx);
  const run = (f) => vm.runInContext(fs.readFileSync(f, 'utf8'), ctx, { filename: f });
  run(path.join(site, 'search/meta.js'));
  for (const dir of ['t', 'd'])
    for (const f of fs.readdirSync(path.join(site, 'search', dir))) run(path.join(site, 'search', dir, f));
  return out;
}

/* A copy of search.js's API outside any site, for plan() and shardOf. */
const api = require(SEARCH_JS);

/* A posting list, decoded by the browser's unpack(): df documents in
 * increasing order, each with a weight and at most 4 positions, and
 * nothing left over. */
function checkList(s, meta, t) {
  assert.match(s, /^[A-Za-z0-9_-]+$/, `"${t}": base64url`);
  const a = api.unpack(s);
  let i = 1, doc = 0, docs = 0;
  while (i < a.length) {
    assert.ok(a[i] > 0 || (docs === 0 && a[i] === 0), `"${t}": documents in increasing order`);
    doc += a[i];
    const w = a[i + 1], c = a[i + 2], n = c < 0 ? -c - 1 : c;
    assert.ok(w >= 1 && w <= 1000 && n <= 4, `"${t}": weight ${w}, ${n} positions`);
    i += 3 + n;
    docs++;
  }
  assert.strictEqual(i, a.length, `"${t}": the last document is whole`);
  assert.ok(doc < meta.n, `"${t}": document ${doc} of ${meta.n}`);
  assert.strictEqual(a[0], docs, `"${t}": df is the number of documents`);
}

function checkFormat(site) {
  const { meta, shards, chunks } = readIndex(site);
  assert.strictEqual(meta.v, 5);
  assert.ok(Array.isArray(meta.hv), 'meta.hv: the heavy shard keys');
  for (const key of meta.hv) assert.ok(Array.from(key).length === (key.codePointAt(0) >= 0x800 ? 1 : 2), `meta.hv: a key is one Han/kana character or two others, not "${key}"`);
  const bigs = new Set(Object.keys(meta.b));
  let terms = 0;
  for (const [n, table] of Object.entries(shards)) {
    if (n.startsWith('b')) {
      const [t] = Object.keys(table);
      assert.strictEqual('b' + meta.b[t], n, `${n} holds "${t}", which meta.b lists as b${meta.b[t]}`);
      continue;
    }
    for (const [t, v] of Object.entries(table)) {
      terms++;
      assert.strictEqual(api.shardOf(t, meta.k, meta.hv), Number(n), `"${t}" is in shard ${n}, the browser looks in ${api.shardOf(t, meta.k, meta.hv)}`);
      if (typeof v === 'number') {
        assert.strictEqual(v, meta.b[t], `"${t}" points to b${v}`);
        assert.ok(shards['b' + v] && typeof shards['b' + v][t] === 'string', `b${v} holds "${t}"`);
        bigs.delete(t);
        checkList(shards['b' + v][t], meta, t);
      } else checkList(v, meta, t);
    }
  }
  assert.strictEqual(terms, meta.terms);
  assert.deepStrictEqual([...bigs], [], 'every long list in meta.b is a term of some shard');
  for (let d = 0; d < meta.n; d++) {
    const chunk = chunks[Math.floor(d / meta.per)];
    assert.ok(chunk, `chunk of document ${d}`);
    const rec = chunk[d % meta.per];
    assert.ok(rec && typeof rec[0] === 'string' && rec[0].length, `record of document ${d}`);
    if (typeof rec[3] === 'number') {
      assert.ok(rec[3] < d % meta.per, `document ${d} refers to an earlier record`);
      assert.strictEqual(typeof chunk[rec[3]][3], 'string', `document ${d} refers to a stored text`);
    } else assert.strictEqual(typeof rec[3], 'string');
  }
  assert.strictEqual(Object.keys(chunks).length, Math.ceil(meta.n / meta.per));
  return { meta, shards, chunks };
}

test('C and JS agree on every shard; long lists are in meta.b; every document has a record (our content)', () => {
  const { meta } = checkFormat(SITE);
  assert.ok(meta.terms > 1000, `a real index: ${meta.terms} terms`);
});

test('the same on js-primer', () => {
  const { meta } = checkFormat(JSP_SITE);
  assert.ok(meta.n > 500, `${meta.n} documents`);
});

test('query plan: every character of a Han/kana run is covered, by about half the bigrams, rare ones first', () => {
  const s = 'プロトタイプチェーンの継承と非同期処理';
  for (let len = 1; len <= 14; len++) {
    const run = Array.from(s).slice(0, len).join('');
    const grams = api.plan(api.analyze(run));
    const covered = new Set();
    for (const g of grams) {
      assert.ok(g.cjk);
      assert.strictEqual(g.t, Array.from(run).slice(g.off, g.off + Math.min(2, len)).join(''), `offset ${g.off} of ${run}`);
      covered.add(g.off);
      if (len > 1) covered.add(g.off + 1);
    }
    assert.strictEqual(covered.size, len, `every character of ${run} (${len})`);
    assert.strictEqual(grams.length, len === 1 ? 1 : Math.ceil(len / 2), `bigrams looked up for ${run}`);
  }
  /* a bigram with a long list (its own file, no positions) is avoided when
   * rarer ones cover its characters: 「破壊的なメソッド」 keeps なメ, which
   * tells 「破壊的なメソッド」 from 「破壊的メソッド」 */
  const big = { 的な: 0, メソ: 1, ッド: 2 };
  assert.deepStrictEqual(api.plan(api.analyze('破壊的なメソッド')).map((g) => g.t + '@' + g.off), ['破壊@0', '的な@2', 'メソ@4', 'ッド@6']);
  assert.deepStrictEqual(api.plan(api.analyze('破壊的なメソッド'), big).map((g) => g.t + '@' + g.off), ['破壊@0', '壊的@1', 'なメ@3', 'ソッ@5', 'ッド@6']);
  /* words are always looked up whole; runs are planned separately */
  const mixed = api.plan(api.analyze('Promise の非同期処理 API'));
  assert.deepStrictEqual(mixed.map((g) => g.t), ['promise', 'の非', '同期', '処理', 'api']);
  /* a question looks up its content words, each a phrase of its own */
  const qn = api.plan(api.analyze('社員が情報を持ち出すのを防ぐには'));
  assert.deepStrictEqual(qn.map((g) => g.t + '@' + g.off), ['社員@0', '情報@0', '持ち@0', '出す@2', '防ぐ@0']);
  assert.strictEqual(new Set(qn.map((g) => g.run)).size, 4);
  /* a phrase with a particle or two is not a question: every bigram */
  assert.deepStrictEqual(api.plan(api.analyze('破壊的なメソッド')).map((g) => g.t), ['破壊', '的な', 'メソ', 'ッド']);
  /* a reading (hiragana only) keeps every bigram it needs */
  assert.deepStrictEqual(api.plan(api.analyze('ばっくあっぷ')).map((g) => g.t), ['ばっ', 'くあ', 'っぷ']);
  /* letters joined to digits: the parts are required, the whole a bonus */
  assert.deepStrictEqual(api.plan(api.analyze('ＩＳＯ２７００１')).map((g) => g.t + (g.bonus ? '+' : '')), ['iso', '27001', 'iso27001+']);
  /* a long katakana run may have one typo; a short one may not */
  assert.ok(api.plan(api.analyze('サプライチェン')).every((g) => g.fuzzy));
  assert.ok(api.plan(api.analyze('ランサム')).every((g) => !g.fuzzy));
});

/* js-primer x3 (copy1/ copy2/ copy3/), built once by the binary under
 * test: copies of every section, and long posting lists */
let copies = null;
function copiesSite() {
  if (copies) return copies;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shirube-index-'));
  for (const c of ['copy1', 'copy2', 'copy3'])
    fs.cpSync(path.join(ROOT, 'tests/corpus/js-primer'), path.join(dir, 'content', c), { recursive: true });
  fs.writeFileSync(path.join(dir, 'shirube.yaml'), `title: copies\nsearch: true\ngit_history: false\n`);
  execFileSync(BIN, ['build', '--out', 'site'], { cwd: dir, stdio: 'pipe' });
  copies = { dir, site: path.join(dir, 'site') };
  return copies;
}
test.after(() => { if (copies) fs.rmSync(copies.dir, { recursive: true, force: true }); });

test('copies of a section are numbered together, their text stored once, and found together', async () => {
  const site = copiesSite().site;
  const { meta, chunks } = checkFormat(site);
  /* the shards of its heavy keys' terms were checked too */
  assert.ok(meta.hv.includes('の') && meta.k > 1, `js-primer x3 has heavy shard keys: ${meta.hv.join(' ')}`);
  /* copies (same title, section and text): their documents are
   * consecutive, and no chunk stores their text twice */
  const where = new Map();
  let refs = 0;
  for (let d = 0; d < meta.n; d++) {
    const chunk = chunks[Math.floor(d / meta.per)], rec = chunk[d % meta.per];
    if (typeof rec[3] === 'number') refs++;
    const text = typeof rec[3] === 'number' ? chunk[rec[3]][3] : rec[3];
    const key = JSON.stringify([rec[1], rec[2], text]);
    if (!where.has(key)) where.set(key, []);
    where.get(key).push(d);
  }
  let groups = 0;
  for (const [key, docs] of where) {
    if (docs.length < 2) continue;
    groups++;
    assert.strictEqual(docs[docs.length - 1] - docs[0], docs.length - 1, `copies of ${key.slice(0, 60)}… are documents ${docs.join(',')}`);
  }
  assert.ok(groups > 500 && groups * 3 >= meta.n * 0.9, `${groups} of ${meta.n} documents have copies`);
  for (const [n, docs] of Object.entries(chunks)) {
    const stored = docs.filter((r) => typeof r[3] === 'string' && r[3].length).map((r) => JSON.stringify([r[1], r[2], r[3]]));
    assert.strictEqual(new Set(stored).size, stored.length, `chunk ${n} stores a copy's text twice`);
  }
  assert.ok(refs >= groups * 2 * 0.8, `${refs} records refer to a stored text (${groups} groups of 3)`);

  /* a section name: its three copies come first, from one chunk, with
   * the same excerpt; a phrase query marks the whole phrase */
  const ctx = open(site);
  const res = await ctx.shirube.search('非同期処理', { limit: 3 });
  assert.strictEqual(res.length, 3);
  const urls = JSON.parse(JSON.stringify(res.map((r) => r.url)));
  assert.deepStrictEqual(urls.map((u) => u.replace(/^copy\d\//, '')), Array(3).fill(urls[0].replace(/^copy\d\//, '')));
  assert.deepStrictEqual(urls.map((u) => u.split('/')[0]).sort(), ['copy1', 'copy2', 'copy3']);
  assert.ok(res.every((r) => r.excerpt === res[0].excerpt && /<mark>非同期処理<\/mark>/.test(r.excerpt)), res[0].excerpt);
  /* the three are consecutive documents: one chunk, or two at a boundary */
  const ids = new Map();
  for (const [n, docs] of Object.entries(chunks)) docs.forEach((r, i) => ids.set(r[0], Number(n) * meta.per + i));
  const got = urls.map((u) => ids.get(u)).sort((x, y) => x - y);
  assert.strictEqual(got[2] - got[0], 2, `documents ${got}`);
  const files = ctx.loaded.filter((f) => f.startsWith('search/d/'));
  assert.strictEqual(files.length, new Set(got.map((d) => Math.floor(d / meta.per))).size, files.join(' '));
});

test('a query loads its shards and long lists in one round, then its chunks', async () => {
  const site = copiesSite().site;
  const ctx = open(site);
  const { meta } = readIndex(site);
  /* a query of a long list: that file, not its shard (the name "^..."
   * is in the first term's shard, so use a two-run query) */
  const big = Object.keys(meta.b).find((t) => /^[\u3041-\u30ff\u4e00-\u9fff]{2}$/.test(t));
  assert.ok(big, 'js-primer x3 has a long Han/kana list');
  const q = 'JSON ' + big;
  const need = new Set(['search/t/' + api.shardOf('json', meta.k, meta.hv) + '.js', 'search/t/b' + meta.b[big] + '.js', 'search/t/' + api.shardOf('^json' + big, meta.k, meta.hv) + '.js']);
  const res = await ctx.shirube.search(q, { limit: 10 });
  /* and the long list is used: documents with both terms come first */
  assert.ok(res.length === 10 && !res[0].partial, `${q}: ${res.length} results, first partial: ${res[0] && res[0].partial}`);
  const shardFiles = ctx.loaded.filter((f) => f.startsWith('search/t/'));
  /* so the long list's own shard is not loaded (unless it is json's) */
  assert.deepStrictEqual(new Set(shardFiles), need, `${q}: loaded ${shardFiles.join(' ')}`);
  assert.strictEqual(shardFiles.length, need.size, 'each file once');
});
