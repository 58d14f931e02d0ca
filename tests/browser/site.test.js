// The built site works under a sub-path of a real web server and opened
// from disk: styles load, navigation works, every internal link resolves.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { SITE, startNginx, launch, sitePages, screenshotDir } = require('./harness');

let server, browser;
test.before(async () => {
  server = await startNginx();
  browser = await launch();
});
test.after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
});

async function checkHome(base) {
  const page = await browser.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  const res = await page.goto(base + 'index.html');
  if (res) assert.strictEqual(res.status(), 200);
  // the stylesheet is applied: the header has the theme's panel colour
  const bg = await page.$eval('.site-header', (el) => getComputedStyle(el).backgroundColor);
  assert.strictEqual(bg, 'rgb(246, 248, 250)');
  // navigation: follow the guidelines link and land on the list
  await page.click('.site-header nav a[href$="guidelines/index.html"]');
  await page.waitForLoadState();
  assert.match(page.url(), /guidelines\/index\.html$/);
  assert.ok((await page.$$('main a[href$=".html"]')).length >= 18);
  // and back to home through the brand link, from one level down
  await page.click('.brand');
  await page.waitForLoadState();
  assert.match(page.url(), /\/index\.html$/);
  assert.deepStrictEqual(errors, []);
  await page.close();
}

test('home page with styles and navigation, served under /guides/', async () => {
  await checkHome(server.base);
});

test('home page with styles and navigation, opened from file://', async () => {
  await checkHome(pathToFileURL(SITE).href + '/');
});

test('every internal link of every page resolves (nginx under /guides/ and file://)', async () => {
  const pages = sitePages();
  assert.ok(pages.length > 100);
  const page = await browser.newPage();
  const broken = [];
  const checked = new Set();
  for (const rel of pages) {
    const html = fs.readFileSync(path.join(SITE, rel), 'utf8');
    for (const m of html.matchAll(/(?:href|src)="([^"#?]+)(?:#([^"]*))?"/g)) {
      const href = m[1];
      if (/^[a-z]+:/.test(href) || href.startsWith('//')) continue;
      const target = path.normalize(path.join(path.dirname(path.join(SITE, rel)), decodeURI(href)));
      if (!target.startsWith(path.resolve(SITE))) { broken.push(`${rel}: ${href} leaves the site`); continue; }
      if (!fs.existsSync(target) || fs.statSync(target).isDirectory()) broken.push(`${rel}: ${href}`);
      checked.add(path.relative(SITE, target));
    }
  }
  assert.deepStrictEqual(broken, []);
  // the same targets through nginx: no 404
  for (const rel of [...checked].sort()) {
    const res = await page.request.get(server.base + rel.split(path.sep).map(encodeURIComponent).join('/'));
    if (res.status() !== 200) broken.push(`${rel}: HTTP ${res.status()}`);
  }
  assert.deepStrictEqual(broken, []);
  await page.close();
});

test('screenshots of the home page at 1280 and 375 px', async () => {
  for (const width of [1280, 375]) {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    await page.goto(server.base + 'index.html');
    const file = path.join(screenshotDir(), `home-${width}.png`);
    await page.screenshot({ path: file, fullPage: true });
    assert.ok(fs.statSync(file).size > 10000);
    // nothing overflows the viewport horizontally at phone width
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the viewport`);
    await page.close();
  }
});
