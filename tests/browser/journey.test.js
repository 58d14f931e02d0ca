// Personas and journeys in the browser: choose a persona, follow its
// journey, keep progress, hand it over as a URL, print the checklist,
// accessibility (axe-core, WCAG 2.1 A/AA) and console errors everywhere.
// Runs over nginx under /guides/ and from file://.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { ROOT, SITE, startNginx, launch, sitePages, screenshotDir } = require('./harness');

const AXE = path.join(ROOT, 'node_modules/axe-core/axe.min.js');
let server, browser;
test.before(async () => {
  server = await startNginx();
  browser = await launch();
});
test.after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
});

function bases() {
  return [['nginx /guides/', server.base], ['file://', pathToFileURL(SITE).href + '/']];
}

async function checkedSteps(page) {
  return page.$$eval('input.step-done', (bs) => bs.filter((b) => b.checked).map((b) => b.value));
}

test('choose a persona, open its journey, tick two steps, reload: progress kept; export and import', async () => {
  for (const [name, base] of bases()) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(base + 'index.html');
    await page.click('#personas .card a >> nth=0');
    await page.waitForLoadState();
    assert.match(page.url(), /personas\/[a-z-]+\.html$/, name);
    const journeyLink = page.locator('main ol.journey-order a').first();
    await journeyLink.click();
    await page.waitForLoadState();
    assert.match(page.url(), /journeys\/[a-z0-9-]+\.html$/, name);
    const boxes = page.locator('input.step-done');
    assert.ok(await boxes.count() >= 8, name);
    await boxes.nth(0).check();
    await boxes.nth(2).check();
    const summary = await page.textContent('.progress-summary');
    assert.match(summary, /全\d+ステップ中2ステップ完了/, name);
    await page.reload();
    const kept = await checkedSteps(page);
    assert.strictEqual(kept.length, 2, name + ': progress kept after reload');
    assert.match(await page.textContent('.progress-summary'), /中2ステップ完了/, name);

    // export as a URL, open it in a fresh context: restored
    await page.click('.progress-export');
    const url = await page.inputValue('.share-url');
    assert.match(url, /#done=/, name);
    const fresh = await browser.newContext();
    const p2 = await fresh.newPage();
    await p2.goto(url);
    assert.deepStrictEqual((await checkedSteps(p2)).sort(), kept.sort(), name + ': progress restored from URL');
    assert.ok(await p2.isVisible('.notice'), name);
    assert.ok(!p2.url().includes('#done='), name + ': the progress hash is cleared');
    await p2.reload();
    assert.deepStrictEqual((await checkedSteps(p2)).sort(), kept.sort(), name + ': restored progress is saved');

    // reset
    await p2.click('.progress-reset');
    assert.deepStrictEqual(await checkedSteps(p2), [], name);
    await fresh.close();
    await context.close();
  }
});

test('show all / hide all, and the step named in the URL opens', async () => {
  for (const [, base] of bases()) {
  const page = await browser.newPage();
  await page.goto(base + 'journeys/start-from-zero.html#step-run-self-check');
  const open = await page.$$eval('li.step > details', (ds) => ds.filter((d) => d.open).map((d) => d.parentNode.id));
  assert.deepStrictEqual(open, ['step-run-self-check']);
  await page.click('.toggle-all');
  assert.strictEqual(await page.$$eval('li.step > details', (ds) => ds.every((d) => d.open)), true);
  assert.strictEqual(await page.getAttribute('.toggle-all', 'aria-expanded'), 'true');
  await page.click('.toggle-all');
  assert.strictEqual(await page.$$eval('li.step > details', (ds) => ds.some((d) => d.open)), false);
  await page.close();
  }
});

test('without JavaScript every step is readable as an open list', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(server.base + 'journeys/scs-star3.html');
  assert.strictEqual(await page.$$eval('li.step > details', (ds) => ds.every((d) => d.open)), true);
  assert.ok(await page.isVisible('li.step >> nth=3 >> .step-body'));
  // the start check still works with plain links
  await page.goto(server.base + 'index.html');
  const answers = await page.$$eval('.start-check a.answer', (as) => as.map((a) => a.getAttribute('href')));
  assert.ok(answers.length >= 6 && answers.every((h) => /index\.html#q-|journeys\//.test(h)));
  await context.close();
});

test('the start check walks question by question to a journey step', async () => {
  for (const [, base] of bases()) {
  const page = await browser.newPage();
  await page.goto(base + 'index.html');
  const visible = () => page.$$eval('.question', (qs) => qs.filter((q) => !q.hidden).map((q) => q.dataset.question));
  assert.deepStrictEqual(await visible(), ['incident']);
  await page.click('#q-incident a.answer[data-next]');
  assert.deepStrictEqual(await visible(), ['request']);
  await page.click('#q-request a.answer[data-next]');
  await page.click('#q-basics a.answer-goto');
  await page.waitForLoadState();
  assert.match(page.url(), /journeys\/start-from-zero\.html#step-read-five-rules$/);
  assert.strictEqual(await page.$eval('#step-read-five-rules > details', (d) => d.open), true);
  await page.close();
  }
});

test('a guideline page used by a journey names the journey and the step', async () => {
  const page = await browser.newPage();
  await page.goto(server.base + 'guidelines/five-rules.html');
  const links = await page.$$eval('.part-of a', (as) => as.map((a) => a.getAttribute('href')));
  assert.ok(links.some((h) => /journeys\/start-from-zero\.html$/.test(h)));
  assert.ok(links.some((h) => /journeys\/start-from-zero\.html#step-/.test(h)));
  await page.close();
});

test('printable checklist: A4 print screenshot with empty boxes', async () => {
  for (const [name, base] of bases()) {
    const page = await browser.newPage({ viewport: { width: 794, height: 1123 } });
    await page.emulateMedia({ media: 'print' });
    await page.goto(base + 'journeys/start-from-zero-checklist.html');
    assert.ok(await page.locator('.check-table tbody tr').count() >= 8, name);
    assert.ok(await page.locator('.check-table .tickbox').count() >= 8, name);
    assert.strictEqual(await page.isVisible('.site-header nav'), false, name);
    const file = path.join(screenshotDir(), `checklist-print-${name.startsWith('file') ? 'file' : 'nginx'}.png`);
    await page.screenshot({ path: file, fullPage: true });
    assert.ok(fs.statSync(file).size > 10000);
    const pdf = await page.pdf({ format: 'A4' });
    assert.ok(pdf.length > 1000);
    await page.close();
  }
});

test('screenshots of the journey map and the step-by-step page at 1280 and 375 px', async () => {
  for (const width of [1280, 375]) {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    for (const [rel, name] of [['journeys/start-from-zero-map.html', 'journey-map'], ['journeys/start-from-zero.html', 'step-by-step']]) {
      await page.goto(server.base + rel);
      const file = path.join(screenshotDir(), `${name}-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      assert.ok(fs.statSync(file).size > 10000);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${rel} at ${width}px overflows by ${overflow}px`);
    }
    if (width === 375) {
      // on a phone the stages stack vertically
      await page.goto(server.base + 'journeys/start-from-zero-map.html');
      const xs = await page.$$eval('.jstage', (ss) => ss.map((s) => Math.round(s.getBoundingClientRect().left)));
      assert.ok(xs.length >= 4 && xs.every((x) => x === xs[0]), 'stages share one column');
    }
    await page.close();
  }
});

test('axe-core: no WCAG 2.1 A/AA violations on the main page types', async () => {
  const pages = ['index.html', 'personas/micro-business.html', 'journeys/start-from-zero.html',
    'journeys/start-from-zero-map.html', 'journeys/start-from-zero-checklist.html',
    'guidelines/csm-guideline.html', 'topics/insider-fraud.html', 'coverage.html', 'compare/index.html',
    'glossary.html', 'publishers.html', 'scs-checklist.html'];
  const page = await browser.newPage();
  const found = [];
  for (const [name, base] of bases()) for (const rel of pages) {
    await page.goto(base + rel);
    await page.addScriptTag({ path: AXE });
    const res = await page.evaluate(() => window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    }));
    assert.ok(res.passes.length > 10, `axe ran its rules on ${rel}`);
    for (const v of res.violations) found.push(`${name} ${rel}: ${v.id} (${v.nodes.length}) ${v.nodes[0].target}`);
  }
  assert.deepStrictEqual(found, []);
  await page.close();
});

test('no console errors on any page', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e}`));
  const pages = sitePages();
  for (const [, base] of bases()) for (const rel of pages) await page.goto(base + rel);
  assert.ok(pages.length > 200);
  assert.deepStrictEqual(errors, []);
  await page.close();
});
