// Issue 19 in the browser: the help page and its official links, every
// start-check branch, journeys as a step navigation (states, totals, the
// current step, the hand-over prompt, copy feedback, print), the phone
// header, no sideways scroll, no-JS, axe-core (WCAG 2.2 AA + best
// practice) in light and dark, focus ring contrast, and screenshots for
// review (tests/out/screenshots/ui-*.png). Over nginx under /guides/ and
// from file://.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { ROOT, SITE, startNginx, launch, screenshotDir } = require('./harness');

const AXE = fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
// one page of each type
const TYPES = ['index.html', 'help.html', 'about.html', 'figures.html', 'how-to-use.html',
  'journeys/incident-now.html', 'journeys/incident-now-map.html', 'journeys/incident-now-checklist.html',
  'guidelines/index.html', 'guidelines/sme-guideline.html', 'topics/index.html', 'topics/backup.html',
  'personas/parts-supplier.html', 'coverage.html', 'coverage/advisor.html', 'compare/index.html',
  'compare/cloud-sme--csm-guideline.html', 'search.html', 'glossary.html', 'publishers.html',
  'scs-checklist.html', 'scs-reading-list.html', 'changes.html', '404.html'];
const OFFICIAL = /^https:\/\/(www\.)?(ipa\.go\.jp|npa\.go\.jp|jpcert\.or\.jp|ppc\.go\.jp)\//;

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
async function newPage(opts = {}) {
  const context = await browser.newContext(opts);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.errors = errors;
  return page;
}

test('help page: one click from every page type, its contacts link to official pages with a date', async () => {
  for (const [name, base] of bases()) {
    const page = await newPage();
    for (const t of TYPES) {
      await page.goto(base + t);
      const href = await page.getAttribute('.site-header a.help-link', 'href');
      assert.ok(href && /help\.html$/.test(href), `${name} ${t}: header help link`);
      assert.strictEqual(await page.locator('.site-footer a[href$="help.html"]').count(), 1, `${name} ${t}: footer link`);
    }
    await page.goto(base + 'guidelines/sme-guideline.html');
    await page.click('.site-header a.help-link');
    await page.waitForLoadState();
    assert.match(page.url(), /\/help\.html$/, name);
    assert.strictEqual(await page.textContent('h1'), '困ったとき・相談窓口');
    const rows = await page.$$eval('#contacts + p + ul > li', (lis) => lis.map((li) => ({
      links: Array.from(li.querySelectorAll('a')).map((a) => a.href).filter((h) => !h.startsWith(location.origin) && !h.startsWith('file:')),
      date: (li.textContent.match(/確認日：([0-9-]+)/) || [])[1] || '',
    })));
    assert.ok(rows.length >= 6, name + ': at least 6 contacts');
    for (const r of rows) {
      assert.ok(r.links.length >= 1, 'each contact is a link');
      r.links.forEach((u) => assert.match(u, OFFICIAL, 'official URL: ' + u));
      assert.match(r.date, /^\d{4}-\d{2}-\d{2}$/, 'date checked');
    }
    const names = await page.textContent('#contacts + p + ul');
    for (const n of ['情報セキュリティ安心相談窓口', '警察', 'JPCERT/CC', '個人情報保護委員会', 'お助け隊'])
      assert.ok(names.includes(n), name + ': names ' + n);
    // the page leads to the company's own incident journey
    await page.click('main a[href$="journeys/incident-now.html"]');
    await page.waitForLoadState();
    assert.match(page.url(), /incident-now\.html$/);
    assert.deepStrictEqual(page.errors, []);
    await page.context().close();
  }
});

// the answers to click, and where each branch must end
const BRANCHES = [
  [['はい、起きている'], 'incident-now.html#step-write-down'],
  [['いいえ', '質問票'], 'customer-questionnaire.html#step-read-the-request'],
  [['いいえ', '★3・★4'], 'scs-star3.html#step-confirm-request'],
  [['いいえ', '特に求められていない', 'まだ'], 'start-from-zero.html#step-read-five-rules'],
  [['いいえ', '特に求められていない', 'できている', 'いない'], 'no-security-staff.html#step-find-your-step'],
];
test('start check: each branch ends at the journey step that fits, and that step is open', async () => {
  for (const [name, base] of bases()) {
    const page = await newPage();
    for (const [answers, end] of BRANCHES) {
      await page.goto(base + 'index.html');
      for (const a of answers) await page.locator('.start-check .answer:visible', { hasText: a }).first().click();
      await page.waitForLoadState();
      assert.ok(page.url().endsWith(end), `${name}: ${answers.join(' > ')} -> ${page.url()}`);
      const id = end.split('#')[1];
      assert.strictEqual(await page.$eval('#' + id + ' > details', (d) => d.open), true, 'target step open');
    }
    assert.deepStrictEqual(page.errors, []);
    await page.context().close();
  }
});

test('journey: states done / skipped / not started, totals without skipped steps, current step marked', async () => {
  for (const [name, base] of bases()) {
    const page = await newPage();
    await page.goto(base + 'journeys/incident-now.html');
    const total = await page.$$eval('li.step', (ls) => new Set(ls.map((l) => l.dataset.group)).size);
    assert.match(await page.textContent('.progress-summary'), new RegExp(`全${total}ステップ中0ステップ完了`));
    assert.strictEqual(await page.getAttribute('li.step >> nth=0', 'aria-current'), 'step', name);
    assert.strictEqual(await page.$eval('li.step:first-child > details', (d) => d.open), true, 'current step open');
    await page.check('#step-write-down input.step-done');
    assert.strictEqual(await page.getAttribute('#step-unplug', 'aria-current'), 'step', 'next step becomes current');
    assert.strictEqual(await page.locator('#step-write-down .step-state').textContent(), '完了');
    assert.strictEqual(await page.locator('#step-unplug .step-state').textContent(), '未着手');
    const optional = await page.$$eval('li.step[data-optional] input.step-skip', (bs) => bs.map((b) => b.value));
    assert.ok(optional.length >= 2, 'optional steps can be skipped');
    for (const id of optional) await page.check(`#step-${id} input.step-skip`);
    assert.strictEqual(await page.locator(`#step-${optional[0]} .step-state`).textContent(), '行わない');
    const summary = await page.textContent('.progress-summary');
    assert.match(summary, new RegExp(`全${total - optional.length}ステップ中1ステップ完了`), summary);
    assert.match(summary, new RegExp(`行わない${optional.length}ステップを除く`));
    // done + skipped everywhere = 100 %
    for (const b of await page.$$('li.step:not(.is-skipped) input.step-done')) await b.check();
    const left = total - optional.length;
    assert.match(await page.textContent('.progress-summary'), new RegExp(`全${left}ステップ中${left}ステップ完了`));
    assert.strictEqual(await page.locator('li.step[aria-current]').count(), 0, 'nothing left: no current step');
    await page.reload();
    assert.strictEqual(await page.locator('li.step.is-skipped').count(), optional.length, name + ': skips kept');
    // home: continue where you left off
    await page.goto(base + 'index.html');
    await page.locator('#continue').waitFor();
    assert.match(await page.textContent('#continue'), /いま事故が起きている会社の道のり/);
    // touch targets
    await page.goto(base + 'journeys/incident-now.html');
    const small = await page.$$eval('.stepnav button, .step-check label, .stepnav summary, .help-link', (els) =>
      els.filter((e) => e.offsetParent && e.getBoundingClientRect().height < 44).map((e) => e.className || e.tagName));
    assert.deepStrictEqual(small, [], 'targets at least 44 px high');
    assert.deepStrictEqual(page.errors, []);
    await page.context().close();
  }
});

test('hand-over URL: asks before merging or replacing; copy gives feedback; bad % sequences do not throw', async () => {
  for (const [name, base] of bases()) {
    const page = await newPage();
    const url = base + 'journeys/incident-now.html';
    // no progress yet: applied at once
    await page.goto(url + '#done=write-down,unplug');
    assert.strictEqual(await page.isVisible('.progress-merge'), false);
    assert.deepStrictEqual(await page.$$eval('input.step-done:checked', (b) => b.map((x) => x.value)), ['write-down', 'unplug']);
    // own progress differs: the prompt shows, nothing changed yet
    for (const [button, want] of [['.merge-keep', ['write-down', 'unplug']],
      ['.merge-merge', ['write-down', 'unplug', 'tell-the-boss']],
      ['.merge-replace', ['tell-the-boss']]]) {
      await page.goto('about:blank');
      await page.goto(url + '#done=tell-the-boss');
      assert.strictEqual(await page.isVisible('.progress-merge'), true, name + ': merge prompt');
      await page.click(button);
      assert.strictEqual(await page.isVisible('.progress-merge'), false);
      const got = await page.$$eval('input.step-done:checked', (b) => b.map((x) => x.value));
      assert.deepStrictEqual(got.sort(), want.slice().sort(), `${name} ${button}`);
      await page.reload();
      assert.deepStrictEqual((await page.$$eval('input.step-done:checked', (b) => b.map((x) => x.value))).sort(), want.slice().sort(), 'saved');
      // put the first state back for the next round
      await page.evaluate(() => localStorage.setItem('shirube:progress:incident-now', JSON.stringify({ done: ['write-down', 'unplug'], skipped: [] })));
    }
    // skips travel too
    await page.evaluate(() => localStorage.clear());
    await page.goto('about:blank');
    await page.goto(url + '#done=write-down&skip=tell-police');
    assert.strictEqual(await page.locator('#step-tell-police.is-skipped').count(), 1);
    // copy feedback
    await page.click('.progress-export');
    assert.match(await page.inputValue('.share-url'), /#done=write-down&skip=tell-police$/);
    await page.click('.share-copy');
    await page.waitForFunction(() => document.querySelector('.share-status').textContent !== '');
    assert.match(await page.textContent('.share-status'), /コピー/);
    // a bad escape must not throw
    await page.goto('about:blank');
    await page.goto(url + '#done=%ZZ');
    await page.goto('about:blank');
    await page.goto(url + '#step-%E0%A4%A');
    assert.deepStrictEqual(page.errors, [], name);
    await page.context().close();
  }
});

test('print: step page with every body open and numbers inside the page; checklist shows the ticks', async () => {
  const page = await newPage();
  const base = server.base;
  await page.goto(base + 'journeys/incident-now.html#done=write-down&skip=tell-police');
  assert.ok(await page.$$eval('li.step > details', (ds) => ds.some((d) => !d.open)), 'some steps closed on screen');
  await page.emulateMedia({ media: 'print' });
  const bodies = await page.$$eval('.step-body', (bs) => bs.map((b) => b.getBoundingClientRect().height));
  assert.ok(bodies.length > 8 && bodies.every((h) => h > 20), 'every step body printed: ' + bodies.join(','));
  const left = await page.$$eval('.step-num', (ns) => Math.min(...ns.map((n) => n.getBoundingClientRect().left)));
  assert.ok(left >= 0, 'step numbers not clipped: ' + left);
  const pdf = await page.pdf({ format: 'A4' });
  assert.ok(pdf.length > 10000);
  await page.emulateMedia({ media: 'screen' });
  await page.goto(base + 'journeys/incident-now-checklist.html');
  await page.emulateMedia({ media: 'print' });
  assert.strictEqual(await page.textContent('tr[data-step="write-down"] .tickbox'), '✓');
  assert.strictEqual(await page.getAttribute('tr[data-step="tell-police"] .tickbox', 'aria-label'), '行わない');
  assert.strictEqual(await page.textContent('tr[data-step="unplug"] .tickbox'), '');
  await page.screenshot({ path: path.join(screenshotDir(), 'ui-checklist-print.png'), fullPage: true });
  assert.deepStrictEqual(page.errors, []);
  await page.context().close();
});

test('layout: phone header at most 120 px; no sideways scroll at 1280, 1366 and 390 px on every page type', async () => {
  for (const width of [390, 1280, 1366]) {
    const page = await newPage({ viewport: { width, height: 844 } });
    for (const t of TYPES) {
      await page.goto(server.base + t);
      const sizes = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,
        header: document.querySelector('.site-header').getBoundingClientRect().height,
      }));
      assert.ok(sizes.scroll <= sizes.client, `${t} at ${width}: scrollWidth ${sizes.scroll} > ${sizes.client}`);
      if (width === 390) assert.ok(sizes.header <= 120, `${t}: header ${sizes.header} px`);
    }
    if (width === 390) {
      // the menu opens and shows the navigation and the search
      await page.goto(server.base + 'index.html');
      assert.strictEqual(await page.isVisible('.site-header nav'), false);
      await page.click('.menu > summary');
      assert.strictEqual(await page.isVisible('.site-header nav a >> nth=0'), true);
      assert.strictEqual(await page.isVisible('#site-q'), true);
    } else {
      await page.goto(server.base + 'index.html');
      assert.strictEqual(await page.isVisible('.menu > summary'), false, 'no menu button on wide screens');
      assert.strictEqual(await page.isVisible('.site-header nav a >> nth=0'), true);
    }
    await page.context().close();
  }
});

test('no JavaScript: nothing that needs it shows; the search page lists the topic index', async () => {
  const page = await newPage({ javaScriptEnabled: false });
  for (const t of ['journeys/incident-now.html', 'search.html', 'index.html', 'coverage.html']) {
    await page.goto(server.base + t);
    const shown = await page.$$eval('[hidden]', (els) => els.filter((e) => getComputedStyle(e).display !== 'none').map((e) => e.className));
    assert.deepStrictEqual(shown, [], t + ': [hidden] wins');
  }
  await page.goto(server.base + 'journeys/incident-now.html');
  for (const sel of ['.progress-tools', '.step-check', 'input.step-done', '.progress-merge', '.step-state'])
    assert.strictEqual(await page.locator(sel).first().isVisible(), false, sel);
  assert.strictEqual(await page.$$eval('li.step > details', (ds) => ds.every((d) => d.open)), true);
  await page.goto(server.base + 'search.html?q=backup');
  assert.ok(await page.locator('.az-list a[href*="topics/"]').count() > 10, 'topic index listed');
  assert.strictEqual(await page.locator('[role="search"]').count(), 1, 'one search landmark');
  await page.context().close();
});

function contrast(a, b) {
  const lum = (c) => {
    const v = c.match(/[\d.]+/g).slice(0, 3).map(Number).map((x) => x / 255)
      .map((x) => (x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4));
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
  };
  const [l1, l2] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (l1 + 0.05) / (l2 + 0.05);
}

test('axe-core (WCAG 2.2 AA + best practice) at zero on every page type, light and dark, at 1366 and 390 px; focus ring >= 3:1', async () => {
  const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
  for (const scheme of ['light', 'dark']) {
    const found = [];
    for (const width of [1366, 390]) {
      const wp = await newPage({ colorScheme: scheme, viewport: { width, height: 900 } });
      for (const t of TYPES) {
        await wp.goto(server.base + t);
        await wp.addScriptTag({ content: AXE });
        const v = await wp.evaluate(async (tg) => (await window.axe.run(document, { runOnly: { type: 'tag', values: tg } }))
          .violations.map((x) => `${x.id}: ${x.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`), tags);
        v.forEach((x) => found.push(`${scheme} ${width} ${t}: ${x}`));
        assert.strictEqual(await wp.locator('h1').count(), 1, `${t}: one h1`);
      }
      await wp.context().close();
    }
    assert.deepStrictEqual(found, []);
    const page = await newPage({ colorScheme: scheme });
    // focus ring against the page background
    await page.goto(server.base + 'journeys/incident-now.html');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const c = await page.evaluate(() => {
      const el = document.activeElement, cs = getComputedStyle(el);
      return { ring: cs.outlineColor, width: cs.outlineWidth, bg: getComputedStyle(document.documentElement).backgroundColor };
    });
    assert.ok(parseFloat(c.width) >= 2, 'outline width ' + c.width);
    const bg = c.bg === 'rgba(0, 0, 0, 0)' ? 'rgb(255,255,255)' : c.bg;
    assert.ok(contrast(c.ring, bg) >= 3, `${scheme}: focus ${c.ring} on ${bg} = ${contrast(c.ring, bg).toFixed(2)}`);
    if (scheme === 'dark') assert.ok(contrast(bg, 'rgb(255,255,255)') > 10, 'dark background in dark mode: ' + bg);
    await page.context().close();
  }
});

test('screenshots for review: home, a journey, the help page and a guideline at 390 and 1366 px, light and dark', async () => {
  const dir = screenshotDir();
  for (const scheme of ['light', 'dark']) {
    for (const width of [390, 1366]) {
      const page = await newPage({ viewport: { width, height: 900 }, colorScheme: scheme });
      await page.goto(server.base + 'journeys/incident-now.html');
      await page.check('#step-write-down input.step-done');
      for (const [n, t] of [['home', 'index.html'], ['journey', 'journeys/incident-now.html'], ['help', 'help.html'],
        ['guideline', 'guidelines/sme-guideline.html']]) {
        await page.goto(server.base + t);
        const file = path.join(dir, `ui-${n}-${width}-${scheme}.png`);
        await page.screenshot({ path: file, fullPage: n !== 'guideline' });
        assert.ok(fs.statSync(file).size > 5000, file);
      }
      await page.context().close();
    }
  }
});
