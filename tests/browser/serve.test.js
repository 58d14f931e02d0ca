// shirube serve: a real preview server on 127.0.0.1 (free port) over a
// copy of the project: an edit shows up within a second, a broken edit
// shows the error overlay while the last good pages keep being served,
// and requests cannot leave the preview directory.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const http = require('node:http');
const { spawn, spawnSync } = require('node:child_process');
const { ROOT, launch } = require('./harness');

const BIN = process.env.SHIRUBE_BIN || path.join(ROOT, 'build/asan/shirube');
let dir, proc, base, out, browser;

function get(url, raw) {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const req = http.request({ host: u.hostname, port: u.port, path: raw || u.pathname + u.search, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode, type: res.headers['content-type'], body }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function until(fn, ms) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) return null;
    await new Promise((r) => setTimeout(r, 25));
  }
}

test.before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shirube-serve-test-'));
  for (const d of ['content', 'personas', 'journeys', 'themes', 'shirube.yaml']) fs.cpSync(path.join(ROOT, d), path.join(dir, d), { recursive: true });
  out = path.join(dir, 'preview');
  proc = spawn(BIN, ['serve', '--port', '0', '--out', out], { cwd: dir, env: { ...process.env, SHIRUBE_GIT: '0', LC_ALL: 'C.UTF-8', ASAN_OPTIONS: 'detect_leaks=0' } });
  let stdout = '';
  proc.stdout.on('data', (d) => { stdout += d; });
  proc.stderr.on('data', () => {});
  base = await until(() => { const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(stdout); return m && m[0]; }, 20000);
  assert.ok(base, 'serve printed its address');
  browser = await launch();
});

test.after(async () => {
  if (browser) await browser.close();
  if (proc) {
    const code = await new Promise((resolve) => { proc.once('exit', resolve); proc.kill('SIGTERM'); });
    assert.strictEqual(code, 0, 'serve stops cleanly on SIGTERM');
    assert.deepStrictEqual(fs.readdirSync(dir).filter((n) => n.startsWith('preview.')), [], 'the kept previous site goes when serve stops');
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

/* Every file under root: relative path -> its bytes, as a hex digest. */
function snapshot(root) {
  const out = {};
  (function walk(d, rel) {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const r = rel ? rel + '/' + e.name : e.name;
      if (e.isDirectory()) walk(path.join(d, e.name), r);
      else out[r] = require('node:crypto').createHash('sha1').update(fs.readFileSync(path.join(d, e.name))).digest('hex');
    }
  })(root, '');
  return out;
}

test('serves the site with correct types, only on 127.0.0.1', async () => {
  const home = await get(base + 'index.html');
  assert.strictEqual(home.status, 200);
  assert.strictEqual(home.type, 'text/html; charset=utf-8');
  assert.match(home.body, /__shirube\/live\.js/);
  assert.strictEqual((await get(base + 'assets/style.css')).type, 'text/css; charset=utf-8');
  assert.strictEqual((await get(base + 'search/meta.js')).type, 'application/javascript; charset=utf-8');
  assert.strictEqual((await get(base)).status, 200, '/ is the home page');
  const port = new URL(base).port;
  // not reachable on another local address
  const other = await new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.2', port, path: '/' }, () => resolve('answered'));
    req.on('error', () => resolve('refused'));
    req.setTimeout(1000, () => { req.destroy(); resolve('refused'); });
  });
  assert.strictEqual(other, 'refused');
});

test('an edit is served within 1 s', async () => {
  const file = path.join(dir, 'content/guidelines/five-rules.md');
  const text = fs.readFileSync(file, 'utf8');
  const marker = '編集テスト' + Date.now();
  const t0 = Date.now();
  fs.writeFileSync(file, text.replace(/^title: .*$/m, `title: ${marker}`));
  const seen = await until(async () => (await get(base + 'guidelines/five-rules.html')).body.includes(marker), 1000);
  assert.ok(seen, `the change was served within 1 s (waited ${Date.now() - t0} ms)`);
  fs.writeFileSync(file, text);
  assert.ok(await until(async () => !(await get(base + 'guidelines/five-rules.html')).body.includes(marker), 2000));
});

test('a broken edit shows the overlay with path:line:col and keeps serving', async () => {
  const page = await browser.newPage();
  await page.goto(base + 'topics/backup.html');
  const file = path.join(dir, 'content/topics/backup.md');
  const text = fs.readFileSync(file, 'utf8');
  fs.writeFileSync(file, text.replace(/^title: .*$/m, 'title: [unclosed'));
  const st = await until(async () => { const s = JSON.parse((await get(base + '__shirube/status')).body); return s.errors ? s : null; }, 3000);
  assert.ok(st, 'the status reports the failed build');
  assert.match(st.errors, /content\/topics\/backup\.md:\d+:\d+: error: /);
  const still = await get(base + 'topics/backup.html');
  assert.strictEqual(still.status, 200);
  assert.match(still.body, /<h1>バックアップ/);
  await page.waitForSelector('#shirube-errors', { timeout: 3000 });
  assert.match(await page.textContent('#shirube-errors'), /backup\.md:\d+:\d+: error/);
  // fixed again: the overlay goes and the page reloads
  fs.writeFileSync(file, text);
  await page.waitForSelector('#shirube-errors', { state: 'detached', timeout: 5000 });
  await page.close();
});

test('link problems that check finds show over a good build', async () => {
  const page = await browser.newPage();
  await page.goto(base + 'topics/backup.html');
  const file = path.join(dir, 'content/topics/backup.md');
  const text = fs.readFileSync(file, 'utf8');
  fs.writeFileSync(file, text + '\n[壊れたリンク](missing-page.html)\n');
  // the new pages are served first, the checks' findings come after them
  await page.waitForFunction(() => { const b = document.querySelector('#shirube-errors'); return b && b.textContent.includes('missing-page.html'); }, null, { timeout: 10000 });
  const shown = await page.textContent('#shirube-errors');
  assert.match(shown, /the site was rebuilt; check finds these problems/);
  assert.match(shown, /content\/topics\/backup\.md:\d+:1: error: link 'missing-page\.html'/);
  const st = JSON.parse((await get(base + '__shirube/status')).body);
  assert.strictEqual(st.failed, false, 'the build itself succeeded');
  fs.writeFileSync(file, text);
  await page.waitForSelector('#shirube-errors', { state: 'detached', timeout: 5000 });
  await page.close();
});

test('the overlay shows what check finds, at the same places: HTML (tidy), links, anchors and images', async () => {
  const page = await browser.newPage();
  await page.goto(base + 'topics/backup.html');
  const tmplFile = path.join(dir, 'themes/default/templates/topic.mustache');
  const mdFile = path.join(dir, 'content/topics/backup.md');
  const tmpl = fs.readFileSync(tmplFile, 'utf8');
  const md = fs.readFileSync(mdFile, 'utf8');
  assert.ok(tmpl.includes('</article>'));
  fs.writeFileSync(tmplFile, tmpl.replace('</article>', '<table><p>tidy-test</p></table></article>'));
  fs.writeFileSync(mdFile, md + '\n[壊れたリンク](missing-page.html) と [節](../guidelines/five-rules.html#no-such-section) と ![図](missing.png)\n');
  try {
    await page.waitForFunction(() => {
      const b = document.querySelector('#shirube-errors');
      return b && b.textContent.includes('HTML: ') && b.textContent.includes('missing.png');
    }, null, { timeout: 15000 });
    const shown = await page.textContent('#shirube-errors');
    assert.match(shown, /the site was rebuilt; check finds these problems/);
    // check over the same files finds exactly these errors and warnings
    const r = spawnSync(BIN, ['check'], { cwd: dir, encoding: 'utf8', env: { ...process.env, SHIRUBE_GIT: '0', LC_ALL: 'C.UTF-8', ASAN_OPTIONS: 'detect_leaks=0' } });
    const findings = (t) => t.split('\n').filter((l) => /: (error|warning): /.test(l)).sort();
    const want = findings(r.stderr);
    assert.ok(want.some((l) => /^topics\/backup\.html:\d+:\d+: warning: HTML: <p> isn't allowed in <table> elements \(template 'topic', from content\/topics\/backup\.md\)$/.test(l)), 'check finds the tidy warning');
    assert.ok(want.some((l) => /^content\/topics\/backup\.md:\d+:1: error: link 'missing-page\.html': no such page/.test(l)), 'check finds the broken link');
    assert.ok(want.some((l) => /^content\/topics\/backup\.md:\d+:\d+: error: link '\.\.\/guidelines\/five-rules\.html#no-such-section': no element with id 'no-such-section'/.test(l)), 'check finds the broken anchor');
    assert.ok(want.some((l) => /^content\/topics\/backup\.md:\d+:\d+: error: image 'missing\.png': no such file/.test(l)), 'check finds the missing image');
    assert.deepStrictEqual(findings(shown), want, 'the overlay lists what check finds');
    const st = JSON.parse((await get(base + '__shirube/status')).body);
    assert.strictEqual(st.failed, false, 'the build itself succeeded');
  } finally {
    fs.writeFileSync(tmplFile, tmpl);
    fs.writeFileSync(mdFile, md);
  }
  await page.waitForSelector('#shirube-errors', { state: 'detached', timeout: 10000 });
  await page.close();
});

test('no request leaves the preview directory', async () => {
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'secret');
  const tries = ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/assets/%2e%2e/%2e%2e/secret.txt',
    '/..%5csecret.txt', '/%2e%2e%2f%2e%2e%2fetc/passwd', '/....//secret.txt', '/%00/index.html'];
  for (const t of tries) {
    const r = await get(base, t);
    assert.ok(r.status === 403 || r.status === 404, `${t} -> ${r.status}`);
    assert.ok(!r.body.includes('secret') && !r.body.includes('root:'), `${t} leaked`);
  }
  // a symbolic link inside the preview that points outside it
  fs.symlinkSync(path.join(dir, 'secret.txt'), path.join(out, 'link.txt'));
  const r = await get(base + 'link.txt');
  assert.ok(r.status === 403 || r.status === 404);
  assert.ok(!r.body.includes('secret'));
  fs.unlinkSync(path.join(out, 'link.txt'));
});

test('rebuilds render over the previous tree: a page added then removed leaves the preview exactly as before, search index included', async () => {
  const gen = async () => JSON.parse((await get(base + '__shirube/status')).body).generation;
  /* settled: no rebuild for half a second */
  let g0 = await gen();
  await until(async () => { await new Promise((r) => setTimeout(r, 500)); const g = await gen(); const same = g === g0; g0 = g; return same; }, 10000);
  const before = snapshot(out);
  const file = path.join(dir, 'content/pages/zz-temp.md');
  fs.writeFileSync(file, '---\ntitle: 一時ページ\n---\n\n本文にだけある語、ぽんぽこ。\n');
  assert.ok(await until(async () => (await gen()) > g0, 5000), 'rebuilt after the page was added');
  const g1 = await gen();
  assert.ok(fs.existsSync(path.join(out, 'zz-temp.html')), 'the new page is served');
  const indexed = Object.keys(snapshot(out)).filter((f) => f.startsWith('search/') && fs.readFileSync(path.join(out, f), 'utf8').includes('ぽんぽこ'));
  assert.ok(indexed.length > 0, 'its text is in the search index');
  const kept = fs.readdirSync(dir).filter((n) => n.startsWith('preview.tmp-'));
  assert.strictEqual(kept.length, 1, `the previous site is kept beside the preview for the next rebuild: ${kept}`);
  fs.unlinkSync(file);
  assert.ok(await until(async () => (await gen()) > g1, 5000), 'rebuilt after the page was removed');
  /* serve keeps two trees: the next rebuild is the one that renders over
   * the tree that had the page */
  const g2 = await gen();
  const touched = path.join(dir, 'content/pages/about.md');
  const later = new Date(Date.now() + 2000);
  fs.utimesSync(touched, later, later);
  assert.ok(await until(async () => (await gen()) > g2, 5000), 'rebuilt again');
  const after = snapshot(out);
  assert.deepStrictEqual(Object.keys(after).filter((f) => !(f in before)), [], 'no file left over');
  assert.deepStrictEqual(Object.keys(before).filter((f) => !(f in after)), [], 'no file missing');
  assert.deepStrictEqual(Object.keys(after).filter((f) => after[f] !== before[f]), [], 'every file as it was');
});

test('a kept previous tree removed behind serve\'s back: the next rebuild starts afresh', async () => {
  const gen = async () => JSON.parse((await get(base + '__shirube/status')).body);
  const kept = fs.readdirSync(dir).filter((n) => n.startsWith('preview.tmp-'));
  assert.strictEqual(kept.length, 1, `one kept tree: ${kept}`);
  fs.rmSync(path.join(dir, kept[0]), { recursive: true, force: true });
  const g0 = (await gen()).generation;
  const touched = path.join(dir, 'content/pages/about.md');
  const later = new Date(Date.now() + 4000);
  fs.utimesSync(touched, later, later);
  assert.ok(await until(async () => (await gen()).generation > g0, 5000), 'rebuilt');
  const st = await gen();
  assert.strictEqual(st.errors, '', 'no error');
  const home = await get(base + 'index.html');
  assert.strictEqual(home.status, 200);
  assert.ok(fs.existsSync(path.join(out, '.shirube-site')), 'the preview is still marked as ours');
  assert.strictEqual(fs.readdirSync(dir).filter((n) => n.startsWith('preview.tmp-')).length, 1, 'a new tree is kept');
});
