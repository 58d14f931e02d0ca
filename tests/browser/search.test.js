// Search in a real browser: relevance (MRR@10, recall@10 on
// tests/search/queries.yaml for our content and for js-primer), file:// and
// nginx under /guides/, ?q=, keyboard navigation, filters, fallback, and
// escaping of hostile queries.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { ROOT, SITE, startNginx, launch } = require('./harness');

const JSP_SITE = process.env.SHIRUBE_JSP_SITE || path.join(ROOT, 'build/jsp-site');

const { loadQueries } = require('../search/queries');

function relevant(url, expect) {
  return expect.some((e) => (e.includes('#') ? url === e : url.split('#')[0] === e));
}

let server, browser;
test.before(async () => {
  server = await startNginx();
  browser = await launch();
});
test.after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
});

async function evaluate(site, queries) {
  const page = await browser.newPage();
  await page.goto(pathToFileURL(site).href + '/search.html');
  let rr = 0, recall = 0;
  const misses = [];
  for (const { q, expect } of queries) {
    const res = await page.evaluate((q) => window.shirube.search(q, { limit: 10 }), q);
    const urls = res.map((r) => r.url);
    const first = urls.findIndex((u) => relevant(u, expect));
    rr += first >= 0 ? 1 / (first + 1) : 0;
    const found = expect.filter((e) => urls.some((u) => relevant(u, [e]))).length;
    recall += found / expect.length;
    if (first !== 0) misses.push(`${q} -> first relevant at ${first < 0 ? 'none' : first + 1}`);
  }
  await page.close();
  return { mrr: rr / queries.length, recall: recall / queries.length, misses };
}

test('relevance: MRR@10 and recall@10 on both query sets', async () => {
  const sets = loadQueries();
  assert.ok(sets.shirube.length >= 40, 'at least 40 queries on our content');
  assert.ok(sets['js-primer'].length >= 30, 'at least 30 queries on js-primer');
  const ours = await evaluate(SITE, sets.shirube);
  const jsp = await evaluate(JSP_SITE, sets['js-primer']);
  const report = `search relevance: shirube MRR@10=${ours.mrr.toFixed(3)} recall@10=${ours.recall.toFixed(3)} (${sets.shirube.length} queries); ` +
    `js-primer MRR@10=${jsp.mrr.toFixed(3)} recall@10=${jsp.recall.toFixed(3)} (${sets['js-primer'].length} queries)`;
  console.log(report);
  fs.mkdirSync(path.join(ROOT, 'tests/out'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, 'tests/out/search-relevance.txt'),
    report + '\n' + ours.misses.concat(jsp.misses).join('\n') + '\n');
  assert.ok(ours.mrr >= 0.75, `MRR@10 on our content is ${ours.mrr}: ${ours.misses.join('; ')}`);
  assert.ok(ours.recall >= 0.8, `recall@10 on our content is ${ours.recall}`);
  assert.ok(jsp.mrr >= 0.6, `MRR@10 on js-primer is ${jsp.mrr}: ${jsp.misses.join('; ')}`);
  assert.ok(jsp.recall >= 0.7, `recall@10 on js-primer is ${jsp.recall}`);
});

for (const [name, base] of [['file://', () => pathToFileURL(SITE).href + '/'], ['nginx /guides/', () => server.base]]) {
  test(`search page with ?q= shows highlighted results (${name})`, async () => {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(base() + 'search.html?q=' + encodeURIComponent('内部不正'));
    await page.waitForSelector('#search-results li');
    assert.match(await page.textContent('#search-status'), /「内部不正」の検索結果: \d+件/);
    const first = await page.getAttribute('#search-results li a', 'href');
    assert.match(first, /topics\/insider-fraud\.html$/);
    assert.ok(await page.locator('#search-results mark').count() > 0);
    assert.strictEqual(await page.inputValue('#q'), '内部不正');
    // the header search box leads here from another page
    await page.goto(base() + 'guidelines/index.html');
    await page.fill('#site-q', 'バックアップ');
    await page.press('#site-q', 'Enter');
    await page.waitForSelector('#search-results li');
    assert.match(page.url(), /search\.html\?q=/);
    assert.deepStrictEqual(errors, []);
    await page.close();
  });
}

test('bad % sequences in ?q= are taken literally; the true total; folded sections and more on request', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  for (const [raw, shown] of [['%', '%'], ['%E3%81', '%E3%81'], ['100%25%zz', '100%%zz']]) {
    await page.goto(server.base + 'search.html?q=' + raw);
    await page.waitForFunction(() => document.getElementById('q').value !== '' || document.getElementById('search-status').textContent !== '');
    assert.strictEqual(await page.inputValue('#q'), shown, `?q=${raw}`);
  }
  assert.deepStrictEqual(errors, []);
  // 内部不正 対策 matches many sections of one guideline: at most three of
  // one page in the list, the rest behind 「この文書の他の N 件」
  await page.goto(server.base + 'search.html?q=' + encodeURIComponent('内部不正 対策'));
  await page.waitForSelector('#search-results li');
  const hrefs = await page.$$eval('#search-results > li > a.result-link', (as) => as.map((a) => a.getAttribute('href').replace(/#.*$/, '')));
  const per = {};
  hrefs.forEach((h) => { per[h] = (per[h] || 0) + 1; });
  assert.ok(Object.values(per).every((n) => n <= 3), JSON.stringify(per));
  const status = await page.textContent('#search-status');
  const total = Number(/(\d+)件/.exec(status)[1]);
  assert.ok(total > hrefs.length, `the status gives the true total (${status})`);
  const others = page.locator('button.result-others').first();
  assert.match(await others.textContent(), /この文書の他の \d+ 件/);
  await others.click();
  await page.waitForSelector('.result-others-list li');
  assert.ok(await page.locator('#search-more').isVisible());
  await page.click('#search-more');
  await page.waitForFunction((n) => document.querySelectorAll('#search-results > li').length > n, hrefs.length);
  assert.deepStrictEqual(errors, []);
  await page.close();
});

test('header box: results under it as one types, prefetches for Enter', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(server.base + 'guidelines/index.html');
  assert.strictEqual(await page.evaluate(() => !!(window.shirube && window.shirube.search)), false, 'search.js is not loaded before focus');
  await page.focus('#site-q');
  await page.keyboard.insertText('ばっくあっぷ');
  await page.waitForSelector('.site-search-hits li');
  assert.match(await page.getAttribute('.site-search-hits li a', 'href'), /topics\/backup\.html$/);
  assert.match(await page.getAttribute('.site-search-hits > a', 'href'), /search\.html\?q=%E3%81%B0/);
  /* the prefetches for Enter wait until the results are shown */
  await page.waitForSelector('link[rel=prefetch][href$="search.html"]', { state: 'attached' });
  assert.ok(await page.locator('link[rel=prefetch][href$="search.html"]').count() === 1);
  await page.keyboard.press('Escape'); /* hides the list (and clears a search box) */
  assert.ok(await page.locator('.site-search-hits').isHidden());
  await page.fill('#site-q', 'ばっくあっぷ');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#search-results li');
  assert.match(await page.getAttribute('#search-results li a', 'href'), /topics\/backup\.html$/);
  assert.deepStrictEqual(errors, []);
  await page.close();
});

test('header box: each keystroke loads the shards the next one needs, so the last loads none; the first result shows', async () => {
  const context = await browser.newContext(); /* an empty cache */
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(server.base + 'guidelines/index.html');
  await page.focus('#site-q');
  /* focus loads search.js and, alongside it, meta.js */
  await page.waitForFunction(() => window.shirube && window.shirube.files);
  const early = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => /\/search\/meta\.js$/.test(n)));
  assert.strictEqual(early.length, 1, 'meta.js is loaded once');
  /* a query whose last character makes a bigram in a shard that the
   * query without it does not use, so only the preloading finds it */
  let q = null;
  for (const c of ['内部不正', '標的型攻撃', '情報資産', 'テレワーク', '脆弱性診断']) {
    const [all, prefix] = await page.evaluate((c) => Promise.all([window.shirube.files(c), window.shirube.files(c.slice(0, -1))]), c);
    if (all.some((f) => !prefix.includes(f))) { q = { text: c, files: all }; break; }
  }
  assert.ok(q, 'one of the candidate queries needs a shard only for its last character');
  const settled = () => page.waitForFunction(() => !document.querySelector('head script[src*="/search/"]'));
  const shardsLoaded = () => page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name.replace(/^.*?\/guides\//, '')).filter((n) => n.startsWith('search/t/')));
  const chars = Array.from(q.text);
  for (const ch of chars.slice(0, -1)) {
    await page.keyboard.insertText(ch);
    await settled();
  }
  const before = await shardsLoaded();
  for (const f of q.files) assert.ok(before.includes(f), `${f} of 「${q.text}」 was loaded before its last character was typed (loaded: ${before.join(' ')})`);
  await page.keyboard.insertText(chars[chars.length - 1]);
  /* the results of the whole query, under the box */
  await page.waitForFunction((q) => {
    const h = document.querySelector('.site-search-hits');
    const all = h && !h.hidden && h.querySelector(':scope > a');
    return all && all.getAttribute('href').endsWith('?q=' + encodeURIComponent(q)) && h.querySelector('li a');
  }, q.text);
  const title = await page.textContent('.site-search-hits li a');
  assert.ok(title.trim().length > 0, 'the first result has a title');
  await settled();
  /* after it, only the shard of the bigrams its character begins (for
   * a character that may follow) */
  const next = await page.evaluate((ch) => window.shirube.meta().then((m) => 'search/t/' + window.shirube.shardOf(ch, m.k, m.hv) + '.js'), chars[chars.length - 1]);
  const after = (await shardsLoaded()).filter((f) => !before.includes(f) && f !== next);
  assert.deepStrictEqual(after, [], `the last keystroke of 「${q.text}」 loaded no shard of the query`);
  assert.deepStrictEqual(errors, []);
  await context.close();
});

test('keyboard: arrow keys move from the box through the results', async () => {
  const page = await browser.newPage();
  await page.goto(server.base + 'search.html');
  await page.fill('#q', 'パスワード');
  await page.waitForSelector('#search-results li:nth-child(3)');
  await page.press('#q', 'ArrowDown');
  const href0 = await page.$eval('#search-results li:nth-child(1) a', (a) => a.href);
  assert.strictEqual(await page.evaluate(() => document.activeElement.href), href0);
  await page.keyboard.press('ArrowDown');
  const href1 = await page.$eval('#search-results li:nth-child(2) a', (a) => a.href);
  assert.strictEqual(await page.evaluate(() => document.activeElement.href), href1);
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  assert.strictEqual(await page.evaluate(() => document.activeElement.id), 'q');
  await page.close();
});

test('filters by guideline, topic and persona; API shape; fallback; hostile queries', async () => {
  const page = await browser.newPage();
  let dialogs = 0;
  page.on('dialog', async (d) => { dialogs++; await d.dismiss(); });
  await page.goto(server.base + 'search.html');
  const byG = await page.evaluate(() => window.shirube.search('対策', { limit: 20, guideline: 'insider-fraud-guideline' }));
  assert.ok(byG.length > 0);
  assert.ok(byG.every((r) => r.url.startsWith('guidelines/insider-fraud-guideline.html')));
  const byT = await page.evaluate(() => window.shirube.search('対策', { limit: 20, topic: 'backup' }));
  assert.ok(byT.length > 0);
  const byP = await page.evaluate(() => window.shirube.search('対策', { limit: 50, persona: 'parts-supplier' }));
  const all = await page.evaluate(() => window.shirube.search('対策', { limit: 50 }));
  assert.ok(byP.length > 0 && byP.length <= all.length);
  for (const r of all) {
    assert.deepStrictEqual(Object.keys(r).sort(), ['excerpt', 'others', 'page', 'partial', 'score', 'section', 'title', 'url']);
    assert.ok(!/^[a-z]+:|^\//.test(r.url), 'urls are relative to the site root');
  }
  // nothing has every word: the most matched words come first
  const fb = await page.evaluate(() => window.shirube.search('バックアップ ｚｚｚｑｑｑ', { limit: 5 }));
  assert.ok(fb.length > 0 && fb[0].partial === true);
  // hostile queries are text
  for (const q of ['<img src=x onerror=alert(1)>', '"><script>alert(1)</script>', '{{#x}}', 'javascript:alert(1)']) {
    await page.fill('#q', q);
    await page.press('#q', 'Enter');
    await page.waitForTimeout(150);
    assert.strictEqual(await page.locator('#search-results img, #search-results script').count(), 0);
  }
  assert.strictEqual(dialogs, 0);
  await page.close();
});

test('without JavaScript the search page lists an A-Z index of topics and sections', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(server.base + 'search.html');
  assert.ok(await page.locator('.az a[href^="topics/"]').count() >= 24);
  assert.ok(await page.locator('.az a[href*="guidelines/"]').count() >= 100);
  await context.close();
});
