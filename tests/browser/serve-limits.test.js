// shirube serve against hostile clients (issue 17): a live serve on a free
// port of 127.0.0.1 over a copy of tests/regress/basic/input must
//   - answer only requests whose Host is 127.0.0.1, localhost or [::1]
//     with its own port (DNS rebinding),
//   - redirect a directory to its index page on the same site only
//     (`//evil.example` used to answer `Location: //evil.example/index.html`),
//   - keep answering while 1,200 connections dribble out their headers
//     (slowloris), and close a connection that sends nothing.
// Every socket is closed and serve stopped by the test itself.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const net = require('node:net');
const { spawn } = require('node:child_process');

const ROOT = path.resolve(__dirname, '../..');
const BIN = process.env.SHIRUBE_BIN || path.join(ROOT, 'build/asan/shirube');
const SLOW_CLIENTS = 1200;
let dir, proc, port;

/* One raw HTTP/1.1 request; resolves {status, headers, text} or null when
 * no answer came within ms. */
function raw(request, ms = 5000) {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1', () => s.write(request));
    let data = '';
    const t = setTimeout(() => { s.destroy(); resolve(null); }, ms);
    s.on('data', (d) => { data += d; });
    s.on('error', () => {});
    s.on('close', () => {
      clearTimeout(t);
      const m = /^HTTP\/1\.[01] (\d+)/.exec(data);
      if (!m) return resolve(null);
      const head = data.split('\r\n\r\n')[0];
      const headers = {};
      for (const line of head.split('\r\n').slice(1)) {
        const i = line.indexOf(':');
        headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
      }
      resolve({ status: +m[1], headers, text: data });
    });
  });
}

function get(target, host) {
  return raw(`GET ${target} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
}

test.before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shirube-serve-limits-'));
  fs.cpSync(path.join(ROOT, 'tests/regress/basic/input'), dir, { recursive: true });
  fs.mkdirSync(path.join(dir, 'content/evil.example'));
  fs.writeFileSync(path.join(dir, 'content/evil.example/index.md'), '---\ntitle: 名前が外のサイトに似たページ\n---\n本文。\n');
  proc = spawn(BIN, ['serve', '--port', '0', '--out', path.join(dir, 'preview')], { cwd: dir, env: { ...process.env, SHIRUBE_GIT: '0', ASAN_OPTIONS: 'detect_leaks=0' } });
  let stdout = '';
  proc.stdout.on('data', (d) => { stdout += d; });
  proc.stderr.on('data', () => {});
  const end = Date.now() + 20000;
  while (!port && Date.now() < end) {
    const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(stdout);
    if (m) port = +m[1];
    else await new Promise((r) => setTimeout(r, 25));
  }
  assert.ok(port, 'serve printed its address');
});

test.after(async () => {
  if (proc) {
    const code = await new Promise((resolve) => { proc.once('exit', resolve); proc.kill('SIGTERM'); });
    assert.strictEqual(code, 0, 'serve stops cleanly on SIGTERM');
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

test('only its own Host names are answered (DNS rebinding)', async () => {
  for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`]) {
    const r = await get('/index.html', host);
    assert.strictEqual(r && r.status, 200, `Host: ${host} is served`);
    assert.match(r.text, /<html/);
  }
  for (const host of [`evil.example:${port}`, 'evil.example', `127.0.0.1:${port + 1}`, `localhost:${port}x`,
    `localhost.evil.example:${port}`, `127.0.0.1.evil.example:${port}`, `[::1]`]) {
    const r = await get('/index.html', host);
    assert.strictEqual(r && r.status, 421, `Host: ${host} is refused`);
    assert.doesNotMatch(r.text, /<html/, `no page for Host: ${host}`);
  }
});

test('a directory redirects to its index page on the same site only', async () => {
  const host = `127.0.0.1:${port}`;
  for (const target of ['//evil.example', '/evil.example', '///evil.example']) {
    const r = await get(target, host);
    assert.strictEqual(r && r.status, 302, `${target} redirects`);
    const loc = r.headers.location;
    assert.strictEqual(loc, './evil.example/index.html', `${target}: Location ${loc}`);
    const u = new URL(loc, `http://${host}${target}`);
    assert.strictEqual(u.host, host, `${target} stays on the site (went to ${u.href})`);
  }
  const page = await get('/evil.example/', host);
  assert.strictEqual(page && page.status, 200, 'the directory with a slash is its index page');
  assert.match(page.text, /名前が外のサイトに似たページ/);
});

test(`still answers with ${SLOW_CLIENTS} slow connections open (slowloris)`, async () => {
  const socks = [];
  let connected = 0;
  for (let i = 0; i < SLOW_CLIENTS; i++) {
    const s = net.connect(port, '127.0.0.1', () => {
      connected++;
      s.write(`GET /index.html HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`);
    });
    s.on('error', () => {});
    socks.push(s);
  }
  const drip = setInterval(() => { for (const s of socks) if (!s.destroyed) s.write('X-Slow: 1\r\n'); }, 1000);
  try {
    const end = Date.now() + 10000;
    while (connected < SLOW_CLIENTS && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    assert.strictEqual(connected, SLOW_CLIENTS, 'every slow connection was accepted');
    const t0 = Date.now();
    const r = await get('/index.html', `127.0.0.1:${port}`);
    assert.strictEqual(r && r.status, 200, 'a normal request is answered');
    assert.ok(Date.now() - t0 < 2000, `answered within 2 s (took ${Date.now() - t0} ms)`);
  } finally {
    clearInterval(drip);
    for (const s of socks) s.destroy();
  }
});

test('a connection that sends nothing is closed', async () => {
  const t0 = Date.now();
  const closed = await new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.on('error', () => {});
    const t = setTimeout(() => { s.destroy(); resolve(false); }, 20000);
    s.on('close', () => { clearTimeout(t); resolve(true); });
  });
  assert.ok(closed, 'serve closed the idle connection within 20 s');
  assert.ok(Date.now() - t0 >= 5000, 'but not at once');
});
