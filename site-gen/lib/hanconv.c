/* hanconv.c - OpenCC behind a cache and a list of kept terms. */
#include "hanconv.h"

#include "arena.h"
#include "bin.h"
#include "buf.h"
#include "hash.h"
#include "smap.h"

#include <errno.h>
#include <opencc/opencc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifndef HANCONV_DATA_DIR
#define HANCONV_DATA_DIR "/usr/share/opencc"
#endif

typedef struct term {
	const char *from, *to;
	size_t len, seq;       /* seq: the order added */
} term;

typedef struct done {          /* a text's conversion, the cache's value */
	const char *to;
	bool asked;            /* asked for in this build: saved */
} done;

struct hanconv {
	char *config;
	arena *a;
	pthread_mutex_t lock;
	opencc_t cc;                 /* (opencc_t)-1 until opened */
	bool open_failed;
	char error[256];
	term *terms;
	size_t n_terms;
	bool sorted;
	size_t by_byte[257];         /* terms starting with byte b: [b], [b+1] */
	smap texts;                  /* source text → done */
	size_t misses;
	buf cache;                   /* a read cache file: its strings */
};

static const opencc_t NOT_OPEN = (opencc_t)-1;

hanconv *hanconv_new(const char *config)
{
	hanconv *c = xcalloc(1, sizeof *c);
	c->config = xstrdup(config);
	c->a = arena_new();
	c->cc = NOT_OPEN;
	pthread_mutex_init(&c->lock, NULL);
	return c;
}

void hanconv_free(hanconv *c)
{
	if (!c)
		return;
	if (c->cc != NOT_OPEN)
		opencc_close(c->cc);
	pthread_mutex_destroy(&c->lock);
	smap_free(&c->texts);
	buf_free(&c->cache);
	arena_free(c->a);
	free(c->terms);
	free(c->config);
	free(c);
}

/* OpenCC finds a bare name in its data folder. */
static void config_path(const char *config, buf *out)
{
	if (!strchr(config, '/'))
		buf_printf(out, "%s/", HANCONV_DATA_DIR);
	buf_puts(out, config);
}

bool hanconv_config_exists(const char *config)
{
	buf p = BUF_INIT;
	config_path(config, &p);
	struct stat st;
	bool ok = stat(buf_cstr(&p), &st) == 0 && S_ISREG(st.st_mode);
	buf_free(&p);
	return ok;
}

void hanconv_keep(hanconv *c, const char *from, const char *to)
{
	if (!*from)
		return;
	c->terms = xrealloc(c->terms, (c->n_terms + 1) * sizeof *c->terms);
	c->terms[c->n_terms] = (term){ arena_strdup(c->a, from),
				       arena_strdup(c->a, *to ? to : from),
				       strlen(from), c->n_terms };
	c->n_terms++;
	c->sorted = false;
}

/* By first byte, then longest first, then as added (a later repeat of a
 * term wins: it comes first). */
static int term_order(const void *pa, const void *pb)
{
	const term *a = pa, *b = pb;
	unsigned char x = (unsigned char)*a->from, y = (unsigned char)*b->from;
	if (x != y)
		return x < y ? -1 : 1;
	if (a->len != b->len)
		return a->len > b->len ? -1 : 1;
	int k = strcmp(a->from, b->from);
	return k ? k : a->seq < b->seq ? 1 : -1;
}

static void sort_terms(hanconv *c)
{
	if (c->n_terms)      /* qsort may not be given NULL */
		qsort(c->terms, c->n_terms, sizeof *c->terms, term_order);
	size_t i = 0;
	for (int b = 0; b <= 256; b++) {
		while (i < c->n_terms && (unsigned char)*c->terms[i].from < b)
			i++;
		c->by_byte[b] = i;
	}
	c->sorted = true;
}

/* The kept term that starts at `p`, or NULL. */
static const term *term_at(const hanconv *c, const char *p)
{
	unsigned char b = (unsigned char)*p;
	for (size_t i = c->by_byte[b]; i < c->by_byte[b + 1]; i++)
		if (!strncmp(p, c->terms[i].from, c->terms[i].len))
			return &c->terms[i];
	return NULL;
}

static bool open_cc(hanconv *c)
{
	if (c->cc != NOT_OPEN || c->open_failed)
		return c->cc != NOT_OPEN;
	c->cc = opencc_open(c->config);
	if (c->cc == NOT_OPEN) {
		const char *why = opencc_error();
		snprintf(c->error, sizeof c->error, "cannot open OpenCC "
			 "configuration '%s': %s", c->config, why ? why : "");
		c->open_failed = true;
	}
	return !c->open_failed;
}

/* Convert `len` bytes at `s` with OpenCC and append them. */
static bool convert_run(hanconv *c, const char *s, size_t len, buf *out)
{
	if (!len)
		return true;
	char *t = opencc_convert_utf8(c->cc, s, len);
	if (!t) {
		const char *why = opencc_error();
		snprintf(c->error, sizeof c->error, "OpenCC could not convert "
			 "a text: %s", why ? why : "");
		return false;
	}
	buf_puts(out, t);
	opencc_convert_utf8_free(t);
	return true;
}

/* The runs between kept terms go through OpenCC; the terms are replaced. */
static bool convert_all(hanconv *c, const char *text, buf *out)
{
	const char *run = text, *p = text;
	while (*p) {
		const term *t = term_at(c, p);
		if (!t) {
			p++;
			continue;
		}
		if (!convert_run(c, run, (size_t)(p - run), out))
			return false;
		buf_puts(out, t->to);
		p += t->len;
		run = p;
	}
	return convert_run(c, run, (size_t)(p - run), out);
}

static const char *remember(hanconv *c, const char *from, const char *to)
{
	done *d = arena_alloc(c->a, sizeof *d);
	*d = (done){ to, true };
	smap_put(&c->texts, from, d);
	return to;
}

static const char *convert_locked(hanconv *c, const char *text)
{
	done *d = smap_get(&c->texts, text);
	if (d) {
		d->asked = true;
		return d->to;
	}
	if (!c->sorted)
		sort_terms(c);
	if (!open_cc(c))
		return NULL;
	buf out = BUF_INIT;
	const char *to = NULL;
	if (convert_all(c, text, &out)) {
		c->misses++;
		to = remember(c, arena_strdup(c->a, text),
			      arena_strdup(c->a, buf_cstr(&out)));
	}
	buf_free(&out);
	return to;
}

const char *hanconv_text(hanconv *c, const char *text)
{
	if (!*text)
		return "";
	pthread_mutex_lock(&c->lock);
	const char *to = convert_locked(c, text);
	pthread_mutex_unlock(&c->lock);
	return to;
}

const char *hanconv_error(const hanconv *c)
{
	return c->error;
}

size_t hanconv_misses(const hanconv *c)
{
	return c->misses;
}

/* ---- the cache file ------------------------------------------------------ */

/* A dictionary upgrade replaces files in OpenCC's data folder, which
 * changes the folder's time. */
static uint64_t dictionaries_stamp(uint64_t h)
{
	struct stat st;
	if (stat(HANCONV_DATA_DIR, &st) == 0) {
		long long v[2] = { (long long)st.st_mtim.tv_sec,
				   (long long)st.st_mtim.tv_nsec };
		h = hash_fnv1a(h, v, sizeof v);
	}
	return h;
}

void hanconv_cache_name(const hanconv *c, buf *out)
{
	uint64_t h = hash_fnv1a(HASH_FNV_START, c->config,
				strlen(c->config) + 1);
	for (size_t i = 0; i < c->n_terms; i++) {
		h = hash_fnv1a(h, c->terms[i].from, c->terms[i].len + 1);
		h = hash_fnv1a(h, c->terms[i].to, strlen(c->terms[i].to) + 1);
	}
	buf_printf(out, "convert-%016llx.bin",
		   (unsigned long long)dictionaries_stamp(h));
}

void hanconv_cache_read(hanconv *c, const char *path)
{
	buf_clear(&c->cache);
	if (buf_read_file(&c->cache, path) != 0)
		return;
	bin_reader r;
	if (!bin_open(&r, c->cache.ptr, c->cache.len)) {
		bin_close(&r);
		return;
	}
	size_t n = bin_get_count(&r);
	const char **pairs = xcalloc(2 * n + 1, sizeof *pairs);
	for (size_t i = 0; i < 2 * n; i++)
		pairs[i] = bin_get_s(&r);
	pthread_mutex_lock(&c->lock);
	for (size_t i = 0; bin_done(&r) && i < n; i++)
		if (!smap_get(&c->texts, pairs[2 * i])) {
			done *d = arena_alloc(c->a, sizeof *d);
			*d = (done){ pairs[2 * i + 1], false };
			smap_put(&c->texts, pairs[2 * i], d);
		}
	pthread_mutex_unlock(&c->lock);
	free(pairs);
	bin_close(&r);
}

static int by_key(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int hanconv_cache_write(const hanconv *c, const char *path)
{
	const char **keys = xcalloc(c->texts.n + 1, sizeof *keys);
	size_t n = 0;
	for (size_t i = 0; i < c->texts.cap; i++)
		if (c->texts.keys[i] && ((done *)c->texts.vals[i])->asked)
			keys[n++] = c->texts.keys[i];
	qsort(keys, n, sizeof *keys, by_key);
	bin_writer w = BIN_WRITER_INIT;
	bin_put_u(&w, n);
	for (size_t i = 0; i < n; i++) {
		bin_put_s(&w, keys[i]);
		bin_put_s(&w, ((done *)smap_get(&c->texts, keys[i]))->to);
	}
	buf out = BUF_INIT, tmp = BUF_INIT;
	bin_finish(&w, &out);
	buf_printf(&tmp, "%s.tmp", path);
	int rc = buf_write_file(path, buf_cstr(&tmp), out.ptr, out.len);
	int e = errno;
	buf_free(&out);
	buf_free(&tmp);
	free(keys);
	errno = e;
	return rc;
}
