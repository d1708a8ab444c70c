/* search.js - the search page: runs ?q= against the index that site-gen
 * writes beside the page (search/meta.js, k<N>.js, d<N>.js, t2s.js; see
 * site-gen's search.h). The index's files are scripts that call
 * sgSearch.*(…) when a <script> element loads them, so the page works
 * from file:// as well as over http, with no server and no fetch().
 *
 * The page loads this file, then meta.js and t2s.js (deferred, in that
 * order), so a query waits only for its shards and documents.
 *
 * The keys of a query follow search.c's rules exactly (tokens below;
 * tests/fixtures/search/tokens.json holds both to the same cases). The
 * ranking: documents with every key of the query first, then by the sum
 * of the weights of the fields that hold them, then in index order.
 *
 * In a browser it runs the page; under Node (the tests) it only defines
 * sgSearch.tokens, queryKeys, rank, stem and shardOf. */
(function (root) {
	'use strict';

	// ---- keys ------------------------------------------------------------

	const KEY_MAX = 64;
	const isHan = (c) => (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) ||
		(c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x3134f);
	const isLetter = (ch) => ch !== undefined && /^[A-Za-z]$/.test(ch);
	const isDigit = (ch) => ch !== undefined && ch >= '0' && ch <= '9';

	function stem(w) {
		const n = w.length, e = (s) => n > s.length && w.endsWith(s);
		if (n <= 4 || e('ss'))
			return w;
		if (e('ies'))
			return w.slice(0, n - 3) + 'y';
		if (e('sses') || e('xes') || e('ches') || e('shes'))
			return w.slice(0, n - 2);
		if (e('s') && !e('us') && !e('is'))
			return w.slice(0, n - 1);
		if (n > 5 && e('ing'))
			return w.slice(0, n - 3);
		if (e('ed'))
			return w.slice(0, n - 2);
		return w;
	}

	// Every key of `text`, in order, repeats included. With `query`, a run
	// of two or more Han characters gives its pairs only: the single
	// characters are for one-character queries.
	function tokens(text, query) {
		const cs = Array.from(text), out = [];
		let i = 0;
		while (i < cs.length) {
			if (isLetter(cs[i])) {
				let w = '';
				for (; isLetter(cs[i]); i++)
					if (w.length < KEY_MAX)
						w += cs[i].toLowerCase();
				out.push(stem(w));
			} else if (isDigit(cs[i])) {
				let w = '';
				for (;; i++) {
					const sep = (cs[i] === ',' || cs[i] === '.') && isDigit(cs[i + 1]) && w.length > 0;
					if (!isDigit(cs[i]) && !sep)
						break;
					if (cs[i] !== ',' && w.length < KEY_MAX - 1)
						w += cs[i];
				}
				if (cs[i] === '%')
					w += cs[i++];
				out.push(w);
			} else if (isHan(cs[i].codePointAt(0))) {
				const start = i;
				while (i < cs.length && isHan(cs[i].codePointAt(0)))
					i++;
				const run = cs.slice(start, i), pairsOnly = query && run.length > 1;
				for (let k = 0; k < run.length; k++) {
					if (!pairsOnly)
						out.push(run[k]);
					if (k)
						out.push(run[k - 1] + run[k]);
				}
			} else {
				i++;
			}
		}
		return out;
	}

	// A query's distinct keys, after Traditional characters are mapped to
	// their Simplified ones (t2s), the way the index holds them.
	function queryKeys(q, t2s) {
		const norm = Array.from(q).map(ch => (t2s && t2s[ch]) || ch).join('');
		return [...new Set(tokens(norm, true))];
	}

	// Ranked [{doc, matched, score}] of the documents that hold any key;
	// postings[k] is the key's [doc, weight, Δdoc, weight, …] (missing: no
	// document).
	function rank(keys, postings) {
		const by = new Map();
		for (const k of keys) {
			const p = postings[k] || [];
			for (let i = 0, doc = 0; i + 1 < p.length; i += 2) {
				doc += p[i];
				const r = by.get(doc) || { doc, matched: 0, score: 0 };
				r.matched++;
				r.score += p[i + 1];
				by.set(doc, r);
			}
		}
		return [...by.values()].sort((a, b) =>
			b.matched - a.matched || b.score - a.score || a.doc - b.doc);
	}

	// The shard of a key: FNV-1a, 32 bits, of its UTF-8 (search.c's
	// key_hash), modulo the number of shards.
	function shardOf(key, n) {
		let h = 0x811c9dc5;
		for (const b of new TextEncoder().encode(key))
			h = Math.imul(h ^ b, 0x01000193) >>> 0;
		return h % n;
	}

	const api = root.sgSearch = root.sgSearch || {};
	Object.assign(api, { tokens, queryKeys, rank, stem, shardOf });
	if (typeof document === 'undefined')
		return;

	// ---- the index's files -------------------------------------------------

	const shards = {}, chunks = {};
	let meta = null, t2s = null;
	api.meta = (m) => { meta = m; };
	api.keys = (n, o) => { shards[n] = o; };
	api.docs = (n, a) => { chunks[n] = a; };
	api.t2s = (m) => { t2s = m; };

	function load(src) {
		return new Promise((resolve, reject) => {
			const s = document.createElement('script');
			s.src = src;
			s.onload = resolve;
			s.onerror = () => reject(new Error(src));
			document.head.appendChild(s);
		});
	}

	async function postingsOf(keys) {
		const need = [...new Set(keys.map(k => shardOf(k, meta.shards)))].filter(n => !shards[n]);
		await Promise.all(need.map(n => load(`k${n}.js`)));
		const out = {};
		for (const k of keys)
			out[k] = shards[shardOf(k, meta.shards)][k];
		return out;
	}

	async function docsOf(ids) {
		const need = [...new Set(ids.map(d => Math.floor(d / meta.chunk)))].filter(n => !chunks[n]);
		await Promise.all(need.map(n => load(`d${n}.js`)));
		return ids.map(d => chunks[Math.floor(d / meta.chunk)][d % meta.chunk]);
	}

	// ---- the page ------------------------------------------------------------

	const PAGE = 10;      // results shown at once; "more" shows the next
	const more = document.getElementById('search-more');
	const status = document.getElementById('search-status');
	const list = document.getElementById('search-results');
	const say = (key, q, n) => status.dataset[key].replace('{q}', q).replace('{n}', n);

	// `text` with the first place that holds the query (or else one of its
	// keys) marked, cut to a window around it.
	function snippet(text, q, keys) {
		const cs = Array.from(text);
		const norm = cs.map(ch => ((t2s && t2s[ch]) || ch).toLowerCase());
		const find = (s) => {
			const p = Array.from(s.toLowerCase());
			for (let i = 0; i + p.length <= norm.length; i++)
				if (p.every((ch, k) => norm[i + k] === ch))
					return [i, p.length];
			return null;
		};
		const qn = Array.from(q).map(ch => (t2s && t2s[ch]) || ch).join('').trim();
		const at = find(qn) || keys.map(find).find(Boolean) || [0, 0];
		const from = Math.max(0, at[0] - 30), to = Math.min(cs.length, at[0] + at[1] + 60);
		const p = document.createElement('p');
		p.className = 'snippet';
		p.append((from ? '…' : '') + cs.slice(from, at[0]).join(''));
		const mark = document.createElement('mark');
		mark.textContent = cs.slice(at[0], at[0] + at[1]).join('');
		p.append(mark, cs.slice(at[0] + at[1], to).join('') + (to < cs.length ? '…' : ''));
		return p;
	}

	// A plan paragraph's title: its first sentence, or its start.
	function firstSentence(text) {
		const t = text.replace(/^[#\s]+/, '');
		const m = /^.{1,60}?(。|\. )/su.exec(t);
		return m ? m[0].trim() : Array.from(t).slice(0, 40).join('') + '…';
	}

	function item(d, q, keys) {
		const [kind, id, href, title, st, lead, text] = d;
		const li = document.createElement('li');
		const h = document.createElement('h2');
		const a = document.createElement('a');
		a.href = href;
		a.textContent = title || firstSentence(text);
		h.append(a);
		const info = document.createElement('p');
		info.className = 'result-info';
		info.textContent = [status.dataset[kind], id, st, lead].filter(Boolean).join(' · ');
		li.append(h, info, snippet(text ? (kind === 'task' ? `${title}\n${text}` : text) : title, q, keys));
		return li;
	}

	// Results from..from+PAGE of `ranked`, appended; the button shows the
	// next ones while there are more.
	async function show(ranked, from, q, keys) {
		const docs = await docsOf(ranked.slice(from, from + PAGE).map(r => r.doc));
		const items = docs.map(d => item(d, q, keys));
		list.append(...items);
		more.hidden = from + PAGE >= ranked.length;
		more.onclick = async () => {
			const next = await show(ranked, from + PAGE, q, keys);
			next[0]?.querySelector('a').focus();
		};
		return items;
	}

	// The time a query took (data-ms) and the part of it spent ranking
	// (data-rank-ms) are kept on the status line, for bench/search.mjs.
	async function run(q) {
		const t0 = performance.now();
		status.textContent = status.dataset.loading;
		const keys = queryKeys(q, t2s);
		const postings = keys.length ? await postingsOf(keys) : {};
		const t1 = performance.now();
		const ranked = keys.length ? rank(keys, postings) : [];
		status.dataset.rankMs = (performance.now() - t1).toFixed(1);
		list.replaceChildren();
		await show(ranked, 0, q, keys);
		status.textContent = ranked.length ? say('results', q, ranked.length) : say('none', q, 0);
		status.dataset.ms = (performance.now() - t0).toFixed(1);
	}

	// meta.js and t2s.js come after this file, deferred too: they have run
	// by DOMContentLoaded.
	document.addEventListener('DOMContentLoaded', () => {
		const q = (new URLSearchParams(location.search).get('q') || '').trim();
		document.getElementById('search-q').value = q;
		if (q)
			run(q).catch(e => { status.textContent = say('none', q, 0) + ` (${e.message})`; });
	});
})(typeof window !== 'undefined' ? window : globalThis);
