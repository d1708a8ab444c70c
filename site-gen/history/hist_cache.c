/* hist_cache.c - the history cache file (hist_int.h, hist.h). */
#include "hist_int.h"
#include "hash.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Bump when the cache layout or the meaning of events changes, and when
 * repo.h's cleaning of authors and subjects does. 2: they are cleaned, and
 * a cache of version 1 may hold e-mail addresses; the header names the
 * .mailmap. 4: commits keep their Reason: trailers. */
#define HIST_CACHE_VERSION 4
static const char cache_magic[8] = "SGHIST\n";

static char *cache_path(const hist *h, const char *cache_dir)
{
	uint64_t x = hash_str(repo_identity(h->r));
	buf p = BUF_INIT;
	buf_printf(&p, "%s/history-%016llx.bin", cache_dir, (unsigned long long)x);
	return buf_detach(&p);
}

/* The .mailmap and its settings, as a size and a hash: the cached
 * authors' names were mapped by it. */
static void mailmap_key(const hist *h, uint64_t *size, uint64_t *hash)
{
	buf b = BUF_INIT;
	repo_mailmap_source(h->r, &b);
	*size = b.len;
	*hash = hash_bytes(b.ptr, b.len);
	buf_free(&b);
}

static void save_header(const hist *h, bin_writer *w)
{
	uint64_t size, hash;
	mailmap_key(h, &size, &hash);
	bin_put_u(w, HIST_CACHE_VERSION);
	bin_put_u(w, MODEL_FORMAT_VERSION);
	bin_put_s(w, repo_identity(h->r));
	bin_put_s(w, h->source_lang);
	bin_put_u(w, size);
	bin_put_u(w, hash);
	bin_put_s(w, h->head);
	bin_put_s(w, h->oldest);
	bin_put_u(w, h->info.truncated);
}

static void save_events(const hist *h, bin_writer *w)
{
	bin_put_u(w, h->n_commits);
	for (size_t i = 0; i < h->n_commits; i++) {
		const hist_commit *c = &h->commits[i];
		bin_put_s(w, c->id);
		bin_put_s(w, c->summary);
		bin_put_s(w, c->reason);
		bin_put_s(w, c->author);
		bin_put_i(w, c->time);
		bin_put_i(w, c->offset_min);
	}
	bin_put_u(w, h->n_changes);
	for (size_t i = 0; i < h->n_changes; i++) {
		const hist_change *c = &h->changes[i];
		bin_put_u(w, c->commit);
		bin_put_u(w, c->kind);
		const char *s[] = { c->table, c->record, c->task, c->field,
				    c->old_value, c->new_value };
		for (size_t k = 0; k < sizeof s / sizeof *s; k++)
			bin_put_s(w, s[k]);
	}
	bin_put_u(w, h->n_removed);
	for (size_t i = 0; i < h->n_removed; i++) {
		const hist_removed *r = &h->removed[i];
		bin_put_s(w, r->id);
		bin_put_u(w, r->commit);
		bin_put_u(w, r->n);
		for (size_t k = 0; k < r->n; k++) {
			bin_put_s(w, r->cols[k]);
			bin_put_s(w, r->vals[k]);
		}
	}
}

static void save_tables(const hist *h, bin_writer *w)
{
	for (int t = 0; t < HIST_N_TABLES; t++) {
		const hist_tstate *ts = &h->tables[t];
		bin_put_u(w, ts->ncols);
		for (size_t c = 0; c < ts->ncols; c++)
			bin_put_s(w, ts->cols[c]);
		bin_put_u(w, ts->nrows);
		for (size_t i = 0; i < ts->nrows; i++) {
			bin_put_s(w, ts->rows[i].id);
			for (size_t c = 0; c < ts->ncols; c++)
				bin_put_s(w, ts->rows[i].vals[c]);
		}
	}
}

static void save_files(const hist *h, bin_writer *w)
{
	const smap *pm = &h->progress;
	for (size_t pass = 0, count = 0; pass < 2; pass++) {
		if (pass)
			bin_put_u(w, count);
		for (size_t i = 0; i < pm->cap; i++) {
			const hist_pstate *p = pm->keys[i] ? pm->vals[i] : NULL;
			if (p && !pass)
				count++;
			if (!p || !pass)
				continue;
			bin_put_s(w, pm->keys[i]);
			bin_put_u(w, p->n);
			for (size_t k = 0; k < p->n; k++) {
				bin_put_s(w, p->keys[k]);
				bin_put_s(w, p->vals[k]);
			}
			bin_put_s(w, p->narrative);
		}
	}
	bin_put_u(w, h->updated.n);
	for (size_t i = 0; i < h->updated.cap; i++)
		if (h->updated.keys[i]) {
			bin_put_s(w, h->updated.keys[i]);
			bin_put_u(w, (uintptr_t)h->updated.vals[i]);
		}
}

/* Write to a temporary name and rename, so a reader never sees half a
 * file and two builds at once cannot mix their writes. */
void hist_cache_save(const hist *h, const char *cache_dir, diag *d)
{
	bin_writer w = BIN_WRITER_INIT;
	save_header(h, &w);
	save_events(h, &w);
	save_tables(h, &w);
	save_files(h, &w);
	buf out = BUF_INIT, tmp = BUF_INIT;
	buf_put(&out, cache_magic, sizeof cache_magic);
	bin_finish(&w, &out);
	char *path = cache_path(h, cache_dir);
	buf_printf(&tmp, "%s.%ld.tmp", path, (long)getpid());
	if ((mkdir(cache_dir, 0755) != 0 && errno != EEXIST) ||
	    buf_write_file(path, tmp.ptr, out.ptr, out.len) != 0)
		diag_warn(d, cache_dir, 0, 0, "history: cannot write the cache "
			  "(%s); the next build reads all of history again",
			  strerror(errno));
	free(path);
	buf_free(&out);
	buf_free(&tmp);
}

static void load_events(hist *h, bin_reader *r)
{
	size_t n = bin_get_count(r);
	for (size_t i = 0; i < n && !r->bad; i++) {
		hist_commit *c = HIST_GROW(h->commits, h->n_commits,
					   h->cap_commits);
		c->id = bin_get_s(r);
		c->summary = bin_get_s(r);
		c->reason = bin_get_s(r);
		c->author = bin_get_s(r);
		c->time = bin_get_i(r);
		c->offset_min = (int)bin_get_i(r);
	}
	n = bin_get_count(r);
	for (size_t i = 0; i < n && !r->bad; i++) {
		hist_change *c = HIST_GROW(h->changes, h->n_changes,
					   h->cap_changes);
		c->commit = bin_get_u(r);
		c->kind = (hist_kind)bin_get_u(r);
		const char **s[] = { &c->table, &c->record, &c->task, &c->field,
				     &c->old_value, &c->new_value };
		for (size_t k = 0; k < sizeof s / sizeof *s; k++)
			*s[k] = bin_get_s(r);
		r->bad |= c->commit >= h->n_commits || c->kind > HIST_RENAMED;
	}
	n = bin_get_count(r);
	for (size_t i = 0; i < n && !r->bad; i++) {
		hist_removed *x = HIST_GROW(h->removed, h->n_removed,
					    h->cap_removed);
		x->id = bin_get_s(r);
		x->commit = bin_get_u(r);
		x->n = bin_get_count(r);
		x->cols = arena_alloc(h->a, (x->n + 1) * sizeof *x->cols);
		x->vals = arena_alloc(h->a, (x->n + 1) * sizeof *x->vals);
		for (size_t k = 0; k < x->n; k++) {
			x->cols[k] = bin_get_s(r);
			x->vals[k] = bin_get_s(r);
		}
		r->bad |= x->commit >= h->n_commits;
	}
}

static void load_tables(hist *h, bin_reader *r)
{
	for (int t = 0; t < HIST_N_TABLES && !r->bad; t++) {
		hist_tstate *ts = &h->tables[t];
		ts->ncols = bin_get_count(r);
		ts->cols = xcalloc(ts->ncols + 1, sizeof *ts->cols);
		for (size_t c = 0; c < ts->ncols; c++)
			ts->cols[c] = bin_get_s(r);
		size_t n = bin_get_count(r);
		ts->rows = xcalloc(n + 1, sizeof *ts->rows);
		for (size_t i = 0; i < n && !r->bad; i++, ts->nrows++) {
			hist_trow *row = &ts->rows[i];
			row->id = bin_get_s(r);
			row->vals = xcalloc(ts->ncols + 1, sizeof *row->vals);
			for (size_t c = 0; c < ts->ncols; c++)
				row->vals[c] = bin_get_s(r);
		}
		hist_table_index(ts);
	}
}

static void load_files(hist *h, bin_reader *r)
{
	size_t n = bin_get_count(r);
	for (size_t i = 0; i < n && !r->bad; i++) {
		const char *path = bin_get_s(r);
		hist_pstate *p = xcalloc(1, sizeof *p);
		size_t k = bin_get_count(r);
		p->keys = xcalloc(k + 1, sizeof *p->keys);
		p->vals = xcalloc(k + 1, sizeof *p->vals);
		for (; p->n < k; p->n++) {
			p->keys[p->n] = bin_get_s(r);
			p->vals[p->n] = bin_get_s(r);
		}
		p->narrative = bin_get_s(r);
		hist_report_free(smap_put(&h->progress, path, p));
	}
	n = bin_get_count(r);
	for (size_t i = 0; i < n && !r->bad; i++) {
		const char *path = bin_get_s(r);
		uint64_t c = bin_get_u(r);
		r->bad |= c == 0 || c > h->n_commits;
		smap_put(&h->updated, path, (void *)(uintptr_t)c);
	}
}

const char *hist_cache_open(hist *h, const char *cache_dir, bin_reader *r)
{
	char *path = cache_path(h, cache_dir);
	int rc = buf_read_file(&h->cache, path);
	free(path);
	if (rc != 0 || h->cache.len < sizeof cache_magic ||
	    memcmp(h->cache.ptr, cache_magic, sizeof cache_magic) ||
	    !bin_open(r, h->cache.ptr + sizeof cache_magic,
		      h->cache.len - sizeof cache_magic))
		return NULL;
	uint64_t size, hash;
	mailmap_key(h, &size, &hash);
	bool ok = bin_get_u(r) == HIST_CACHE_VERSION &&
		  bin_get_u(r) == MODEL_FORMAT_VERSION &&
		  !strcmp(bin_get_s(r), repo_identity(h->r)) &&
		  !strcmp(bin_get_s(r), h->source_lang) &&
		  bin_get_u(r) == size && bin_get_u(r) == hash;
	const char *head = bin_get_s(r);
	h->oldest = bin_get_s(r);
	h->info.truncated = bin_get_u(r) != 0;
	/* A shallow clone's history, once the clone is made whole, would
	 * stay short and keep its advice to unshallow. */
	ok &= !h->info.truncated || repo_is_shallow(h->r);
	return ok && !r->bad && *head ? head : NULL;
}

/* On damage, start from nothing. */
bool hist_cache_load(hist *h, bin_reader *r, const char *head)
{
	load_events(h, r);
	load_tables(h, r);
	load_files(h, r);
	if (!bin_done(r)) {
		hist_reset(h);
		return false;
	}
	h->head = head;
	h->stats.commits_cached = h->n_commits;
	return true;
}
