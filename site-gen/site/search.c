/* search.c - the search index (search.h). */
#include "search.h"

#include "arena.h"
#include "buf.h"
#include "hash.h"
#include "route.h"
#include "smap.h"
#include "utf8.h"
#include "words.h"

#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- keys -------------------------------------------------------------- */

static bool is_han(uint32_t c)
{
	return (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) ||
	       (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x3134f);
}

static bool is_letter(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static bool ends(const char *w, size_t n, const char *sfx)
{
	size_t k = strlen(sfx);
	return n > k && !memcmp(w + n - k, sfx, k);
}

size_t search_stem(char *w, size_t n)
{
	if (n <= 4 || ends(w, n, "ss"))
		return n;
	if (ends(w, n, "ies"))
		n -= 2, w[n - 1] = 'y';
	else if (ends(w, n, "sses") || ends(w, n, "xes") || ends(w, n, "ches") ||
		 ends(w, n, "shes"))
		n -= 2;
	else if (ends(w, n, "s") && !ends(w, n, "us") && !ends(w, n, "is"))
		n -= 1;
	else if (n > 5 && ends(w, n, "ing"))
		n -= 3;
	else if (ends(w, n, "ed"))
		n -= 2;
	return n;
}

/* A Latin word, lower-cased and stemmed; returns the bytes read. */
static size_t word_key(const char *s, search_key_fn fn, void *ctx)
{
	char w[SEARCH_KEY_MAX];
	size_t i = 0, n = 0;
	for (; is_letter((unsigned char)s[i]); i++)
		if (n < sizeof w)
			w[n++] = (char)(s[i] | 0x20);
	fn(ctx, w, search_stem(w, n));
	return i;
}

/* A number: digits, a decimal part, a following '%'; "1,900" is 1900. */
static size_t number_key(const char *s, search_key_fn fn, void *ctx)
{
	char w[SEARCH_KEY_MAX];
	size_t i = 0, n = 0;
	for (;; i++) {
		bool sep = (s[i] == ',' || s[i] == '.') && is_digit((unsigned char)s[i + 1]) && i;
		if (!is_digit((unsigned char)s[i]) && !sep)
			break;
		if (s[i] != ',' && n < sizeof w - 1)
			w[n++] = s[i];
	}
	if (s[i] == '%')
		w[n++] = s[i++];
	fn(ctx, w, n);
	return i;
}

/* A run of Han characters: each one, and each with the next. */
static size_t han_keys(const char *s, size_t len, search_key_fn fn, void *ctx)
{
	size_t i = 0, prev = 0, prev_len = 0;
	while (i < len) {
		uint32_t c;
		size_t k = utf8_decode(s + i, len - i, &c);
		if (!k || !is_han(c))
			break;
		fn(ctx, s + i, k);
		if (prev_len)
			fn(ctx, s + prev, prev_len + k);
		prev = i, prev_len = k;
		i += k;
	}
	return i;
}

void search_tokens(const char *text, search_key_fn fn, void *ctx)
{
	size_t len = strlen(text), i = 0;
	while (i < len) {
		unsigned char b = (unsigned char)text[i];
		uint32_t c;
		size_t k = utf8_decode(text + i, len - i, &c);
		if (is_letter(b))
			i += word_key(text + i, fn, ctx);
		else if (is_digit(b))
			i += number_key(text + i, fn, ctx);
		else if (k && is_han(c))
			i += han_keys(text + i, len - i, fn, ctx);
		else
			i += k ? k : 1;
	}
}

/* ---- the index of one language ------------------------------------------ */

typedef struct posting {
	uint32_t doc;
	uint8_t w;
} posting;

typedef struct skey {
	const char *key;
	posting *v;
	size_t n, cap;
} skey;

typedef struct sindex {
	const model *m;
	const cJSON *src_words, *words;  /* indexed and shown languages' */
	size_t lang, src;                /* shown and indexed languages */
	arena *a;
	smap by_key;                     /* key → skey index + 1 */
	skey *keys;
	size_t n_keys, cap_keys;
	cJSON **docs;                    /* each [kind, id, href, …] */
	size_t n_docs, cap_docs;
	bool han;                        /* a Han-script edition */
	/* The edition whose keys this one has: itself, or the one it is
	 * converted from (the same records in the same order, the same
	 * written text), whose keys are not made twice. */
	const struct sindex *keys_of;
	uint32_t doc;                    /* the document being indexed */
	uint8_t w;                       /* the weight of its field */
} sindex;

static void add_key(void *ctx, const char *key, size_t len)
{
	sindex *x = ctx;
	char k[SEARCH_KEY_MAX + 1];
	memcpy(k, key, len);
	k[len] = '\0';
	size_t i = (size_t)(uintptr_t)smap_get(&x->by_key, k);
	if (!i) {
		if (x->n_keys == x->cap_keys) {
			x->cap_keys = x->cap_keys ? 2 * x->cap_keys : 1024;
			x->keys = xrealloc(x->keys, x->cap_keys * sizeof *x->keys);
		}
		x->keys[x->n_keys] = (skey){ arena_strdup(x->a, k), NULL, 0, 0 };
		i = ++x->n_keys;
		smap_put(&x->by_key, x->keys[i - 1].key, (void *)(uintptr_t)i);
	}
	skey *s = &x->keys[i - 1];
	if (s->n && s->v[s->n - 1].doc == x->doc) {
		if (s->v[s->n - 1].w < x->w)
			s->v[s->n - 1].w = x->w;
		return;
	}
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 4;
		s->v = xrealloc(s->v, s->cap * sizeof *s->v);
	}
	s->v[s->n++] = (posting){ x->doc, x->w };
}

static void field(sindex *x, uint8_t w, const char *text)
{
	if (x->keys_of != x)
		return;
	x->w = w;
	search_tokens(text, add_key, x);
}

static const char *src_text(const sindex *x, ltext t)
{
	return model_text(x->m, t, x->src);
}

static const char *shown(const sindex *x, ltext t)
{
	return model_text(x->m, t, x->lang);
}

/* Start document x->doc: [kind, id, href, title, status, unit, text]. */
static void doc(sindex *x, const char *kind, const char *id, buf *href,
		const char *title, const char *status, const char *lead,
		const char *text)
{
	const char *v[] = { kind, id, buf_cstr(href), title, status, lead, text };
	cJSON *d = cJSON_CreateArray();
	for (size_t i = 0; i < sizeof v / sizeof *v; i++)
		cJSON_AddItemToArray(d, cJSON_CreateString(v[i]));
	if (x->n_docs == x->cap_docs) {
		x->cap_docs = x->cap_docs ? 2 * x->cap_docs : 256;
		x->docs = xrealloc(x->docs, x->cap_docs * sizeof *x->docs);
	}
	x->doc = (uint32_t)x->n_docs;
	x->docs[x->n_docs++] = d;
}

/* "../tasks/t001/index.html": from <lang>/search/. */
static void href_of(buf *out, route_kind k, const char *id,
		    const char *anchor)
{
	buf_puts(out, "../");
	if (anchor)
		route_anchor(out, NULL, k, id, anchor, strlen(anchor));
	else
		route_page(out, NULL, k, id);
}

static const char *status_word(const cJSON *w, const task *t, buf *key)
{
	buf_clear(key);
	buf_printf(key, "status_%s", model_status_name(
		t->progress ? t->progress->status : STATUS_NONE));
	return words_get(w, buf_cstr(key));
}

static void add_task(sindex *x, const task *t)
{
	buf href = BUF_INIT, key = BUF_INIT, text = BUF_INIT;
	href_of(&href, ROUTE_TASK, t->id, NULL);
	const char *lead = t->lead ? shown(x, t->lead->name) : "";
	if (t->progress)
		buf_puts(&text, shown(x, t->progress->narrative));
	doc(x, "task", t->id, &href, shown(x, t->text),
	    status_word(x->words, t, &key), lead, buf_cstr(&text));
	field(x, SEARCH_W_TASK, t->id);
	field(x, SEARCH_W_TASK, src_text(x, t->text));
	for (size_t k = 0; k < t->n_metrics; k++)
		field(x, SEARCH_W_METRIC, src_text(x, t->metrics[k]->name));
	if (t->lead)
		field(x, SEARCH_W_LEAD, src_text(x, t->lead->name));
	field(x, SEARCH_W_STATUS, status_word(x->src_words, t, &key));
	if (t->progress)
		field(x, SEARCH_W_NARRATIVE, src_text(x, t->progress->narrative));
	buf_free(&href);
	buf_free(&key);
	buf_free(&text);
}

static void add_unit(sindex *x, const unit *u)
{
	buf href = BUF_INIT;
	href_of(&href, ROUTE_UNIT, u->id, NULL);
	doc(x, "unit", u->id, &href, shown(x, u->name), "", "", "");
	field(x, SEARCH_W_NAME, src_text(x, u->name));
	for (size_t k = 0; k < u->aliases.n; k++)
		field(x, SEARCH_W_NAME, u->aliases.v[k]);
	buf_free(&href);
}

static void add_term(sindex *x, const term *t)
{
	buf href = BUF_INIT, text = BUF_INIT;
	buf_puts(&href, "../");
	route_term(&href, NULL, t->id);
	buf_printf(&text, "%s %s", t->term_zh, t->term_en);
	/* The glossary is Chinese → English: the other one beside it. */
	const char *zh = model_convert(x->m, x->lang, t->term_zh);
	doc(x, "term", t->id, &href, x->han ? zh : t->term_en, "",
	    x->han ? t->term_en : zh, t->note_en);
	field(x, SEARCH_W_NAME, buf_cstr(&text));
	field(x, SEARCH_W_STATUS, t->note_en);
	buf_free(&href);
	buf_free(&text);
}

/* The end of the paragraph at `s`: a blank line, or the end. */
static const char *paragraph_end(const char *s)
{
	const char *e = strstr(s, "\n\n");
	return e ? e : s + strlen(s);
}

/* Each paragraph of a plan part is a document: the part's written and
 * shown texts have the same paragraphs (a conversion keeps lines), else
 * the shown text's paragraph is the written one's. */
static void add_plan(sindex *x, const plan_doc *p)
{
	const char *src = src_text(x, p->markdown), *show = shown(x, p->markdown);
	buf href = BUF_INIT, para = BUF_INIT, shown_para = BUF_INIT;
	href_of(&href, ROUTE_PLAN, NULL, p->id);
	while (*src) {
		const char *e = paragraph_end(src), *se = paragraph_end(show);
		buf_clear(&para);
		buf_clear(&shown_para);
		buf_put(&para, src, (size_t)(e - src));
		buf_put(&shown_para, *show ? show : src,
			(size_t)(*show ? se - show : e - src));
		if (strspn(buf_cstr(&para), " \t\n#") < para.len) {
			doc(x, "plan", p->id, &href, "", "", "", buf_cstr(&shown_para));
			field(x, SEARCH_W_PLAN, buf_cstr(&para));
		}
		src = e + strspn(e, "\n");
		show = se + strspn(se, "\n");
	}
	buf_free(&href);
	buf_free(&para);
	buf_free(&shown_para);
}

static void index_all(sindex *x)
{
	const model *m = x->m;
	for (size_t i = 0; i < m->n_tasks; i++)
		add_task(x, &m->tasks[i]);
	for (size_t i = 0; i < m->n_units; i++)
		add_unit(x, &m->units[i]);
	for (size_t i = 0; i < m->n_plan; i++)
		add_plan(x, &m->plan[i]);
	for (size_t i = 0; i < m->n_terms; i++)
		add_term(x, &m->terms[i]);
}

/* ---- files ------------------------------------------------------------- */

static uint32_t key_hash(const char *k)
{
	uint32_t h = 2166136261u;
	for (const unsigned char *p = (const unsigned char *)k; *p; p++)
		h = (h ^ *p) * 16777619u;
	return h;
}

static int by_key(const void *a, const void *b)
{
	return strcmp(((const skey *)a)->key, ((const skey *)b)->key);
}

/* An unsigned number in decimal: printf would be most of the index's
 * cost. */
static void put_uint(buf *out, uint32_t v)
{
	char d[12];
	size_t n = 0;
	do
		d[n++] = (char)('0' + v % 10);
	while (v /= 10);
	while (n)
		buf_putc(out, d[--n]);
}

/* `k`'s entry: "key":[doc,w,Δdoc,w,…]. A key holds only Han characters,
 * ASCII letters, digits, '.' and '%' (search_tokens), so it needs no JSON
 * escaping. */
static void put_key(buf *out, const skey *k)
{
	buf_putc(out, '"');
	buf_puts(out, k->key);
	buf_puts(out, "\":");
	for (size_t i = 0; i < k->n; i++) {
		buf_putc(out, i ? ',' : '[');
		put_uint(out, k->v[i].doc - (i ? k->v[i - 1].doc : 0));
		buf_putc(out, ',');
		put_uint(out, k->v[i].w);
	}
	buf_putc(out, ']');
}

static int write_file(pub *p, const char *lang, const char *name, buf *b,
		      diag *d)
{
	buf path = BUF_INIT;
	route_page(&path, lang, ROUTE_SEARCH, NULL);
	buf_puts(&path, name);
	int rc = pub_write(p, buf_cstr(&path), b->ptr, b->len);
	if (rc != 0)
		diag_error(d, buf_cstr(&path), 0, 0, "cannot write the search "
			   "index");
	buf_free(&path);
	return rc;
}

/* Keys by shard, each shard's keys in order: every entry is printed once,
 * then copied into its shard. */
static int write_shards(const sindex *x, pub *p, const char *lang,
			size_t *n_shards, diag *d)
{
	buf all = BUF_INIT;
	size_t *at = xcalloc(x->n_keys + 1, sizeof *at);
	for (size_t i = 0; i < x->n_keys; i++) {
		at[i] = all.len;
		put_key(&all, &x->keys[i]);
	}
	at[x->n_keys] = all.len;
	size_t n = all.len / SEARCH_SHARD_BYTES + 1;
	buf *shards = xcalloc(n, sizeof *shards);
	for (size_t i = 0; i < x->n_keys; i++) {
		buf *b = &shards[key_hash(x->keys[i].key) % n];
		buf_puts(b, b->len ? "," : "");
		buf_put(b, all.ptr + at[i], at[i + 1] - at[i]);
	}
	int rc = 0;
	for (size_t s = 0; s < n; s++) {
		buf_clear(&all);   /* printf over the whole shard costs more */
		buf_puts(&all, "sgSearch.keys(");
		put_uint(&all, (uint32_t)s);
		buf_puts(&all, ",{");
		buf_puts(&all, buf_cstr(&shards[s]));
		buf_puts(&all, "});\n");
		char name[32];
		snprintf(name, sizeof name, "k%zu.js", s);
		rc |= write_file(p, lang, name, &all, d);
		buf_free(&shards[s]);
	}
	free(shards);
	free(at);
	buf_free(&all);
	*n_shards = n;
	return rc;
}

static int write_docs(const sindex *x, pub *p, const char *lang, diag *d)
{
	int rc = 0;
	for (size_t c = 0; c * SEARCH_CHUNK < x->n_docs; c++) {
		cJSON *chunk = cJSON_CreateArray();
		for (size_t i = c * SEARCH_CHUNK;
		     i < x->n_docs && i < (c + 1) * SEARCH_CHUNK; i++)
			cJSON_AddItemReferenceToArray(chunk, x->docs[i]);
		char *json = cJSON_PrintUnformatted(chunk);
		buf b = BUF_INIT;
		buf_puts(&b, "sgSearch.docs(");
		put_uint(&b, (uint32_t)c);
		buf_putc(&b, ',');
		buf_puts(&b, json);
		buf_puts(&b, ");\n");
		char name[32];
		snprintf(name, sizeof name, "d%zu.js", c);
		rc |= write_file(p, lang, name, &b, d);
		buf_free(&b);
		cJSON_free(json);
		cJSON_Delete(chunk);
	}
	return rc;
}

/* Each Traditional form of the indexed Han characters, by every converter
 * from the indexed language, to the character. */
static cJSON *t2s_map(const sindex *x)
{
	const site_config *s = &x->m->site;
	cJSON *map = cJSON_CreateObject();
	smap seen = SMAP_INIT;
	for (size_t i = 0; i < x->n_keys; i++) {
		const char *k = x->keys[i].key;
		uint32_t c;
		size_t n = utf8_decode(k, strlen(k), &c);
		if (!n || k[n] || !is_han(c))
			continue;
		for (size_t l = s->n_written; l < s->languages.n; l++) {
			const char *t = s->derived_from[l] == x->src
				? model_convert(x->m, l, k) : k;
			if (strcmp(t, k) && utf8_chars(t, strlen(t)) == 1 &&
			    !smap_get(&seen, t)) {
				smap_put(&seen, t, (void *)k);
				cJSON_AddStringToObject(map, t, k);
			}
		}
	}
	smap_free(&seen);
	return map;
}

static int write_meta(const sindex *x, pub *p, const char *lang,
		      size_t n_shards, bool han, diag *d)
{
	cJSON *map = han ? t2s_map(x->keys_of) : cJSON_CreateObject();
	char *json = cJSON_PrintUnformatted(map);
	buf b = BUF_INIT;
	buf_printf(&b, "sgSearch.t2s(%s);\n", json);
	int rc = write_file(p, lang, "t2s.js", &b, d);
	cJSON_free(json);
	cJSON_Delete(map);
	buf_clear(&b);
	buf_printf(&b, "sgSearch.meta({\"shards\":%zu,\"chunk\":%d,\"docs\":%zu});\n",
		   n_shards, SEARCH_CHUNK, x->n_docs);
	rc |= write_file(p, lang, "meta.js", &b, d);
	buf_free(&b);
	return rc;
}

static void free_index(sindex *x)
{
	for (size_t i = 0; i < x->n_keys; i++)
		free(x->keys[i].v);
	free(x->keys);
	smap_free(&x->by_key);
	for (size_t i = 0; i < x->n_docs; i++)
		cJSON_Delete(x->docs[i]);
	free(x->docs);
	arena_free(x->a);
}

/* Edition l, into done[l]; an edition converted from another one takes
 * that one's keys (done[src], made first: written languages come first). */
static int write_lang(const model *m, const cJSON *const *strings, size_t l,
		      sindex *done, pub *p, diag *d)
{
	const site_config *s = &m->site;
	size_t src = model_written_lang(m, l);
	sindex *x = &done[l];
	*x = (sindex){ .m = m, .src_words = strings[src], .words = strings[l],
		       .lang = l, .src = src, .a = arena_new(),
		       .keys_of = &done[src] };
	x->han = strcmp(words_get(strings[l], "script"), "latin") != 0;
	index_all(x);
	if (x->keys_of == x)
		qsort(x->keys, x->n_keys, sizeof *x->keys, by_key);
	size_t n_shards = 0;
	int rc = write_shards(x->keys_of, p, s->languages.v[l], &n_shards, d);
	rc |= write_docs(x, p, s->languages.v[l], d);
	rc |= write_meta(x, p, s->languages.v[l], n_shards, x->han, d);
	return rc ? -1 : 0;
}

int search_write(const model *m, const cJSON *const *strings, pub *p,
		 diag *d)
{
	size_t n = m->site.languages.n;
	sindex *done = xcalloc(n, sizeof *done);
	int rc = 0;
	for (size_t l = 0; l < n; l++)
		rc |= write_lang(m, strings, l, done, p, d);
	for (size_t l = 0; l < n; l++)
		free_index(&done[l]);
	free(done);
	return rc;
}
