#!/usr/bin/env node
// check_sitemap.mjs SITE-DIR BASE-URL LABEL - sitemap.xml against the pages
// actually published, and the data page's JSON-LD. (Well-formedness of
// sitemap.xml is xmllint's job, in tests/suites/80-browser.)
//  1. every generated HTML page has a <loc> in sitemap.xml, except 404.html
//     (noindex, served for missing paths) and the root index.html (a
//     redirect to the default language); every <loc> and every
//     xhtml:link alternate names a published page.
//  2. the JSON-LD on every data page parses, is a schema.org Dataset, and
//     every distribution's contentUrl is a published file.
// Prints TAP lines without numbers; exit status 1 when a check fails.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const [dir, base, label = dir] = process.argv.slice(2);
if (!dir || !base) {
	console.error('usage: check_sitemap.mjs SITE-DIR BASE-URL [LABEL]');
	process.exit(2);
}
let failed = 0;
function report(ok, what, problems = []) {
	console.log(`${ok ? 'ok' : 'not ok'} - ${label}: ${what}`);
	for (const p of problems.slice(0, 20))
		console.log(`#   ${p}`);
	if (problems.length > 20)
		console.log(`#   … and ${problems.length - 20} more`);
	if (!ok)
		failed = 1;
}
const walk = (d, out = []) => {
	for (const n of readdirSync(d).sort()) {
		const p = join(d, n);
		statSync(p).isDirectory() ? walk(p, out) : out.push(p);
	}
	return out;
};
const rel = (f) => relative(dir, f).split(sep).join('/');
const unescape = (s) => s.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>')
	.replace(/&quot;/g, '"').replace(/&apos;/g, "'");

// The published file a URL under base names ('' for a folder's index.html).
function fileOf(url) {
	if (!url.startsWith(base))
		return null;
	let p = decodeURIComponent(url.slice(base.length).split(/[?#]/)[0]);
	if (p === '' || p.endsWith('/'))
		p += 'index.html';
	return existsSync(join(dir, p)) && statSync(join(dir, p)).isFile() ? p : null;
}

// ---- sitemap ---------------------------------------------------------------
const pages = walk(dir).map(rel).filter(f => f.endsWith('.html'));
const exempt = new Set(['404.html', 'index.html']);
const xml = readFileSync(join(dir, 'sitemap.xml'), 'utf8');
const locs = [...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map(m => unescape(m[1]));
const alts = [...xml.matchAll(/<xhtml:link\b[^>]*\bhref="([^"]*)"/g)].map(m => unescape(m[1]));
const listed = new Set();
const problems = [];
for (const u of locs) {
	const f = fileOf(u);
	if (!f)
		problems.push(`<loc>${u}</loc> is no published page`);
	else if (listed.has(f))
		problems.push(`${f} is listed twice`);
	else
		listed.add(f);
}
for (const u of alts)
	if (!fileOf(u))
		problems.push(`alternate ${u} is no published page`);
for (const f of pages)
	if (!exempt.has(f) && !listed.has(f))
		problems.push(`${f} is not in sitemap.xml`);
for (const f of exempt)
	if (listed.has(f))
		problems.push(`${f} should not be in sitemap.xml`);
report(problems.length === 0 && locs.length > 0,
	`sitemap.xml lists every page (${locs.length} of ${pages.length} HTML files; not 404.html, not the root redirect) and only pages`,
	problems);

// ---- JSON-LD ---------------------------------------------------------------
const data = pages.filter(f => /(^|\/)data\/index\.html$/.test(f));
const ld = [];
for (const f of data) {
	const html = readFileSync(join(dir, f), 'utf8');
	const blocks = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)];
	if (blocks.length !== 1) {
		ld.push(`${f}: ${blocks.length} JSON-LD blocks`);
		continue;
	}
	let j;
	try {
		j = JSON.parse(blocks[0][1]);
	} catch (e) {
		ld.push(`${f}: JSON-LD does not parse: ${e.message}`);
		continue;
	}
	const types = [].concat(j['@type']);
	if (!types.includes('Dataset'))
		ld.push(`${f}: @type is ${JSON.stringify(j['@type'])}, not Dataset`);
	if (!/^https?:\/\/schema\.org\/?$/.test(j['@context'] || ''))
		ld.push(`${f}: @context is ${JSON.stringify(j['@context'])}`);
	if (!j.name || !j.description || !j.license)
		ld.push(`${f}: lacks name, description or license`);
	const dist = [].concat(j.distribution || []);
	if (!dist.length)
		ld.push(`${f}: no distribution`);
	for (const d of dist)
		if (!d.contentUrl || !fileOf(d.contentUrl))
			ld.push(`${f}: distribution ${JSON.stringify(d.contentUrl)} is no published file`);
}
report(ld.length === 0 && data.length > 0,
	`JSON-LD of ${data.length} data pages parses, is a schema.org Dataset, and its downloads exist`,
	data.length ? ld : ['no data page']);
process.exit(failed);
