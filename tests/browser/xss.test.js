// No script injection: the content set tests/xss/ puts script payloads
// (tests/xss/payloads.json) in every field a reader can see; each payload
// calls the global marker __xss(N) if it ever runs. Every page of the built
// site (build/xss-site, see the Makefile's browser target) is opened over
// nginx under /guides/ and from file://, every payload is searched for on
// search.html (typed, and as ?q=) and from the header search box, and each
// time: no dialog opened, the marker never ran and was never set, and the
// page holds no element the content injected (scripts other than the
// site's own, on* attributes, javascript:/data: URLs, <svg>, <iframe>, ...).
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { ROOT, startNginx, launch } = require('./harness');

const SITE = process.env.SHIRUBE_XSS_SITE || path.join(ROOT, 'build/xss-site');
const PAYLOADS = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/xss/payloads.json'), 'utf8'));

// The marker, in every frame before any script of the page: calling
// __xss(N) or assigning window.__xss records a hit.
function marker() {
  const hits = [];
  const fn = function (n) { hits.push(String(n)); };
  Object.defineProperty(window, '__xssHits', { value: hits });
  Object.defineProperty(window, '__xss', {
    get() { return fn; },
    set(v) { hits.push('set ' + String(v)); },
  });
}

// What the page holds that the theme never writes: a list of strings.
function injected() {
  const bad = [];
  if (!(document instanceof HTMLDocument) || document.contentType !== 'text/html') {
    // feed.xml, sitemap.xml in the browser's XML viewer: no script, no handler
    for (const el of document.getElementsByTagNameNS('*', 'script')) bad.push('script in XML ' + el.outerHTML.slice(0, 80));
    for (const el of document.querySelectorAll('*'))
      for (const a of el.attributes) if (/^on/i.test(a.name)) bad.push(`<${el.localName} ${a.name}> in XML`);
    return bad;
  }
  const ownScript = /^(\.\.\/)*assets\/[a-z-]+\.js$/;
  const dangerousUrl = (v) => {
    const s = v.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
    return /^(javascript|vbscript):/.test(s) || (/^data:/.test(s) && !/^data:image\/(png|gif|jpeg|webp);/.test(s));
  };
  for (const s of document.querySelectorAll('script')) {
    const src = s.getAttribute('src');
    // search.js adds the index files search/*.js for a moment
    const own = src && (ownScript.test(src) || /^(https?|file):\/\/[^"'<>]*\/search\/(meta|[td]\/[a-z0-9]+)\.js$/.test(src));
    if (!own) bad.push('script ' + (src || JSON.stringify(s.textContent.slice(0, 80))));
  }
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (/^on/i.test(a.name)) bad.push(`<${el.localName} ${a.name}>`);
      if (/^(href|src|action|formaction|data|xlink:href|poster|background|srcdoc|srcset|ping)$/i.test(a.name) && dangerousUrl(a.value))
        bad.push(`<${el.localName} ${a.name}="${a.value}">`);
    }
  }
  const forbidden = 'svg, math, iframe, frame, frameset, object, embed, applet, base, template, video, audio, source, ' +
    'marquee, xmp, style, meta[http-equiv], body style, main style, link:not([rel="icon"]):not([rel="stylesheet"]):not([rel="alternate"]):not([rel="canonical"]):not([rel="prefetch"])';
  for (const el of document.querySelectorAll(forbidden)) bad.push(`<${el.localName}> ` + el.outerHTML.slice(0, 80));
  for (const l of document.querySelectorAll('link[rel="stylesheet"]'))
    if (!/(^|\/)assets\/style\.css$/.test(l.getAttribute('href'))) bad.push('stylesheet ' + l.getAttribute('href'));
  // search.js prefetches the search page and index files of the site
  for (const l of document.querySelectorAll('link[rel="prefetch"]'))
    if (!/^(https?|file):\/\/[^"'<>]*\/(search\.html|assets\/search-page\.js|search\/(meta|[td]\/b?[a-z0-9]+)\.js)$/.test(l.href)) bad.push('prefetch ' + l.href);
  for (const f of document.querySelectorAll('form'))
    if (!f.matches('form.site-search, form#search-form')) bad.push('form ' + f.outerHTML.slice(0, 80));
  for (const i of document.querySelectorAll('input, button, textarea, select'))
    if (!i.matches('#site-q, #q, input.share-url, input.step-done, input.step-skip, button.merge-merge, button.merge-replace, button.merge-keep, ul.scs-items input.scs-box[type="checkbox"], .site-search button, #search-form button, .search-filters select, .progress-tools button, .share-copy, .start-restart, #search-more, button.result-others'))
      bad.push('control ' + i.outerHTML.slice(0, 80));
  for (const n of document.querySelectorAll('noscript'))
    if (n.parentElement.id !== 'search-status') bad.push('noscript ' + n.outerHTML.slice(0, 80));
  // cmark-gfm empties the src of an image with a script URL
  for (const img of document.querySelectorAll('img'))
    if (!/^(https?:|[a-z0-9./_-]*$)/i.test(img.getAttribute('src') || '')) bad.push('img ' + img.outerHTML.slice(0, 80));
  return bad;
}

let server, browser;
test.before(async () => {
  server = await startNginx(SITE);
  browser = await launch();
});
test.after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
});

function bases() {
  return [['nginx /guides/', server.base], ['file://', pathToFileURL(SITE).href + '/']];
}

// A fresh page with the marker, dialog and error traps, and no requests
// leaving 127.0.0.1 or the site directory (base_url points elsewhere).
async function trappedPage() {
  const context = await browser.newContext();
  await context.addInitScript(marker);
  await context.route(/^(?!http:\/\/127\.0\.0\.1[:/]|file:|data:|about:)/, (route) => route.abort());
  const page = await context.newPage();
  const events = [];
  page.on('dialog', async (d) => { events.push(`dialog ${d.type()} ${d.message()}`); await d.dismiss().catch(() => {}); });
  page.on('pageerror', (e) => { if (/__xss/.test(String(e && e.message))) events.push('error ' + e.message); });
  page.on('console', (m) => { if (/__xss/.test(m.text())) events.push('console ' + m.text()); });
  page.on('popup', (p) => events.push('popup ' + p.url()));
  return { context, page, events };
}

// Everything that went wrong on the page so far (all frames).
async function problems(page, events) {
  await page.waitForTimeout(30); // let onerror/ontoggle/autofocus handlers fire
  const out = events.splice(0);
  for (const f of page.frames()) {
    const hits = await f.evaluate(() => (window.__xssHits || []).splice(0)).catch(() => []);
    for (const h of hits) out.push(`__xss(${h}) ran in ${f === page.mainFrame() ? 'the page' : 'a frame ' + f.url()}`);
  }
  out.push(...await page.evaluate(injected));
  return out;
}

function sitePages() {
  const out = [];
  (function walk(dir, rel) {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.name.startsWith('.')) continue;
      const r = rel ? rel + '/' + e.name : e.name;
      if (e.isDirectory()) walk(path.join(dir, e.name), r);
      else if (/\.(html|xml)$/.test(e.name)) out.push(r);
    }
  })(SITE, '');
  return out.sort();
}

test('the traps work: a script, a handler and a dialog are caught', async () => {
  const { context, page, events } = await trappedPage();
  await page.setContent('<img src=x onerror="__xss(\'probe\')"><script>window.__xss = 1; alert(2)</script>');
  const got = await problems(page, events);
  assert.ok(got.some((p) => p.includes('__xss(probe) ran')), got.join('\n'));
  assert.ok(got.some((p) => p.includes('__xss(set 1) ran')), got.join('\n'));
  assert.ok(got.some((p) => p.startsWith('dialog alert 2')), got.join('\n'));
  assert.ok(got.some((p) => p.startsWith('<img onerror>')), got.join('\n'));
  await context.close();
});

test('the content set is complete: every kind of page, payloads shown as text', () => {
  const pages = sitePages();
  for (const p of ['index.html', 'about.html', 'guidelines/alpha.html', 'topics/backup.html', 'personas/yamada.html',
    'journeys/first-steps.html', 'journeys/first-steps-map.html', 'journeys/first-steps-checklist.html',
    'coverage.html', 'search.html', 'hook-page.html', 'hook-glossary.html', 'glossary.html', 'publishers.html',
    'scs-checklist.html', 'scs-reading-list.html', 'compare/alpha--beta.html', 'feed.xml']) assert.ok(pages.includes(p), 'missing ' + p);
  const texts = PAYLOADS.filter((p) => p.where === 'text');
  assert.ok(texts.length >= 30, 'at least 30 payloads');
  const about = fs.readFileSync(path.join(SITE, 'about.html'), 'utf8');
  assert.ok(about.includes('&lt;script&gt;__xss(1)&lt;/script&gt;'), 'payloads are in the page, escaped');
});

test('no payload runs on any page (nginx and file://)', async () => {
  const pages = sitePages();
  for (const [name, base] of bases()) {
    const { context, page, events } = await trappedPage();
    const failures = [];
    for (const p of pages) {
      await page.goto(base + p, { waitUntil: 'load' });
      if (p === 'index.html' || p === 'about.html') {
        const text = await page.evaluate(() => document.body.innerText);
        assert.ok(text.includes('<script>__xss(1)</script>'), `${name} ${p}: payloads are visible as text`);
      }
      for (const f of await problems(page, events)) failures.push(`${name} ${p}: ${f}`);
    }
    // open every journey step and start-check answer that scripts reveal
    await page.goto(base + 'journeys/first-steps.html');
    await page.click('.toggle-all');
    for (const b of await page.$$('input.step-done')) await b.check();
    await page.click('.progress-export');
    for (const f of await problems(page, events)) failures.push(`${name} journey: ${f}`);
    await page.goto(base + 'index.html');
    await page.click('a.answer[data-next]');
    for (const f of await problems(page, events)) failures.push(`${name} start check: ${f}`);
    await context.close();
    assert.deepStrictEqual(failures, [], failures.join('\n'));
  }
});

async function waitForSearch(page) {
  await page.waitForFunction(() => {
    const s = document.getElementById('search-status');
    const f = document.getElementById('search-form');
    return s && f && s.textContent && s.textContent !== f.getAttribute('data-loading');
  }, null, { timeout: 5000 });
}

test('searching for every payload runs nothing (typed, ?q= and the header box)', async () => {
  for (const [name, base] of bases()) {
    const { context, page, events } = await trappedPage();
    const failures = [];
    let found = 0;
    await page.goto(base + 'search.html');
    for (const { text } of PAYLOADS) {
      await page.fill('#q', text);
      await page.press('#q', 'Enter');
      await waitForSearch(page);
      found += await page.$$eval('#search-results li', (l) => l.length) > 0 ? 1 : 0;
      for (const f of await problems(page, events)) failures.push(`${name} typed ${JSON.stringify(text)}: ${f}`);
    }
    for (const { text } of PAYLOADS) {
      await page.goto(base + 'search.html?q=' + encodeURIComponent(text));
      await waitForSearch(page);
      for (const f of await problems(page, events)) failures.push(`${name} ?q=${JSON.stringify(text)}: ${f}`);
    }
    for (const { text } of PAYLOADS.slice(0, 12)) {
      await page.goto(base + 'about.html');
      await page.fill('#site-q', text);
      await Promise.all([page.waitForURL(/search\.html\?q=/), page.press('#site-q', 'Enter')]);
      await waitForSearch(page);
      for (const f of await problems(page, events)) failures.push(`${name} header box ${JSON.stringify(text)}: ${f}`);
    }
    await context.close();
    assert.deepStrictEqual(failures, [], failures.join('\n'));
    assert.ok(found >= PAYLOADS.length / 2, `${name}: most payloads are found by the search (${found})`);
  }
});
