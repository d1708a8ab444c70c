// search.test.mjs - the search. Under Node: search.js's keys against
// tests/fixtures/search/tokens.json (which test_search.c holds site-gen's
// index to) and its ranking. In Debian's Chromium, on the real plan built
// by tests/suites/80-browser (SEARCH_SITE): every query of
// tests/fixtures/search/queries.json over http and from file://, with the
// expected record in the first five results (or the page saying nothing
// was found); the index files one query loads stay under 60 KB; axe-core
// on a page of results; the results announced by a live region.
//
// Environment: SEARCH_SITE=DIR (a published site), CHROMIUM (default
// /usr/bin/chromium). Without them the browser tests skip.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { serve } from './serve.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../..');
const fixture = (name) => JSON.parse(readFileSync(join(root, 'tests/fixtures/search', name), 'utf8'));
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const SITE = process.env.SEARCH_SITE || '';
const AXE = join(here, '../node_modules/axe-core/axe.min.js');
const BUDGET = 60 * 1024;

// search.js as the page has it, run in a context of its own (no document:
// it only defines its functions). Values cross the context as JSON.
const sandbox = { TextEncoder };
vm.createContext(sandbox);
vm.runInContext(readFileSync(join(root, 'themes/default/static/search.js'), 'utf8'), sandbox);
const S = sandbox.sgSearch;
const plain = (v) => JSON.parse(JSON.stringify(v));

// ---- keys and ranking (Node) ----------------------------------------------

for (const c of fixture('tokens.json').cases) {
	test(`keys of "${c.text}" as site-gen makes them`, () => {
		assert.deepEqual(plain(S.tokens(c.text, false)), c.keys);
	});
	test(`query keys of "${c.text}"`, () => {
		assert.deepEqual(plain(S.queryKeys(c.text, null)), c.query || [...new Set(c.keys)]);
	});
}

test('query keys: Traditional characters are mapped to the Simplified ones first', () => {
	assert.deepEqual(plain(S.queryKeys('糧食播種', { 糧: '粮', 種: '种' })), ['粮食', '食播', '播种']);
});

test('ranking: every key first, then the weights, then the index order; postings are delta-coded', () => {
	// a: docs 0 (9) and 2 (1); b: doc 2 (3); c: docs 1 and 2 (5 each)
	const postings = { a: [0, 9, 2, 1], b: [2, 3], c: [1, 5, 1, 5] };
	const r = plain(S.rank(['a', 'b'], postings));
	assert.deepEqual(r, [{ doc: 2, matched: 2, score: 4 }, { doc: 0, matched: 1, score: 9 }]);
	assert.deepEqual(plain(S.rank(['c'], postings)).map(x => x.doc), [1, 2]);
	assert.deepEqual(plain(S.rank(['a', 'zz'], postings)).map(x => x.doc), [0, 2],
		'a key no document has changes nothing');
	assert.deepEqual(plain(S.rank([], postings)), []);
});

// ---- in Chromium ------------------------------------------------------------

let skip = false;
if (!existsSync(CHROMIUM))
	skip = 'chromium not installed';
else if (!existsSync(join(here, '../node_modules/playwright-core')))
	skip = 'playwright-core not installed (make test-deps)';
else if (!SITE || !existsSync(join(SITE, 'zh/search/index.html')))
	skip = 'no site with a search page given (SEARCH_SITE)';
const T = { skip, timeout: 300_000 };

let browser, server;
before(async () => {
	if (skip)
		return;
	const { chromium } = await import('playwright-core');
	browser = await chromium.launch({ executablePath: CHROMIUM, headless: true,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
			'--disable-background-networking', '--disable-component-update', '--disable-sync'] });
	server = await serve(SITE);
}, { timeout: 60_000 });

after(async () => {
	if (browser)
		await browser.close();
	if (server)
		await server.close();
}, { timeout: 60_000 });

const bases = () => ({ http: server.url.replace(/\/?$/, '/'), file: pathToFileURL(SITE).href.replace(/\/?$/, '/') });

// Open the search page with ?q=, wait for its answer; the results' links,
// the status line and the bytes of index files loaded (over http).
async function ask(page, base, lang, q) {
	const bodies = [];
	const onResponse = (r) => {
		if (/\/search\/[^/]+\.js$/.test(new URL(r.url()).pathname))
			bodies.push(r.body().then(b => b.length));
	};
	page.on('response', onResponse);
	const errors = [];
	const onError = (e) => errors.push(String(e));
	page.on('pageerror', onError);
	await page.goto(`${base}${lang}/search/index.html?q=${encodeURIComponent(q)}`);
	await page.waitForFunction(() => {
		const s = document.getElementById('search-status');
		return s.textContent && s.textContent !== s.dataset.loading;
	}, null, { timeout: 20_000 });
	const hrefs = await page.$$eval('#search-results > li a', as => as.map(a => a.getAttribute('href')));
	const said = await page.textContent('#search-status');
	const none = await page.$eval('#search-status', (s, q) => s.dataset.none.replace('{q}', q), q);
	page.off('response', onResponse);
	page.off('pageerror', onError);
	const bytes = (await Promise.all(bodies)).reduce((a, b) => a + b, 0);
	return { hrefs, said, none, bytes, errors };
}

for (const mode of ['http', 'file']) {
	for (const c of skip ? [{ lang: 'zh', q: 'every query' }] : fixture('queries.json').queries) {
		test(`${mode}: ${c.lang} "${c.q}" (${c.why || ''}) ${c.none ? 'says nothing was found' : `finds ${c.expect} in the first five`}`,
			T, async (t) => {
				const page = await browser.newPage();
				try {
					const r = await ask(page, bases()[mode], c.lang, c.q);
					if (mode === 'http')
						t.diagnostic(`index loaded: ${r.bytes} bytes`);
					assert.deepEqual(r.errors, []);
					if (c.none) {
						assert.equal(r.said, r.none);
						assert.deepEqual(r.hrefs, []);
					} else {
						const at = r.hrefs.findIndex(h => h.includes(c.expect));
						assert.ok(at >= 0 && at < 5, `"${c.q}": ${c.expect} not in the first five of ${JSON.stringify(r.hrefs.slice(0, 8))}`);
						assert.notEqual(r.said, r.none);
					}
					if (mode === 'http')
						assert.ok(r.bytes < BUDGET, `"${c.q}" loaded ${r.bytes} bytes of the index (budget ${BUDGET})`);
				} finally {
					await page.close();
				}
			});
	}
}

test('http: a result shows its id, status and department, with the match marked', T, async () => {
	const page = await browser.newPage();
	try {
		await ask(page, bases().http, 'zh', '冬种面积');
		const first = await page.$eval('#search-results > li', li => ({
			info: li.querySelector('.result-info').textContent, mark: li.querySelector('mark').textContent }));
		assert.match(first.info, /^任务 · t003 · .+ · 区农业农村和水利局$/);
		assert.equal(first.mark, '冬种面积');
	} finally {
		await page.close();
	}
});

test('http: the search page with results passes axe-core (WCAG 2.1 A/AA); the count is a polite live region', T, async () => {
	const ctx = await browser.newContext({ bypassCSP: true });
	const page = await ctx.newPage();
	try {
		await ask(page, bases().http, 'zh', '撂荒');
		const live = await page.$eval('#search-status', s => [s.getAttribute('role'), s.getAttribute('aria-live')]);
		assert.deepEqual(live, ['status', 'polite']);
		await page.addScriptTag({ path: AXE });
		const violations = await page.evaluate(async () => (await window.axe.run(document, {
			runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
			resultTypes: ['violations'] })).violations.map(v => `${v.id}: ${v.help}`));
		assert.deepEqual(violations, []);
	} finally {
		await ctx.close();
	}
});

test('without JavaScript the page keeps its form and points to the task list', T, async () => {
	const ctx = await browser.newContext({ javaScriptEnabled: false });
	const page = await ctx.newPage();
	try {
		await page.goto(`${bases().http}zh/search/index.html?q=撂荒`);
		assert.equal(await page.locator('form[role="search"] input[name="q"]').count(), 1);
		const href = await page.$eval('noscript', n => /href="([^"]+)"/.exec(n.innerHTML)[1]);
		assert.equal(href, '../../zh/tasks/index.html');
	} finally {
		await ctx.close();
	}
});
