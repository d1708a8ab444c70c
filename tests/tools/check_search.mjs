#!/usr/bin/env node
// check_search.mjs SITE-DIR: the search index of a published site, as the
// theme's search.js reads it (run in a context of its own, no browser).
// Prints TAP: every edition with a search page has meta.js, t2s.js, each
// shard meta.js counts, each key in the shard search.js looks in (the two
// hashes agree), postings that decode to document numbers in range, in
// order, with weights 1-9, and the document chunks holding every document
// once, each with a link to a page of the site (and its anchor there).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const site = process.argv[2];
const here = dirname(fileURLToPath(import.meta.url));
let n = 0, failed = 0;
const ok = (cond, name, why = '') => {
	n++;
	if (!cond)
		failed++;
	console.log(`${cond ? 'ok' : 'not ok'} ${n} - ${name}`);
	if (!cond && why)
		console.log(String(why).split('\n').slice(0, 20).map(l => `#   ${l}`).join('\n'));
};

const code = readFileSync(join(here, '../../themes/default/static/search.js'), 'utf8');
const editions = readdirSync(site).filter(d => existsSync(join(site, d, 'search/index.html'))).sort();
ok(editions.length > 0, `the site has search pages (${editions.join(', ')})`);
for (const lang of editions) {
	const dir = join(site, lang, 'search');
	const got = { keys: {}, docs: {} };
	const ctx = { sgSearch: {
		meta: (m) => { got.meta = m; }, t2s: (m) => { got.t2s = m; },
		keys: (i, o) => { got.keys[i] = o; }, docs: (i, a) => { got.docs[i] = a; } },
		TextEncoder };
	vm.createContext(ctx);
	vm.runInContext(code, ctx);
	const files = readdirSync(dir).filter(f => f.endsWith('.js')).sort();
	for (const f of files)
		vm.runInContext(readFileSync(join(dir, f), 'utf8'), ctx);
	const m = got.meta || {};
	ok(got.meta && got.t2s, `${lang}: meta.js and t2s.js load`);
	const shardFiles = files.filter(f => /^k\d+\.js$/.test(f)).length;
	ok(m.shards === shardFiles && Object.keys(got.keys).length === shardFiles,
		`${lang}: meta.js says ${m.shards} shards, ${shardFiles} are there`);
	const wrong = [], bad = [];
	for (const [i, o] of Object.entries(got.keys))
		for (const [key, p] of Object.entries(o)) {
			if (ctx.sgSearch.shardOf(key, m.shards) !== Number(i))
				wrong.push(`${key} in k${i}.js, search.js looks in k${ctx.sgSearch.shardOf(key, m.shards)}.js`);
			for (let k = 0, doc = 0; k < p.length; k += 2) {
				doc += p[k];
				if ((k && p[k] < 1) || doc >= m.docs || !(p[k + 1] >= 1 && p[k + 1] <= 9))
					bad.push(`${key}: posting ${k / 2} (doc ${doc}, weight ${p[k + 1]})`);
			}
		}
	ok(!wrong.length, `${lang}: every key is in the shard search.js looks in`, wrong.join('\n'));
	ok(!bad.length, `${lang}: postings decode to documents in range, in order, weights 1-9`, bad.join('\n'));
	const docs = Object.keys(got.docs).sort((a, b) => a - b).flatMap(i => got.docs[i]);
	const dead = docs.filter(d => {
		const [path, anchor] = d[2].split('#');
		const file = normalize(join(dir, path, 'index.html'));
		return !existsSync(file) || (anchor && !readFileSync(file, 'utf8').includes(`id="${anchor}"`));
	});
	ok(docs.length === m.docs && docs.every(d => d.length === 7),
		`${lang}: the chunks hold the ${m.docs} documents, each [kind, id, href, title, status, unit, text]`);
	ok(!dead.length, `${lang}: every document links to a page of the site`, dead.map(d => d[2]).join('\n'));
}
console.log(`1..${n}`);
process.exit(failed ? 1 : 0);
