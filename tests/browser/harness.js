// Shared harness for the browser tests: Debian's chromium driven by
// playwright-core, and a real nginx serving the built site under /guides/
// on a free port of 127.0.0.1 with a generated config.
'use strict';
const { chromium } = require('playwright-core');
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../..');
const SITE = process.env.SHIRUBE_SITE || path.join(ROOT, 'build/browser-site');
const OUT = path.join(ROOT, 'tests/out');
const ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--disable-sync'];

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitForPort(port, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const ok = await new Promise((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => { s.end(); resolve(true); });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('nginx did not start on port ' + port);
}

// Starts nginx serving SITE at http://127.0.0.1:PORT/guides/ (and any
// extra {'/prefix/': dir} locations; opts.gzip compresses text; opts.server
// is more of the server block, e.g. an error_page). Returns
// {base, origin, stop()}.
async function startNginx(site = SITE, opts = {}) {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shirube-nginx-'));
  const conf = path.join(dir, 'nginx.conf');
  const user = process.getuid && process.getuid() === 0 ? 'user root;\n' : '';
  fs.writeFileSync(conf, `${user}daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 64; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  charset utf-8;
  charset_types text/css application/javascript application/json text/csv;
  log_format bytes '$request_uri $bytes_sent';
  access_log ${dir}/access.log bytes;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  server {
    listen 127.0.0.1:${port};
    ${opts.gzip ? 'gzip on; gzip_types text/css application/javascript application/json text/plain image/svg+xml application/wasm; gzip_min_length 256;' : ''}
    location /guides/ { alias ${path.resolve(site)}/; }
    ${opts.server || ''}
${Object.entries(opts.extra || {}).map(([p, d]) => `    location ${p} { alias ${path.resolve(d)}/; }`).join('\n')}
  }
}
`);
  const proc = spawn('/usr/sbin/nginx', ['-c', conf, '-p', dir], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  proc.stderr.on('data', (d) => { err += d; });
  try {
    await waitForPort(port, 5000);
  } catch (e) {
    proc.kill('SIGKILL');
    throw new Error(e.message + '\n' + err);
  }
  return {
    base: `http://127.0.0.1:${port}/guides/`,
    origin: `http://127.0.0.1:${port}`,
    log: () => fs.readFileSync(path.join(dir, 'access.log'), 'utf8'),
    stop: () => new Promise((resolve) => {
      proc.once('exit', () => { fs.rmSync(dir, { recursive: true, force: true }); resolve(); });
      proc.kill('SIGQUIT');
    }),
  };
}

async function launch() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
}

// Every .html file of the site, as paths relative to its root.
function sitePages(site = SITE) {
  const out = [];
  (function walk(dir, rel) {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.name.startsWith('.')) continue;
      const r = rel ? rel + '/' + e.name : e.name;
      if (e.isDirectory()) walk(path.join(dir, e.name), r);
      else if (e.name.endsWith('.html')) out.push(r);
    }
  })(site, '');
  return out.sort();
}

function screenshotDir() {
  const d = path.join(OUT, 'screenshots');
  fs.mkdirSync(d, { recursive: true });
  return d;
}

module.exports = { ROOT, SITE, OUT, startNginx, launch, sitePages, screenshotDir, execFileSync };
