#!/usr/bin/env node
// check_links.mjs SITE-DIR BASE-URL LABEL - the links of a published site,
// read from the files alone (no code shared with site-gen's own check):
//  1. every internal href/src (and meta refresh target) of every HTML page,
//     and every link of the Atom feeds, leads to a file; a #fragment to an
//     element with that id in the page it names. Internal means relative,
//     or absolute under BASE-URL (the 404 page and feeds link that way);
//     javascript: URLs are errors; other hosts are not followed.
//  2. hreflang alternates point both ways: page A lists B ⇒ B exists, its
//     <html lang> is the hreflang A gave it, and B lists A. Every page with
//     alternates lists itself, and its canonical URL is among them.
// Prints TAP lines without numbers ("ok - …"); tests/suites/80-browser
// numbers them. Exit status 1 when a check fails.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const [dir, base, label = dir] = process.argv.slice(2);
if (!dir || !base) {
	console.error('usage: check_links.mjs SITE-DIR BASE-URL [LABEL]');
	process.exit(2);
}

function walk(d, out = []) {
	for (const n of readdirSync(d).sort()) {
		const p = join(d, n);
		if (statSync(p).isDirectory())
			walk(p, out);
		else
			out.push(p);
	}
	return out;
}

const decode = (s) => s.replace(/&(amp|lt|gt|quot|#39|#x27);/g,
	(_, e) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" })[e]);

// The attributes of every start tag: [{ tag, attrs: { name: value } }].
function tags(html) {
	const out = [];
	html = html.replace(/<!--[\s\S]*?-->/g, '')
		.replace(/(<script\b[^>]*>)[\s\S]*?<\/script>/gi, '$1');
	for (const m of html.matchAll(/<([a-zA-Z][\w:-]*)((?:\s+[^\s=>\/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>/g)) {
		const attrs = {};
		for (const a of m[2].matchAll(/([^\s=>\/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g))
			attrs[a[1].toLowerCase()] = decode(a[2] ?? a[3] ?? a[4] ?? '');
		out.push({ tag: m[1].toLowerCase(), attrs });
	}
	return out;
}

const files = walk(dir);
const rel = (f) => relative(dir, f).split(sep).join('/');
const pageUrl = (f) => 'http://site.invalid/' + rel(f);

// The file a site URL (http://site.invalid/…) names, or null.
function fileOf(u) {
	let p;
	try {
		p = decodeURIComponent(new URL(u).pathname);
	} catch {
		return null;
	}
	let f = join(dir, p);
	if (p.endsWith('/'))
		f = join(f, 'index.html');
	if (!existsSync(f))
		return null;
	if (statSync(f).isDirectory())
		f = join(f, 'index.html');
	return existsSync(f) ? f : null;
}

// A link as a site URL, or null when it is not internal.
function internal(href, from) {
	if (href.startsWith(base))
		return 'http://site.invalid/' + href.slice(base.length);
	if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//'))
		return null;
	return new URL(href, pageUrl(from)).href;
}

const ids = new Map();
function idsOf(f) {
	if (!ids.has(f)) {
		const s = new Set();
		for (const t of tags(readFileSync(f, 'utf8'))) {
			if (t.attrs.id !== undefined)
				s.add(t.attrs.id);
			if (t.tag === 'a' && t.attrs.name !== undefined)
				s.add(t.attrs.name);
		}
		ids.set(f, s);
	}
	return ids.get(f);
}

const broken = [], info = new Map();
let nlinks = 0, nexternal = 0;
const html = files.filter(f => f.endsWith('.html'));
const feeds = files.filter(f => /(^|\/)feed\.xml$/.test(rel(f)));

function check(f, href, what) {
	if (/^\s*javascript:/i.test(href)) {
		broken.push(`${rel(f)}: ${what} '${href}': javascript: URL`);
		return;
	}
	if (/^(mailto|tel|data):/i.test(href))
		return;
	const u = internal(href, f);
	if (u === null) {
		nexternal++;
		return;
	}
	nlinks++;
	const target = fileOf(u);
	if (!target) {
		broken.push(`${rel(f)}: ${what} '${href}' leads to no file`);
		return;
	}
	const frag = decodeURIComponent(new URL(u).hash.slice(1));
	if (frag && target.endsWith('.html') && !idsOf(target).has(frag))
		broken.push(`${rel(f)}: ${what} '${href}': no id '${frag}' in ${rel(target)}`);
}

for (const f of html) {
	const page = { lang: null, canonical: null, alternates: [] };
	for (const t of tags(readFileSync(f, 'utf8'))) {
		const a = t.attrs;
		if (t.tag === 'html')
			page.lang = a.lang ?? null;
		for (const k of ['href', 'src'])
			if (a[k] !== undefined)
				check(f, a[k], `<${t.tag} ${k}>`);
		if (t.tag === 'meta' && /refresh/i.test(a['http-equiv'] || '')) {
			const m = /url=(.*)$/i.exec(a.content || '');
			if (m)
				check(f, m[1].trim(), '<meta refresh>');
		}
		if (t.tag === 'link' && a.rel === 'canonical')
			page.canonical = a.href;
		if (t.tag === 'link' && a.rel === 'alternate' && a.hreflang)
			page.alternates.push({ hreflang: a.hreflang, href: a.href });
	}
	info.set(f, page);
}
for (const f of feeds)
	for (const t of tags(readFileSync(f, 'utf8')))
		if (t.tag === 'link' && t.attrs.href !== undefined)
			check(f, t.attrs.href, '<link href>');

function report(ok, what, problems) {
	console.log(`${ok ? 'ok' : 'not ok'} - ${label}: ${what}`);
	for (const p of problems.slice(0, 25))
		console.log(`#   ${p}`);
	if (problems.length > 25)
		console.log(`#   … and ${problems.length - 25} more`);
}

report(broken.length === 0 && nlinks > 0,
	`every internal href/src of ${html.length} pages and ${feeds.length} feeds leads to a file (${nlinks} links; ${nexternal} to other hosts not followed)`,
	nlinks ? broken : ['no internal link found at all']);

// ---- hreflang ----------------------------------------------------------
const bad = [];
let pairs = 0;
for (const [f, p] of info) {
	if (!p.alternates.length)
		continue;
	const self = p.canonical;
	if (!self)
		bad.push(`${rel(f)}: alternates but no canonical URL`);
	else if (!p.alternates.some(a => a.href === self))
		bad.push(`${rel(f)}: its alternates do not list itself (${self})`);
	for (const a of p.alternates) {
		const u = internal(a.href, f);
		const target = u && fileOf(u);
		if (!target) {
			bad.push(`${rel(f)}: alternate ${a.hreflang} '${a.href}' leads to no page`);
			continue;
		}
		const q = info.get(target);
		pairs++;
		if (a.hreflang !== 'x-default' && q.lang !== a.hreflang)
			bad.push(`${rel(f)}: alternate ${a.hreflang} '${a.href}' is a page in '${q.lang}'`);
		if (target !== f && self && !q.alternates.some(b => b.href === self))
			bad.push(`${rel(f)} lists ${rel(target)} (${a.hreflang}), which does not list it back`);
	}
}
report(bad.length === 0 && pairs > 0, `hreflang alternates point both ways (${pairs} pairs)`,
	pairs ? bad : ['no hreflang alternate found at all']);

process.exit(broken.length || bad.length ? 1 : 0);
