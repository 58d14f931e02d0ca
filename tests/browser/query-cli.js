// Ad-hoc query tool for people: node tests/browser/query-cli.js SITE_DIR QUERY...
const {chromium}=require('playwright-core');
(async()=>{const b=await chromium.launch({executablePath:'/usr/bin/chromium',args:['--no-sandbox','--headless']});const p=await b.newPage();
p.on('console',m=>console.log('console',m.type(),m.text()));
await p.goto('file://'+process.argv[2]+'/search.html');
for (const q of process.argv.slice(3)) { const r=await p.evaluate((q)=>shirube.search(q,{limit:5}),q); console.log(q, JSON.stringify(r.map(x=>[x.url,x.section,x.score]))); }
await b.close();})()
