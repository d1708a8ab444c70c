// The published site as people use it, in a real browser (Debian's
// Chromium driven by playwright-core; nothing is ever downloaded): every
// page type in both languages loads with no console error, no failed
// request and no request to another host; the language switch, the task
// filter (with and without JavaScript), keyboard use, axe-core's WCAG 2.1
// A/AA rules, status shown by more than colour, reflow at 320px, and
// screenshots at 1280px and 360px into build/screenshots/.
//
// Run by tests/suites/80-browser: node --test --test-reporter=tap with
//   SITES='[{"label":"fixture","dir":"/tmp/…/site","base":"https://…/"},…]'
//   SCREENSHOTS=build/screenshots  SCREENSHOT_SITE=content
// Each site folder is served by serve.mjs on 127.0.0.1. The 404 page links
// absolutely to the site's own address (it is served at any depth), so it
// is opened at that address, every request answered from the folder by the
// test's router: nothing reaches the network, and any other host fails.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, resolveFile, TYPES } from './serve.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const AXE = join(here, '../node_modules/axe-core/axe.min.js');
const SITES = JSON.parse(process.env.SITES || '[]');
const SHOTS = process.env.SCREENSHOTS || join(here, '../../build/screenshots');
const SHOT_SITE = process.env.SCREENSHOT_SITE || (SITES.at(-1) || {}).label;
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

let skip = false;
if (!existsSync(CHROMIUM))
	skip = 'chromium not installed';
else if (!existsSync(join(here, '../node_modules/playwright-core')))
	skip = 'playwright-core not installed (make test-deps)';
else if (!SITES.length)
	skip = 'no site given (SITES)';

// Options of every test: skipped with the reason, or given five minutes
// (a loaded 2-core machine runs axe on every page type slowly).
const T = { skip, timeout: 300_000 };

let browser;
const servers = {};

before(async () => {
	if (skip)
		return;
	const { chromium } = await import('playwright-core');
	// launch() gives Chromium a fresh profile in a new temporary folder
	// (and removes it on close): no state carries over between runs.
	browser = await chromium.launch({
		executablePath: CHROMIUM,
		headless: true,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
			'--no-first-run', '--disable-background-networking',
			'--disable-component-update', '--disable-sync'],
	});
	for (const s of SITES)
		servers[s.label] = await serve(s.dir);
}, { timeout: 60_000 });

after(async () => {
	for (const c of Object.values(contexts))
		await c.close();
	if (browser)
		await browser.close();
	for (const s of Object.values(servers))
		await s.close();
}, { timeout: 60_000 });

// ---- the pages -------------------------------------------------------------

// The first folder of `dir` that is a page (tasks/light/ holds lists, not one).
const firstDir = (dir) => {
	if (!existsSync(dir))
		return null;
	const d = readdirSync(dir).filter(n => existsSync(join(dir, n, 'index.html'))).sort();
	return d.length ? d[0] : null;
};

// Every page type of a language: [{ name, path }], path relative to the site.
function pages(site, lang) {
	const out = [{ name: 'dashboard', path: `${lang}/index.html` }];
	for (const [name, folder] of [['section', 'sections'], ['task', 'tasks'], ['unit', 'units']]) {
		const id = firstDir(join(site.dir, lang, folder));
		if (id)
			out.push({ name, path: `${lang}/${folder}/${id}/index.html` });
	}
	const light = firstDir(join(site.dir, lang, 'tasks', 'light'));
	if (light)
		out.push({ name: 'list', path: `${lang}/tasks/light/${light}/index.html` });
	for (const name of ['tasks', 'units', 'plan', 'glossary', 'data', 'about', 'changes', 'search'])
		if (existsSync(join(site.dir, lang, name, 'index.html')))
			out.push({ name: name === 'tasks' ? 'task-list' : name === 'units' ? 'unit-list' : name,
				path: `${lang}/${name}/index.html` });
	return out;
}

// The site's editions: its top folders that have a dashboard (zh, en and,
// on the default site, the converted zh-hant).
function langsOf(site) {
	if (skip || !existsSync(site.dir))
		return ['zh', 'en'];
	return readdirSync(site.dir).filter(n => existsSync(join(site.dir, n, 'index.html'))).sort();
}

// An edition's <html lang>, as its dashboard says it.
function htmlLang(site, lang) {
	const m = /<html lang="([^"]+)"/.exec(readFileSync(join(site.dir, lang, 'index.html'), 'utf8'));
	return m ? m[1] : lang;
}

// A browser context whose every request is checked: the local server's go
// through; the site's own address (base) is answered from the folder when
// `own` is set; anything else is refused and reported.
async function context(site, opts = {}, own = false) {
	const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...opts });
	const local = new URL(servers[site.label].url).origin;
	ctx.foreign = [];
	await ctx.route('**/*', async (route) => {
		const url = route.request().url();
		if (url.startsWith(local + '/'))
			return route.continue();
		if (own && url.startsWith(site.base)) {
			const path = '/' + url.slice(site.base.length);
			const file = await resolveFile(site.dir, new URL(path, 'http://x').pathname);
			return route.fulfill(file
				? { status: 200, path: file, contentType: TYPES[extname(file)] }
				: { status: 404, path: join(site.dir, '404.html'), contentType: TYPES['.html'] });
		}
		ctx.foreign.push(url);
		return route.abort('blockedbyclient');
	});
	return ctx;
}

// One context per site and kind, kept for many tests (closed at the end);
// its record of other hosts starts empty for each test.
const contexts = {};
async function shared(site, kind, opts = {}) {
	const key = `${site.label}/${kind}`;
	contexts[key] ??= await context(site, opts);
	contexts[key].foreign = [];
	return contexts[key];
}

// Open url in a new page of ctx and collect what went wrong on the way.
async function open(ctx, url, { allow404 = false } = {}) {
	const page = await ctx.newPage();
	const problems = [];
	page.on('console', (m) => {
		if (m.type() === 'error' && !(allow404 && /status of 404/.test(m.text())))
			problems.push(`console error: ${m.text()}`);
	});
	page.on('pageerror', (e) => problems.push(`script error: ${e.message}`));
	page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
	page.on('response', (r) => {
		if (r.status() >= 400 && !(allow404 && r.request().isNavigationRequest()))
			problems.push(`HTTP ${r.status()}: ${r.url()}`);
	});
	const res = await page.goto(url, { waitUntil: 'load' });
	page.problems = problems;
	page.status = res ? res.status() : 0;
	return page;
}

const url = (site, path) => servers[site.label].url + path;

// A full-page screenshot, cut at 3000px (the long lists go on alike).
async function shot(page, path) {
	const h = await page.evaluate(() => document.documentElement.scrollHeight);
	const w = page.viewportSize().width;
	await page.screenshot({ path, fullPage: true, clip: { x: 0, y: 0, width: w, height: Math.min(h, 3000) } });
}

// A status is never colour alone: every badge has text besides its
// (aria-hidden) symbol, and every chart is a named image.
async function statusHasText(page, where) {
	const badges = await page.$$eval('.status', els => els.map(e => {
		const c = e.cloneNode(true);
		c.querySelectorAll('[aria-hidden="true"]').forEach(x => x.remove());
		return { html: e.outerHTML, ok: !e.closest('[aria-hidden="true"]') &&
			(c.textContent.trim() !== '' || (e.getAttribute('aria-label') || '') !== '') &&
			e.innerText.trim() !== '' };
	}));
	const wrong = badges.filter(b => !b.ok).map(b => b.html);
	assert.deepEqual(wrong, [], `${where}: status badges without text`);
	const charts = await page.$$eval('svg.chart', svgs => svgs.map(s => {
		const ids = (s.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean);
		return { role: s.getAttribute('role'),
			name: ids.map(id => document.getElementById(id)?.textContent || '').join(' ').trim() };
	}));
	for (const c of charts)
		assert.ok(c.role === 'img' && c.name, `${where}: chart without a name: ${JSON.stringify(c)}`);
	return badges.length;
}

// ---- the checks ------------------------------------------------------------

for (const site of SITES) {
	const S = site.label;

	for (const lang of langsOf(site)) {
		for (const p of skip ? [{ name: 'every page', path: '' }] : pages(site, lang)) {
			test(`${S}: ${lang} ${p.name} loads cleanly (no console error, failed request or other host); status shown by text, not colour alone`,
				T, async () => {
					const ctx = await shared(site, 'plain');
					const page = await open(ctx, url(site, p.path));
					try {
						assert.equal(page.status, 200, `${p.path}: HTTP ${page.status}`);
						const problems = [...page.problems, ...ctx.foreign.map(u => `request to another host: ${u}`)];
						assert.deepEqual(problems, [], `${p.path}:\n${problems.join('\n')}`);
						assert.equal(await page.getAttribute('html', 'lang'), htmlLang(site, lang));
						assert.ok((await page.title()).trim(), 'empty <title>');
						assert.equal(await page.locator('h1').count(), 1, 'one h1');
						const badges = await statusHasText(page, p.path);
						if (p.name === 'dashboard')
							assert.ok(badges > 0, 'no status badge on the dashboard');
					} finally {
						await page.close();
					}
				});
		}
	}

	test(`${S}: 404 page at the site's own address, for a missing page at any depth, in both languages`,
		T, async () => {
			const ctx = await context(site, {}, true);
			try {
				for (const path of ['404.html', 'zh/no-such-page/', 'en/tasks/t999/index.html']) {
					const page = await open(ctx, site.base + path, { allow404: true });
					const problems = [...page.problems, ...ctx.foreign.map(u => `request to another host: ${u}`)];
					assert.deepEqual(problems, [], `${path}:\n${problems.join('\n')}`);
					assert.equal(page.status, path === '404.html' ? 200 : 404);
					const langs = await page.$$eval('main [lang]', els => els.map(e => e.lang));
					for (const l of langsOf(site))
						assert.ok(langs.includes(htmlLang(site, l)), `languages: ${langs}`);
					// The stylesheet applied (it is linked absolutely).
					const bg = await page.$eval('body', b => getComputedStyle(b).lineHeight);
					assert.notEqual(bg, 'normal', `${path}: the stylesheet did not apply`);
					for (const href of await page.$$eval('main a', as => as.map(a => a.href))) {
						assert.ok(href.startsWith(site.base), `link off the site: ${href}`);
						const file = await resolveFile(site.dir, '/' + href.slice(site.base.length));
						assert.ok(file, `${path}: ${href} leads nowhere`);
					}
					await page.close();
				}
			} finally {
				await ctx.close();
			}
		});

	for (const lang of langsOf(site)) {
		test(`${S}: ${lang} language switch lands on the same page in each other language (every page type)`,
			T, async () => {
				const ctx = await context(site);
				try {
					const page = await ctx.newPage();
					for (const p of pages(site, lang)) {
						for (const to of langsOf(site).filter(l => l !== lang)) {
							await page.goto(url(site, p.path));
							const link = page.locator(`.lang-switch a[hreflang="${htmlLang(site, to)}"]`);
							assert.equal(await link.count(), 1, `${p.path}: no switch to ${to}`);
							await link.click();
							await page.waitForLoadState('load');
							const want = '/' + to + p.path.slice(lang.length);
							assert.equal(new URL(page.url()).pathname, want, `${p.path}: switch went to ${page.url()}`);
							assert.equal(await page.getAttribute('html', 'lang'), htmlLang(site, to));
						}
					}
					assert.deepEqual(ctx.foreign, []);
				} finally {
					await ctx.close();
				}
			});
	}

	test(`${S}: task filter with JavaScript: status, unit and words change the visible rows`,
		T, async () => {
			const ctx = await context(site);
			try {
				for (const lang of langsOf(site)) {
					const page = await open(ctx, url(site, `${lang}/tasks/index.html`));
					assert.deepEqual(page.problems, []);
					assert.ok(await page.locator('#task-filter').isVisible(), 'the filter form is not shown');
					const rows = await page.$$eval('.task-list .task', els => els.map(e => ({
						status: e.getAttribute('data-status'),
						units: e.getAttribute('data-units').split(' '),
						text: e.textContent.toLowerCase(),
					})));
					const total = rows.length;
					assert.ok(total > 1, 'too few tasks to filter');
					const shown = () => page.$$eval('.task-list .task',
						els => els.map(e => e.getClientRects().length > 0));
					const expect = async (what, want) => {
						const got = await shown();
						assert.deepEqual(got, rows.map(want), `${lang}: ${what}`);
						const n = got.filter(Boolean).length;
						const count = await page.textContent('#filter-count');
						assert.ok(count.includes(String(n)) && count.includes(String(total)),
							`${lang}: ${what}: count says "${count}", ${n} of ${total} shown`);
						return n;
					};
					// A value that keeps some rows and hides others, if any.
					const pick = (values, keep) => {
						const partial = values.filter(v => { const k = rows.filter(r => keep(r, v)).length; return k > 0 && k < total; });
						return partial[0] ?? values.find(v => rows.some(r => keep(r, v)));
					};
					const statuses = await page.$$eval('#filter-status option', o => o.map(x => x.value).filter(Boolean));
					const st = pick(statuses, (r, v) => r.status === v);
					await page.selectOption('#filter-status', st);
					await expect(`status ${st}`, r => r.status === st);
					await page.selectOption('#filter-status', '');
					assert.equal(await expect('all', () => true), total);

					const units = await page.$$eval('#filter-unit option', o => o.map(x => x.value).filter(Boolean));
					const un = pick(units, (r, v) => r.units.includes(v));
					await page.selectOption('#filter-unit', un);
					const nu = await expect(`unit ${un}`, r => r.units.includes(un));
					assert.ok(nu > 0 && nu < total, `unit ${un}: ${nu} of ${total}`);

					// Words: a piece of the last task's text, typed key by key.
					await page.selectOption('#filter-unit', '');
					const last = await page.$eval('.task-list .task:last-child .task-text a',
						a => a.textContent.replace(/^\s*\S+\s+/, '').trim());
					const word = [...last].slice(0, lang.startsWith('zh') ? 4 : 12).join('').trim().toLowerCase();
					await page.locator('#filter-text').pressSequentially(word);
					const nw = await expect(`words "${word}"`, r => r.text.includes(word));
					assert.ok(nw >= 1, `"${word}" matched nothing`);
					await page.fill('#filter-text', 'zzzz-no-such-task');
					assert.equal(await expect('no match', () => false), 0);
					await page.fill('#filter-text', '');

					// All three together.
					await page.selectOption('#filter-status', st);
					await page.selectOption('#filter-unit', un);
					await page.fill('#filter-text', word);
					await expect('status + unit + words',
						r => r.status === st && r.units.includes(un) && r.text.includes(word));
					await page.close();
				}
			} finally {
				await ctx.close();
			}
		});

	test(`${S}: task list without JavaScript shows every task and no filter form`, T, async () => {
		const ctx = await context(site, { javaScriptEnabled: false });
		try {
			for (const lang of langsOf(site)) {
				const page = await open(ctx, url(site, `${lang}/tasks/index.html`));
				assert.deepEqual(page.problems, []);
				assert.equal(await page.locator('#task-filter').isVisible(), false, 'the form shows without JavaScript');
				const shown = await page.$$eval('.task-list .task', els => els.map(e => e.getClientRects().length > 0));
				assert.ok(shown.length > 1 && shown.every(Boolean), `${shown.filter(Boolean).length} of ${shown.length} shown`);
				await page.close();
			}
		} finally {
			await ctx.close();
		}
	});

	for (const lang of langsOf(site)) {
		test(`${S}: ${lang} keyboard only: skip link first and visible, moves focus to main (every page type); navigation reachable with visible focus`,
			T, async () => {
				const ctx = await context(site);
				try {
					const page = await ctx.newPage();
					for (const p of pages(site, lang)) {
						const where = p.path;
						await page.goto(url(site, where));
						await page.keyboard.press('Tab');
						const first = await page.evaluate(() => {
							const e = document.activeElement, r = e.getBoundingClientRect();
							return { cls: e.className, href: e.getAttribute('href'), text: e.textContent,
								top: r.top, bottom: r.bottom, w: r.width, h: r.height, vh: innerHeight };
						});
						assert.equal(first.cls, 'skip-link', `${where}: Tab first reached ${JSON.stringify(first)}`);
						assert.ok(first.top >= 0 && first.bottom <= first.vh && first.w > 0 && first.h > 0,
							`${where}: the focused skip link is not on screen: ${JSON.stringify(first)}`);
						await page.keyboard.press('Enter');
						assert.equal(await page.evaluate(() => document.activeElement.id), 'main',
							`${where}: the skip link did not move focus to main`);

						// From the start again: Tab through the header (the
						// same on every page: checked on two of them).
						if (!['dashboard', 'task-list'].includes(p.name))
							continue;
						await page.goto(url(site, where));
						const navs = await page.$$eval('.site-nav a, .lang-switch a, .site-title a',
							as => as.map(a => a.getAttribute('href')));
						const seen = [];
						for (let i = 0; i < navs.length + 3; i++) {
							await page.keyboard.press('Tab');
							const f = await page.evaluate(() => {
								const e = document.activeElement, s = getComputedStyle(e);
								return { tag: e.tagName, href: e.getAttribute('href'),
									outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0,
									shadow: s.boxShadow !== 'none' };
							});
							assert.ok(f.outline || f.shadow, `${where}: no visible focus on ${JSON.stringify(f)}`);
							seen.push(f.href);
						}
						const missing = navs.filter(h => !seen.includes(h));
						assert.deepEqual(missing, [], `${where}: not reached by Tab`);
					}
				} finally {
					await ctx.close();
				}
			});
	}

	for (const lang of langsOf(site)) {
		for (const p of skip ? [{ name: 'every page', path: '' }] : pages(site, lang)) {
			test(`${S}: ${lang} ${p.name}: axe-core finds no WCAG 2.1 A/AA violation`, T, async () => {
				const ctx = await shared(site, 'axe', { bypassCSP: true });
				const page = await ctx.newPage();
				try {
					await page.goto(url(site, p.path));
					await page.addScriptTag({ path: AXE });
					const violations = await page.evaluate(async (tags) => {
						const r = await window.axe.run(document, {
							runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
						return r.violations.map(v => `${v.id} (${v.impact}): ${v.help}\n    ` +
							v.nodes.slice(0, 4).map(n => `${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`).join('\n    '));
					}, WCAG);
					assert.deepEqual(violations, [], `${p.path}:\n${violations.join('\n')}`);
				} finally {
					await page.close();
				}
			});
		}
	}

	test(`${S}: reflow at 320 CSS px: no page scrolls sideways, and what scrolls inside is reachable by keyboard (WCAG 1.4.10, 2.1.1)`,
		T, async () => {
			const ctx = await context(site, { viewport: { width: 320, height: 640 }, bypassCSP: true });
			try {
				const page = await ctx.newPage();
				const wide = [];
				for (const lang of langsOf(site)) {
					for (const p of pages(site, lang)) {
						await page.goto(url(site, p.path));
						const w = await page.evaluate(() => {
							const out = [];
							for (const e of document.querySelectorAll('body *')) {
								const r = e.getBoundingClientRect();
								if (r.right > innerWidth + 1 && !e.closest('.table-scroll'))
									out.push(`${e.tagName.toLowerCase()}${e.className ? '.' + e.className : ''} right=${Math.round(r.right)}`);
							}
							return { sw: document.documentElement.scrollWidth, out: out.slice(0, 5) };
						});
						if (w.sw > 320)
							wide.push(`${p.path}: ${w.sw}px wide: ${w.out.join(', ')}`);
						// Tables scroll inside their box at this width: axe's
						// check that such a box can be reached and scrolled.
						await page.addScriptTag({ path: AXE });
						const v = await page.evaluate(async () => (await window.axe.run(document, {
							runOnly: { type: 'rule', values: ['scrollable-region-focusable'] },
							resultTypes: ['violations'] })).violations.flatMap(x => x.nodes.map(n => n.target.join(' '))));
						if (v.length)
							wide.push(`${p.path}: scrollable region not reachable by keyboard: ${v.join(', ')}`);
					}
				}
				assert.deepEqual(wide, []);
			} finally {
				await ctx.close();
			}
		});

	if (S === SHOT_SITE) {
		test(`${S}: screenshots at 1280px and 360px of every page type in every language (${SHOTS})`,
			T, async () => {
				mkdirSync(SHOTS, { recursive: true });
				let n = 0;
				for (const width of [1280, 360]) {
					const ctx = await context(site, { viewport: { width, height: 900 } }, true);
					try {
						const page = await ctx.newPage();
						for (const lang of langsOf(site)) {
							for (const p of pages(site, lang)) {
								await page.goto(url(site, p.path));
								await shot(page, join(SHOTS, `${lang}-${p.name}-${width}.png`));
								n++;
							}
						}
						await page.goto(site.base + 'no-such-page/');
						await shot(page, join(SHOTS, `zh+en-404-${width}.png`));
						n++;
					} finally {
						await ctx.close();
					}
				}
				assert.ok(n >= 4);
			});
	}
}

// Nothing to test at all is a failure, not a pass.
if (!SITES.length)
	test('browser tests have sites to check', T, () => {});
