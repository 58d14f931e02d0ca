// Side-by-side search benchmark: shirube's index and Pagefind 1.6 on the
// same site, queried in headless Chromium over nginx on 127.0.0.1 (gzip on
// for both). usage: node bench/search-bench.js LABEL SHIRUBE_SITE PAGEFIND_SITE QUERYSET
// Prints one JSON line of results. Environment: COLD=0 skips the first
// result on screen, COLD=only runs it alone (COLD_EVERY=N: every Nth query,
// 8 by default; COLD_Q=q1,q2: those queries; COLD_ENGINES=shirube,...: some
// engines; COLD_B=DIR: also the box on another build, "shirube_b";
// COLD_DEBUG=1: each query's files on stderr).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { ROOT, startNginx, launch } = require('../tests/browser/harness');

const { loadQueries, pageOf, score, summary } = require('../tests/search/queries');

function pct(a, p) {
  const s = [...a].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.floor(p * (s.length - 1) + 0.5))];
}

/* bytes nginx sent (headers included), read from its access log: this
 * counts requests made by web workers too (Pagefind queries in one) */
function sentBytes(server) {
  return server.log().split('\n').reduce((n, l) => n + (Number(l.split(' ').pop()) || 0), 0);
}
/* the URIs requested so far, in order */
function uris(server) {
  return server.log().split('\n').filter((l) => l.trim()).map((l) => l.split(' ')[0]);
}

async function run(browser, server, base, engine, queries) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(base + 'bench.html');
  await new Promise((r) => setTimeout(r, 100));
  const bytes = async () => { await new Promise((r) => setTimeout(r, 50)); return sentBytes(server); };
  const start = await bytes();
  let first = null;
  const judged = [];
  const times = [], files = [], perQuery = [], loaded = [];
  for (let i = 0; i < queries.length; i++) {
    const { q } = queries[i];
    const before = await bytes(), reqBefore = uris(server).length;
    const out = await page.evaluate(async ({ q, engine }) => {
      const t0 = performance.now();
      let urls;
      if (engine === 'shirube') {
        if (!window.shirube) {
          await new Promise((res, rej) => {
            const s = document.createElement('script');
            s.src = 'assets/search.js';
            s.onload = res;
            s.onerror = rej;
            document.head.appendChild(s);
          });
        }
        const r = await window.shirube.search(q, { limit: 10 });
        urls = r.map((x) => x.url);
      } else {
        if (!window.pf) {
          window.pf = await import('/pf/pagefind/pagefind.js');
          await window.pf.init();
        }
        const r = await window.pf.search(q);
        const data = await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
        urls = data.map((d) => d.url);
      }
      return { urls, ms: performance.now() - t0 };
    }, { q, engine });
    const used = (await bytes()) - before;
    loaded.push(uris(server).slice(reqBefore));
    if (i === 0) first = { ms: out.ms, bytes: used };
    else {
      times.push(out.ms);
      files.push(loaded[i].length);
      perQuery.push({ q, ms: Math.round(out.ms * 10) / 10, files: files[files.length - 1] });
    }
    /* judged per page (results folded into their pages, in order) */
    const sc = score(queries[i], out.urls);
    judged.push({ q, cat: queries[i].cat, ndcg: sc.ndcg, rr: sc.rr, recall: sc.recall, first: sc.first });
  }
  const total = (await bytes()) - start;
  /* the same queries again: every index file is loaded, so this is the
   * ranking and excerpt work alone */
  const warm = [];
  for (const { q } of queries) {
    warm.push(await page.evaluate(async ({ q, engine }) => {
      const t0 = performance.now();
      if (engine === 'shirube') await window.shirube.search(q, { limit: 10 });
      else {
        const r = await window.pf.search(q);
        await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
      }
      return performance.now() - t0;
    }, { q, engine }));
  }
  await context.close();
  return {
    ...(({ all, cats }) => ({ ndcg: all.ndcg, mrr: all.mrr, recall: all.recall, cats }))(summary(judged)),
    judged,
    cold_bytes: first.bytes, cold_ms: first.ms,
    later_bytes_avg: Math.round((total - first.bytes) / Math.max(1, queries.length - 1)),
    p50: pct(times, 0.5), p95: pct(times, 0.95),
    files_p50: pct(files, 0.5), files_p95: pct(files, 0.95), files_max: Math.max(...files),
    per_query: perQuery, loaded,
    warm_p50: pct(warm, 0.5), warm_p95: pct(warm, 0.95),
  };
}

/* A fresh context's page on bench.html with window.load(src): a promise
 * that a classic script was loaded (or failed) */
async function loaderPage(browser, base) {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    window.load = (src) => new Promise((res) => {
      const s = document.createElement('script');
      s.src = src; s.async = true; s.onload = res; s.onerror = res;
      document.head.appendChild(s);
    });
  });
  const page = await context.newPage();
  await page.goto(base + 'bench.html');
  return { context, page };
}

/* The browser's own cost of loading scripts, whatever the engine: ten tiny
 * classic scripts at once from this nginx, and ten from blob: URLs (no
 * network at all), median of 5 rounds each. A query that needs N files
 * cannot be faster than about N/10 of the first figure. */
async function floor(browser, base) {
  const { context, page } = await loaderPage(browser, base);
  const r = await page.evaluate(async () => {
    await load('floor/0.js');
    const med = (a) => a.sort((x, y) => x - y)[Math.floor(a.length / 2)];
    const http = [], blob = [];
    for (let round = 0; round < 5; round++) {
      let t = performance.now();
      await Promise.all(Array.from({ length: 10 }, (_, i) => load('floor/' + (1 + round * 10 + i) + '.js')));
      http.push(performance.now() - t);
      const urls = Array.from({ length: 10 }, (_, i) => URL.createObjectURL(new Blob(['window.f' + round + '_' + i + '=1;'], { type: 'text/javascript' })));
      t = performance.now();
      await Promise.all(urls.map(load));
      blob.push(performance.now() - t);
    }
    return { http10: med(http), blob10: med(blob) };
  });
  await context.close();
  return r;
}

/* The browser alone: the files each query of shirube loaded, loaded again
 * in a fresh context with no search code (the index files call no-op
 * functions) in the same two rounds (index files, then the result texts
 * of search/d/); and the least an engine with excerpts can load, one index
 * file then one text file (the query's first of each). Same order and
 * first query as the real run; the first is left out of the figures. */
async function replay(browser, server, loaded) {
  const rounds = (list) => [list.filter((u) => !/\/search\/d\//.test(u)), list.filter((u) => /\/search\/d\//.test(u))];
  /* ms to load what pick(a query's two rounds) gives, query by query, in
   * a fresh context */
  const measure = async (pick) => {
    const { context, page } = await loaderPage(browser, server.base);
    await page.evaluate(() => { window.shirube_m = window.shirube_t = window.shirube_d = () => {}; });
    const out = [];
    for (let i = 0; i < loaded.length; i++) {
      const r = i === 0 ? rounds(loaded[i]) : pick(rounds(loaded[i]));
      if (!r) continue;
      const ms = await page.evaluate(async (r) => {
        const t = performance.now();
        for (const round of r) if (round.length) await Promise.all(round.map(load));
        return performance.now() - t;
      }, r);
      if (i) out.push(ms);
    }
    await context.close();
    return out;
  };
  const same = await measure((r) => r);
  const least = await measure(([a, b]) => {
    const t = a.filter((u) => /\/search\/t\//.test(u));
    return t.length && b.length ? [t.slice(0, 1), b.slice(0, 1)] : null;
  });
  return { same_p50: pct(same, 0.5), same_p95: pct(same, 0.95), least_p50: pct(least, 0.5), least_p95: pct(least, 0.95), least_n: least.length };
}

/* First result on screen, cold: a fresh browser context per query, on a
 * page of the site; the search box is focused and the query typed one
 * character every 50 ms, then the time from the last character to the
 * first result of the whole query on screen. shirube: the header box's own
 * results, and (shirube_page) Enter, the search page loading with ?q=.
 * Pagefind: its own UI (PagefindUI, 1.6) on a page of the same site, with
 * its default debounce (300 ms) and with none. The same queries for all.
 *
 * Measured in the page (not shirube_page, a new page): from the last
 * input event (a capturing listener on window) to the first animation
 * frame after the DOM shows a result of the whole query (a
 * MutationObserver): for shirube a result under the box whose "all
 * results" link carries the query; for Pagefind a result with its title
 * link (not the grey placeholder it draws while a result's data loads)
 * under the message that names the query. "driver" is the same span seen
 * from playwright (the last insertText to waitForFunction noticing), which
 * adds the cost of driving the browser, large on a loaded machine. */
async function coldUi(browser, server, ourBase, pfBase, queries, bBase) {
  /* COLD_ENGINES: some of them only; bBase (COLD_B): shirube_b, the box
   * on another build of the site, for A/B comparisons while tuning */
  const engines = (process.env.COLD_ENGINES || 'shirube,shirube_page,pagefind,pagefind_nodebounce' + (bBase ? ',shirube_b' : '')).split(',');
  const out = {}, driver = {}, fromEvent = {};
  for (const e of engines) {
    out[e] = []; driver[e] = [];
    if (e !== 'shirube_page') fromEvent[e] = [];
  }
  /* the answer to the whole query on screen: its first result, or (no
   * result at all) its own empty list */
  const shown = (q, engine) => {
    if (engine === 'shirube' || engine === 'shirube_b') {
      const h = document.querySelector('.site-search-hits');
      const all = h && !h.hidden && h.querySelector(':scope > a');
      return !!(all && all.getAttribute('href').endsWith('?q=' + encodeURIComponent(q)) && (h.querySelector('li a') || !h.querySelector('li')));
    }
    if (engine === 'shirube_page') return !!document.querySelector('#search-results li');
    const msg = document.querySelector('.pagefind-ui__message');
    return !!(msg && msg.textContent.includes(q) && (document.querySelector('.pagefind-ui__result-link') || !document.querySelector('.pagefind-ui__result')));
  };
  for (const { q } of queries) {
    for (const engine of Object.keys(out)) {
      const context = await browser.newContext();
      const page = await context.newPage();
      let box;
      if (engine.startsWith('shirube')) {
        await page.goto((engine === 'shirube_b' ? bBase : ourBase) + 'guidelines/index.html', { waitUntil: 'load' });
        box = '#site-q';
      } else {
        await page.goto(pfBase + (engine === 'pagefind' ? 'ui.html' : 'ui0.html'), { waitUntil: 'load' });
        box = '.pagefind-ui__search-input';
        await page.waitForSelector(box);
      }
      await new Promise((r) => setTimeout(r, 200));
      const reqs = [];
      page.on('request', (r) => reqs.push({ url: r.url(), at: performance.now() }));
      page.on('requestfinished', (r) => reqs.push({ url: r.url(), at: performance.now(), done: true }));
      /* the recorder: the last input event, then the frame after the DOM
       * first shows the result */
      await page.evaluate(({ q, engine, src }) => {
        const shown = new Function('return ' + src)();
        const c = window.__cold = { input: 0, dom: 0, paint: 0 };
        window.addEventListener('input', () => { c.input = performance.now(); c.dom = c.paint = 0; }, true);
        new MutationObserver(() => {
          if (c.dom || !c.input || !shown(q, engine)) return;
          c.dom = performance.now();
          requestAnimationFrame(() => { c.paint = performance.now(); });
        }).observe(document.body, { childList: true, subtree: true, attributes: true, characterData: true });
      }, { q, engine, src: shown.toString() });
      await page.focus(box);
      const chars = Array.from(q);
      let t0 = 0;
      let sent = 0; /* the last character sent, ms since the epoch */
      for (let i = 0; i < chars.length; i++) {
        if (i + 1 === chars.length) sent = performance.timeOrigin + performance.now();
        await page.keyboard.insertText(chars[i]);
        t0 = performance.now();
        if (i + 1 < chars.length) await new Promise((r) => setTimeout(r, 50));
      }
      if (engine === 'shirube_page') {
        await page.keyboard.press('Enter');
        await page.waitForFunction((q) => document.querySelector('#search-results li') || document.getElementById('search-status').textContent.includes(q), q, { timeout: 20000, polling: 'raf' });
      } else {
        await page.waitForFunction(({ q, engine, src }) => new Function('return ' + src)()(q, engine), { q, engine, src: shown.toString() }, { timeout: 20000, polling: 'raf' });
      }
      driver[engine].push(performance.now() - t0);
      if (engine === 'shirube_page') out[engine].push(performance.now() - t0);
      else {
        await page.waitForFunction(() => window.__cold.paint > 0, null, { timeout: 20000 });
        const c = await page.evaluate(() => ({ ...window.__cold, origin: performance.timeOrigin }));
        out[engine].push(c.origin + c.paint - sent);
        fromEvent[engine].push(c.paint - c.input);
      }
      /* COLD_DEBUG=1: each query's time and the files requested after
       * its last character, on stderr */
      if (process.env.COLD_DEBUG && engine !== 'shirube_page') console.error(JSON.stringify(await page.evaluate(() => ({ ...window.__cold, origin: performance.timeOrigin }))), sent);
      if (process.env.COLD_DEBUG) console.error(engine, q, Math.round(out[engine][out[engine].length - 1]), Math.round(driver[engine][driver[engine].length - 1]), reqs.filter((r) => r.at >= t0 - 300).map((r) => (r.done ? '<' : '>') + r.url.replace(/.*\/(search|pagefind)\//, '') + '@' + Math.round(r.at - t0)).join(' '));
      await context.close();
    }
  }
  const r = {};
  for (const k of Object.keys(out)) r[k] = { p50: pct(out[k], 0.5), p95: pct(out[k], 0.95), n: out[k].length, driver_p50: pct(driver[k], 0.5), driver_p95: pct(driver[k], 0.95),
    ...(fromEvent[k] ? { event_p50: pct(fromEvent[k], 0.5), event_p95: pct(fromEvent[k], 0.95) } : {}) };
  return r;
}

function pfUiPages(pfSite) {
  for (const [name, extra] of [['ui.html', ''], ['ui0.html', ', debounceTimeoutMs: 0']])
    fs.writeFileSync(path.join(pfSite, name), `<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>ui</title>
<link href="pagefind/pagefind-ui.css" rel="stylesheet"><script src="pagefind/pagefind-ui.js"></script></head>
<body><div id="search"></div><script>window.addEventListener('DOMContentLoaded', () => { new PagefindUI({ element: '#search', showSubResults: true${extra} }); });</script></body></html>
`);
}

(async () => {
  const [label, ourSite, pfSite, set] = process.argv.slice(2);
  fs.mkdirSync(path.join(ourSite, 'floor'), { recursive: true });
  for (let i = 0; i <= 50; i++) fs.writeFileSync(path.join(ourSite, 'floor', i + '.js'), 'window.floor' + i + '=1;\n');
  const queries = loadQueries()[set];
  for (const d of [ourSite, pfSite]) fs.writeFileSync(path.join(d, 'bench.html'), '<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>bench</title></head><body></body></html>\n');
  const server = await startNginx(ourSite, { gzip: true, extra: { '/pf/': pfSite, ...(process.env.COLD_B ? { '/b/': process.env.COLD_B } : {}) } });
  const browser = await launch();
  try {
    /* COLD=only: the first-result-on-screen part alone (COLD_EVERY: every
     * Nth query of the set, 8 unless told) */
    if (process.env.COLD === 'only') {
      pfUiPages(pfSite);
      const every = Number(process.env.COLD_EVERY) || 8;
      const pick = process.env.COLD_Q ? queries.filter((x) => process.env.COLD_Q.split(',').includes(x.q)) : queries.filter((_, i) => i % every === 0);
      const cold = await coldUi(browser, server, server.base, server.origin + '/pf/', pick, process.env.COLD_B && server.origin + '/b/');
      console.log(JSON.stringify({ label, queries: queries.length, cold }));
      return;
    }
    const { loaded, ...ours } = await run(browser, server, server.base, 'shirube', queries);
    /* Pagefind's requests are its worker's fetches: nothing to replay */
    const { loaded: _, ...pf } = await run(browser, server, server.origin + '/pf/', 'pagefind', queries);
    const fl = await floor(browser, server.base);
    const rp = await replay(browser, server, loaded);
    /* cold first result on screen, on every 8th query (COLD=0 skips it) */
    let cold = null;
    if (process.env.COLD !== '0' && set === 'shirube') {
      pfUiPages(pfSite);
      cold = await coldUi(browser, server, server.base, server.origin + '/pf/', queries.filter((_, i) => i % 8 === 0));
    }
    console.log(JSON.stringify({ label, queries: queries.length, shirube: ours, pagefind: pf, floor: fl, replay: rp, cold }));
  } finally {
    await browser.close();
    await server.stop();
  }
})().catch((e) => { console.error(e); process.exit(1); });
