// search.mjs - what a search costs a reader: for each query, the bytes of
// index files the search page loads (over http, a fresh page each time)
// and the time search.js takes from the query to its answer (data-ms on
// the status line; of it, ranking: data-rank-ms), in Debian's Chromium,
// over http and from file://; and the size of each edition's whole index.
// Medians of RUNS runs.
//
// usage: node bench/search.mjs SITE-DIR [RUNS] [LANG:QUERY ...]
// (needs tests/node_modules from `make test-deps`; CHROMIUM overrides
// /usr/bin/chromium). Without queries: a fixed set in both scripts.
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { serve } = await import(join(root, 'tests/browser/serve.mjs'));
const { chromium } = await import(join(root, 'tests/node_modules/playwright-core/index.mjs'));

const [dir, runsArg, ...given] = process.argv.slice(2);
if (!dir) {
	console.error('usage: node bench/search.mjs SITE-DIR [RUNS] [LANG:QUERY ...]');
	process.exit(2);
}
const site = resolve(dir);
const runs = Number(runsArg || 5);
const queries = (given.length ? given : ['zh:粮食', 'zh:撂荒耕地', 'zh:区农业农村和水利局', 'zh:1900亩',
	'zh:厕', 'zh:高标准农田建设', 'zh:糧食播種', 'en:grain', 'en:rural revitalization', 'en:98%'])
	.map(s => ({ lang: s.slice(0, s.indexOf(':')), q: s.slice(s.indexOf(':') + 1) }));

const median = (v) => [...v].sort((a, b) => a - b)[Math.floor((v.length - 1) / 2)];
const kib = (n) => (n / 1024).toFixed(1);

for (const lang of readdirSync(site).filter(n => {
	try { return statSync(join(site, n, 'search')).isDirectory(); } catch { return false; }
}).sort()) {
	const files = readdirSync(join(site, lang, 'search')).filter(f => f.endsWith('.js'));
	const bytes = files.reduce((a, f) => a + statSync(join(site, lang, 'search', f)).size, 0);
	console.log(`${lang}: whole index ${kib(bytes)} KiB in ${files.length} files`);
}

const server = await serve(site);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
	headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
// One query on a fresh page: [bytes of index files (http only), ms, rank ms].
async function once(base, lang, q) {
	const page = await browser.newPage();
	const bodies = [];
	page.on('response', (res) => {
		if (/\/search\/[^/]+\.js$/.test(new URL(res.url()).pathname))
			bodies.push(res.body().then(b => b.length));
	});
	await page.goto(`${base}${lang}/search/index.html?q=${encodeURIComponent(q)}`);
	await page.waitForFunction(() => document.getElementById('search-status').dataset.ms, null,
		{ timeout: 60_000 });
	const t = await page.$eval('#search-status', s => [Number(s.dataset.ms), Number(s.dataset.rankMs)]);
	const loaded = (await Promise.all(bodies)).reduce((a, b) => a + b, 0);
	await page.close();
	return [loaded, ...t];
}

const bases = { http: server.url.replace(/\/?$/, '/'), file: `file://${site}/` };
const worst = { bytes: 0, http: 0, file: 0, rank: 0 };
for (const { lang, q } of queries) {
	const m = { http: [], file: [], bytes: [], rank: [] };
	for (let r = 0; r < runs; r++) {
		const [b, t, rk] = await once(bases.http, lang, q);
		m.bytes.push(b);
		m.http.push(t);
		m.rank.push(rk);
		m.file.push((await once(bases.file, lang, q))[1]);
	}
	const v = { bytes: median(m.bytes), http: median(m.http), file: median(m.file), rank: median(m.rank) };
	for (const k of Object.keys(worst))
		worst[k] = Math.max(worst[k], v[k]);
	console.log(`${lang} "${q}": ${kib(v.bytes)} KiB loaded; ${v.http.toFixed(1)} ms over http, ` +
		`${v.file.toFixed(1)} ms from file://, ranking ${v.rank.toFixed(1)} ms`);
}
console.log(`worst: ${kib(worst.bytes)} KiB loaded; ${worst.http.toFixed(1)} ms over http, ` +
	`${worst.file.toFixed(1)} ms from file://, ranking ${worst.rank.toFixed(1)} ms (medians of ${runs} runs)`);
await browser.close();
await server.close();
