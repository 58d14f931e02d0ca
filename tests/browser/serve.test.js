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
const { spawn } = require('node:child_process');
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
  proc = spawn(BIN, ['serve', '--port', '0', '--out', out], { cwd: dir, env: { ...process.env, SHIRUBE_GIT: '0' } });
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
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

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
