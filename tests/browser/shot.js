// Screenshot helper for people: node tests/browser/shot.js URL OUT.png [WIDTH] [print]
'use strict';
const { chromium } = require('playwright-core');
const ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--disable-sync'];
(async () => {
  const [url, out, width = '1280', media] = process.argv.slice(2);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  const page = await browser.newPage({ viewport: { width: Number(width), height: 900 } });
  if (media === 'print') await page.emulateMedia({ media: 'print' });
  await page.goto(url);
  await page.screenshot({ path: out, fullPage: true });
  await browser.close();
})().catch((e) => { console.error(e); process.exit(1); });
