// Issue 19, the rest: the SCS★3 checklist by requirement category (from
// content/scs-star3.yaml, ticks kept and printed) and its separate reading
// list; persona pages that answer their questions and order their
// journeys; guideline pages with a table of contents and § permalinks;
// the coverage matrix as a list per topic on phones; the 404 page styled
// at any depth (nginx error_page, no base_url); the search page without
// JavaScript. Over nginx under /guides/ and from file://.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { ROOT, SITE, startNginx, launch, screenshotDir, execFileSync } = require('./harness');

const AXE = fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

// content/scs-star3.yaml and the personas as data (PyYAML, as the content
// tests use), so the pages are checked against what the editors wrote
function yamlFile(rel) {
  const out = execFileSync('python3', ['-c',
    'import json,sys,yaml,datetime; print(json.dumps(yaml.safe_load(open(sys.argv[1], encoding="utf-8")), default=str))',
    path.join(ROOT, rel)]);
  return JSON.parse(out);
}
const STAR3 = yamlFile('content/scs-star3.yaml');
const PERSONAS = fs.readdirSync(path.join(ROOT, 'personas')).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5));

let server, browser;
test.before(async () => {
  server = await startNginx(SITE, { server: 'error_page 404 /guides/404.html;' });
  browser = await launch();
});
test.after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
});
function bases() {
  return [['nginx /guides/', server.base], ['file://', pathToFileURL(SITE).href + '/']];
}
async function newPage(opts = {}) {
  const context = await browser.newContext(opts);
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  return page;
}

test('SCS★3 checklist: the seven categories of scs-star3.yaml with their evidence examples, labelled as examples', async () => {
  const page = await newPage();
  await page.goto(server.base + 'index.html');
  const nav = await page.$$eval('.site-header nav a', (as) => as.map((a) => [a.textContent, a.getAttribute('href')]));
  assert.ok(nav.some(([t, h]) => h === 'scs-checklist.html' && /チェックリスト/.test(t)), 'nav: ' + JSON.stringify(nav));
  assert.ok(!nav.some(([t]) => /読書リスト/.test(t)), 'the reading list is not the nav entry');
  await page.goto(server.base + 'scs-checklist.html');
  assert.match(await page.textContent('h1'), /チェックリスト/);
  const cats = await page.$$eval('section.scs-cat', (ss) => ss.map((s) => ({
    title: s.querySelector('h2').textContent,
    badge: (s.querySelector('.evidence-title .example-badge') || {}).textContent || '',
    items: Array.from(s.querySelectorAll('li.scs-item label')).map((l) => l.textContent),
    links: Array.from(s.querySelectorAll('.cat-links a')).map((a) => a.getAttribute('href')),
  })));
  assert.strictEqual(cats.length, STAR3.categories.length);
  STAR3.categories.forEach((c, i) => {
    const no = c.no !== undefined ? c.no : c['false']; // PyYAML (YAML 1.1) reads the key no as false
    assert.strictEqual(no, i + 1);
    assert.ok(cats[i].title.includes(`No.${no}`) && cats[i].title.includes(c.title), `category ${i}: ${cats[i].title}`);
    assert.deepStrictEqual(cats[i].items, c.evidence_examples, c.id + ': the examples as written');
    assert.strictEqual(cats[i].badge, '例示', c.id + ': labelled as examples');
    assert.ok(cats[i].links.includes(`guidelines/scs.html#${c.id}`), c.id + ': link to the scheme page');
    assert.ok(cats[i].links.includes(`scs-reading-list.html#cat-${c.id}`), c.id + ': link to its reading list');
  });
  // the notice that the examples are not requirements
  const notice = await page.textContent('.examples-notice');
  assert.ok(notice.includes(STAR3.examples_notice.replace(/\s+/g, '')) || notice.replace(/\s+/g, '').includes(STAR3.examples_notice.replace(/\s+/g, '')), notice);
  assert.ok(await page.locator('.examples-notice a[rel="external"][href^="https://www.meti.go.jp/"]').count() === 1, 'source link');
  // not to be confused with a journey's checklist: it points to the journey
  assert.strictEqual(await page.locator('main a[href="journeys/scs-star3.html"]').count(), 1);
  // the reading list is its own page, called a reading list, without boxes
  await page.goto(server.base + 'scs-reading-list.html');
  assert.match(await page.textContent('h1'), /読書リスト/);
  assert.strictEqual(await page.locator('input[type="checkbox"]').count(), 0);
  assert.ok(await page.locator('ul.reading a[href^="guidelines/"]').count() > 20);
  assert.deepStrictEqual(page.errors, []);
  await page.context().close();
});

test('SCS★3 checklist: ticks are counted, kept across reloads, reset, and printed', async () => {
  const total = STAR3.categories.reduce((n, c) => n + c.evidence_examples.length, 0);
  for (const [name, base] of bases()) {
    const page = await newPage();
    await page.goto(base + 'scs-checklist.html');
    assert.strictEqual(await page.textContent('.scs-progress .progress-summary'), `全${total}項目中0項目に印`, name);
    await page.check('#scs-governance-1');
    await page.check('#scs-protect-3');
    assert.strictEqual(await page.textContent('.scs-progress .progress-summary'), `全${total}項目中2項目に印`);
    assert.strictEqual(await page.textContent('[data-cat="governance"] .cat-count'),
      `1 / ${STAR3.categories[0].evidence_examples.length}`);
    await page.reload();
    assert.deepStrictEqual(await page.$$eval('input.scs-box:checked', (bs) => bs.map((b) => b.value)), ['governance-1', 'protect-3'], name + ': kept');
    // a whole category ticked is marked done
    for (const b of await page.$$('[data-cat="detect"] input.scs-box')) await b.check();
    assert.strictEqual(await page.locator('[data-cat="detect"].is-done').count(), 1);
    // print: the ticks are on paper, the buttons and chips are not
    await page.emulateMedia({ media: 'print' });
    assert.strictEqual(await page.isVisible('.scs-progress .progress-tools'), false);
    assert.strictEqual(await page.isVisible('.scs-cats'), false);
    const printed = await page.$$eval('input.scs-box', (bs) => bs.filter((b) => b.checked && b.getBoundingClientRect().width > 8).length);
    assert.strictEqual(printed, 2 + STAR3.categories[4].evidence_examples.length, 'ticked boxes printed');
    if (base.startsWith('http')) {
      const pdf = await page.pdf({ format: 'A4' });
      assert.ok(pdf.length > 20000, 'pdf ' + pdf.length);
      await page.screenshot({ path: path.join(screenshotDir(), 'pages-scs-checklist-print.png'), fullPage: true });
    }
    await page.emulateMedia({ media: 'screen' });
    await page.click('.progress-reset');
    assert.strictEqual(await page.locator('input.scs-box:checked').count(), 0);
    await page.reload();
    assert.strictEqual(await page.locator('input.scs-box:checked').count(), 0, 'reset kept');
    // storage written by hand that names unknown boxes is ignored
    await page.evaluate(() => localStorage.setItem('shirube:scs-checklist', '{"done":["nope","governance-2",3]}'));
    await page.reload();
    assert.deepStrictEqual(await page.$$eval('input.scs-box:checked', (bs) => bs.map((b) => b.value)), ['governance-2']);
    await page.evaluate(() => localStorage.setItem('shirube:scs-checklist', '{not json'));
    await page.reload();
    assert.strictEqual(await page.locator('input.scs-box:checked').count(), 0);
    assert.deepStrictEqual(page.errors, [], name);
    await page.context().close();
  }
  // without JavaScript: the boxes are there, the tools are not, the note says why
  const page = await newPage({ javaScriptEnabled: false });
  await page.goto(server.base + 'scs-checklist.html');
  assert.strictEqual(await page.isVisible('.scs-progress .progress-tools'), false);
  assert.match(await page.textContent('.scs-progress .progress-summary'), /JavaScript/);
  assert.strictEqual(await page.locator('input.scs-box').count(), total);
  await page.context().close();
});

test('persona pages: every question answered with a link to the section that answers it; journeys in the stated order', async () => {
  for (const [name, base] of bases()) {
    const page = await newPage();
    for (const id of PERSONAS) {
      const data = yamlFile(`personas/${id}.yaml`);
      await page.goto(base + `personas/${id}.html`);
      const qa = await page.$$eval('.qa dt', (dts) => dts.map((dt) => {
        const dd = dt.nextElementSibling;
        return { q: dt.textContent, answer: dd.querySelector('p').textContent,
          links: Array.from(dd.querySelectorAll('.qa-links a')).map((a) => a.getAttribute('href')) };
      }));
      assert.strictEqual(qa.length, data.questions.length, id);
      data.questions.forEach((q, i) => {
        assert.strictEqual(qa[i].q, q.q);
        assert.strictEqual(qa[i].answer, q.answer);
        assert.ok(qa[i].links.length >= 1 && qa[i].links.length === [].concat(q.see).length, `${id}: ${q.q} links`);
      });
      // journeys: an ordered list, in the YAML's order, each with its reason
      const js = await page.$$eval('ol.journey-order > li', (ls) => ls.map((l) => ({
        href: l.querySelector('a').getAttribute('href'), why: (l.querySelector('.why') || {}).textContent })));
      assert.deepStrictEqual(js.map((j) => j.href), data.journeys.map((j) => `../journeys/${j.id || j}.html`), id);
      js.forEach((j, i) => assert.strictEqual(j.why, data.journeys[i].why, `${id}: why`));
      if (name !== 'file://') continue;
      // every answer's links lead to a section (or step) that exists
      for (const q of qa) {
        for (const href of q.links) {
          const target = new URL(href, page.url());
          const p2 = await newPage();
          await p2.goto(target.href);
          if (target.hash) assert.strictEqual(await p2.locator(decodeURIComponent(target.hash)).count(), 1, `${id}: ${href}`);
          else assert.strictEqual(await p2.locator('h1').count(), 1, `${id}: ${href}`);
          await p2.context().close();
        }
      }
    }
    assert.deepStrictEqual(page.errors, []);
    await page.context().close();
  }
});

test('guideline pages: a table of contents and a § permalink per heading, shown on focus and hover, with a name', async () => {
  for (const [name, base] of bases()) {
    const page = await newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(base + 'guidelines/sme-guideline.html');
    const ids = await page.$$eval('.outline .hx > :is(h2,h3,h4,h5,h6)', (hs) => hs.map((h) => h.id));
    assert.ok(ids.length >= 20, name + ': headings ' + ids.length);
    const toc = await page.$$eval('nav.toc a', (as) => as.map((a) => a.getAttribute('href').slice(1)));
    assert.deepStrictEqual(toc, ids, 'the table of contents lists every section');
    // the toc comes before the long text on a phone
    const tocTop = await page.$eval('nav.toc', (n) => n.getBoundingClientRect().top + window.scrollY);
    assert.ok(tocTop < 1200, 'toc near the top: ' + tocTop);
    const links = await page.$$eval('.outline .hx', (hx) => hx.map((d) => {
      const h = d.firstElementChild, a = d.querySelector('a.permalink');
      return { id: h.id, text: h.textContent, href: a && a.getAttribute('href'), label: a && a.getAttribute('aria-label') };
    }));
    for (const l of links) {
      assert.strictEqual(l.href, '#' + l.id);
      assert.strictEqual(l.label, 'この見出しへのリンク：' + l.text, 'accessible name');
      assert.ok(!/リンク/.test(l.text), "the heading's own text stays clean: " + l.text);
    }
    await page.context().close();
  }
  // hidden until hover or focus on a desktop; reached with Tab; follows
  const page = await newPage({ viewport: { width: 1366, height: 900 } });
  await page.goto(server.base + 'guidelines/sme-guideline.html');
  const op = (sel) => page.$eval(sel, (a) => getComputedStyle(a).opacity);
  assert.strictEqual(await op('a.permalink[href="#disadvantages"]'), '0');
  await page.hover('#disadvantages');
  assert.strictEqual(await op('a.permalink[href="#disadvantages"]'), '1', 'shown on hover');
  await page.mouse.move(0, 0);
  await page.focus('a.permalink[href="#responsibility"]');
  assert.strictEqual(await op('a.permalink[href="#responsibility"]'), '1', 'shown on focus');
  const ring = await page.$eval('a.permalink[href="#responsibility"]', (a) => getComputedStyle(a).outlineStyle);
  await page.keyboard.press('Enter');
  assert.match(page.url(), /#responsibility$/);
  assert.ok(ring === 'solid' || ring === 'auto', 'focus ring: ' + ring);
  assert.strictEqual(await page.locator('a.permalink').evaluateAll((as) => as.filter((a) => a.textContent !== '').length), 0,
    'the § is drawn by CSS, so search and descriptions do not read it');
  await page.context().close();
});

test('coverage matrix on a phone: a list per topic with its guidelines and levels; the table on wide screens', async () => {
  const page = await newPage({ viewport: { width: 390, height: 844 } });
  await page.goto(server.base + 'coverage.html');
  assert.strictEqual(await page.isVisible('.matrix-wrap'), false, 'no 18-column table on a phone');
  assert.strictEqual(await page.isVisible('.matrix-topics'), true);
  const rows = await page.locator('table.matrix tbody tr').count();
  assert.strictEqual(await page.locator('details.topic-cov').count(), rows, 'one entry per topic');
  const first = page.locator('details.topic-cov').first();
  await first.locator('summary').click();
  const items = await first.locator('.topic-cov-list li').evaluateAll((ls) => ls.map((l) => l.querySelector('.cov').className));
  const cols = await page.locator('table.matrix thead th').count() - 1;
  assert.strictEqual(items.length, cols, 'every guideline listed with its level');
  // covered first, then partly, then the rest
  const rank = (c) => (/covered/.test(c) && !/not-covered/.test(c) ? 0 : /partial/.test(c) ? 1 : 2);
  assert.deepStrictEqual(items.map(rank), items.map(rank).slice().sort(), items.join(','));
  const hrefs = await first.locator('.topic-cov-list a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.ok(hrefs.length >= 1 && hrefs.every((h) => /^guidelines\/.+#/.test(h)), hrefs.join(','));
  const w = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  assert.ok(w[0] <= w[1], 'no sideways scroll: ' + w);
  await page.screenshot({ path: path.join(screenshotDir(), 'pages-coverage-390.png'), fullPage: false });
  await page.setViewportSize({ width: 1366, height: 900 });
  assert.strictEqual(await page.isVisible('.matrix-wrap'), true);
  assert.strictEqual(await page.isVisible('.matrix-topics'), false);
  await page.context().close();
});

test('404: styled when nginx serves it at any depth (error_page, no base_url), light and dark', async () => {
  for (const scheme of ['light', 'dark']) {
    const page = await newPage({ colorScheme: scheme, viewport: { width: 390, height: 844 } });
    const seen = [];
    for (const p of ['no-such-page', 'a/b/c/missing', 'guidelines/x/y/z.html']) {
      const res = await page.goto(server.base + p);
      assert.strictEqual(res.status(), 404, p);
      const st = await page.evaluate(() => ({
        font: getComputedStyle(document.body).fontFamily,
        header: getComputedStyle(document.querySelector('.site-header')).backgroundColor,
        bg: getComputedStyle(document.documentElement).backgroundColor,
        skip: document.querySelector('.skip').getBoundingClientRect().left,
        h1: document.querySelector('h1').textContent,
        scroll: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      }));
      assert.strictEqual(st.h1, 'ページが見つかりません');
      assert.match(st.font, /Noto Sans CJK JP|Hiragino/, `${p}: font ${st.font}`);
      assert.strictEqual(st.header, scheme === 'light' ? 'rgb(246, 248, 250)' : 'rgb(22, 27, 34)', `${scheme} ${p}: header`);
      assert.ok(st.skip < 0, 'skip link off screen');
      assert.ok(st.scroll <= 0, 'no sideways scroll');
      seen.push(st.header);
    }
    await page.screenshot({ path: path.join(screenshotDir(), `pages-404-deep-${scheme}.png`) });
    await page.context().close();
  }
});

test('search without JavaScript: says why the query is not shown, links to the index, lists the topics', async () => {
  const page = await newPage({ javaScriptEnabled: false });
  await page.goto(server.base + 'search.html?q=%E3%83%90%E3%83%83%E3%82%AF%E3%82%A2%E3%83%83%E3%83%97');
  const note = await page.textContent('#search-status');
  assert.match(note, /JavaScript/);
  assert.match(note, /入力した語/, 'explains the query cannot be echoed: ' + note);
  await page.click('#search-status a[href="#az-title"]');
  assert.match(page.url(), /#az-title$/);
  const topics = await page.$$eval('.az-list a[href^="topics/"]', (as) => as.map((a) => a.textContent));
  assert.ok(topics.includes('バックアップ'), 'the topic index lists the topics');
  await page.context().close();
  // with JavaScript the note is not there and the query is in the box
  const js = await newPage();
  await js.goto(server.base + 'search.html?q=%E3%83%90%E3%83%83%E3%82%AF%E3%82%A2%E3%83%83%E3%83%97');
  await js.waitForFunction(() => document.querySelectorAll('#search-results li').length > 0);
  assert.strictEqual(await js.inputValue('#q'), 'バックアップ');
  await js.context().close();
});

test('axe-core (WCAG 2.2 AA + best practice) on the new states: ticked checklist, open phone matrix, deep 404; screenshots', async () => {
  const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
  const found = [];
  for (const scheme of ['light', 'dark']) {
    for (const width of [1366, 390]) {
      const page = await newPage({ colorScheme: scheme, viewport: { width, height: 900 } });
      const run = async (what) => {
        await page.addScriptTag({ content: AXE });
        const v = await page.evaluate(async (tg) => (await window.axe.run(document, { runOnly: { type: 'tag', values: tg } }))
          .violations.map((x) => `${x.id}: ${x.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`), tags);
        v.forEach((x) => found.push(`${scheme} ${width} ${what}: ${x}`));
      };
      await page.goto(server.base + 'scs-checklist.html');
      await page.check('#scs-governance-1');
      await page.screenshot({ path: path.join(screenshotDir(), `pages-scs-checklist-${width}-${scheme}.png`), fullPage: width === 390 });
      await run('scs-checklist ticked');
      await page.goto(server.base + 'coverage.html');
      await page.$$eval('details.topic-cov', (ds) => ds.forEach((d) => { d.open = true; }));
      await run('coverage, topics open');
      await page.goto(server.base + 'personas/parts-supplier.html');
      await page.screenshot({ path: path.join(screenshotDir(), `pages-persona-${width}-${scheme}.png`), fullPage: width === 390 });
      await run('persona');
      await page.goto(server.base + 'guidelines/sme-guideline.html#disadvantages');
      await page.focus('a.permalink[href="#disadvantages"]');
      await run('guideline, permalink focused');
      await page.goto(server.base + 'a/b/c/missing');
      await run('404 at depth');
      await page.context().close();
    }
  }
  assert.deepStrictEqual(found, []);
});
