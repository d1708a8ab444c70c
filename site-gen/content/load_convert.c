/* load_convert.c - the derived languages: a converter per language, the
 * terms of convert-exceptions.csv that keep their form, and the pass that
 * fills every text of a derived language from its written one.
 *
 * convert-exceptions.csv has a column `text` (the term as the written
 * language has it), a column `form_<tag>` per derived language (what the
 * term becomes there; empty: it stays as written) and an optional `note`.
 */
#include "arena.h"
#include "buf.h"
#include "hanconv.h"
#include "load_int.h"
#include "smap.h"
#include "table.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The header's columns: `text`, `note` and form_<tag> of derived tags. */
static bool header_ok(load_ctx *l, const table *t, long *text)
{
	const site_config *s = &l->m->site;
	bool ok = true;
	*text = table_column(t, "text");
	for (size_t c = 0; c < t->ncols; c++) {
		const char *h = t->header[c].text;
		size_t lang = !strncmp(h, "form_", 5) ? model_lang(l->m, h + 5)
						       : SIZE_MAX;
		if (strcmp(h, "text") && strcmp(h, "note") &&
		    (lang == SIZE_MAX || lang < s->n_written)) {
			diag_error(l->d, t->path, t->header[c].line,
				   t->header[c].col, "unknown column '%s' (the "
				   "columns are text, note and form_<tag> of a "
				   "derived language)", h);
			ok = false;
		}
	}
	if (*text < 0) {
		diag_error(l->d, t->path, 1, 1, "missing column 'text'");
		ok = false;
	}
	return ok;
}

/* Each row's term, for every derived language (its form, or as it is). */
static void keep_rows(load_ctx *l, const table *t, long text)
{
	model *m = l->m;
	size_t nl = m->site.languages.n;
	long *form = xcalloc(nl, sizeof *form);
	for (size_t k = m->site.n_written; k < nl; k++) {
		buf col = BUF_INIT;
		buf_printf(&col, "form_%s", m->site.languages.v[k]);
		form[k] = table_column(t, buf_cstr(&col));
		buf_free(&col);
	}
	smap seen = SMAP_INIT;
	for (size_t r = 0; r < t->nrows; r++) {
		if (t->rows[r].ncells != t->ncols)
			continue;    /* reported by table_parse */
		const table_cell *c = &t->rows[r].cells[text];
		const table_cell *first = smap_get(&seen, c->text);
		if (!*c->text)
			diag_error(l->d, t->path, c->line, c->col, "a term needs "
				   "its 'text'");
		else if (first)
			diag_error(l->d, t->path, c->line, c->col, "term '%s' is "
				   "listed twice (first at line %u)", c->text,
				   first->line);
		else
			smap_put(&seen, c->text, (void *)c);
		for (size_t k = m->site.n_written; *c->text && !first && k < nl; k++)
			hanconv_keep(m->conv[k], c->text, form[k] < 0 ? ""
				     : t->rows[r].cells[form[k]].text);
	}
	smap_free(&seen);
	free(form);
}

static void read_exceptions(load_ctx *l)
{
	const char *path = load_path(l, l->m->content_dir, LOAD_CONVERT_FILE);
	buf b = BUF_INIT;
	const char *text = load_read_text(l, path, &b, false);
	table *t = text ? table_parse(path, text, strlen(text), l->d) : NULL;
	long col;
	if (t && !l->m->conv)
		diag_warn(l->d, path, 0, 0, "no language of site.yaml is "
			     "derived by a conversion: the file is not used");
	else if (t && header_ok(l, t, &col))
		keep_rows(l, t, col);
	table_free(t);
	buf_free(&b);
}

void load_convert(load_ctx *l)
{
	model *m = l->m;
	const site_config *s = &m->site;
	if (s->n_written < s->languages.n) {
		m->conv = xcalloc(s->languages.n, sizeof *m->conv);
		for (size_t k = s->n_written; k < s->languages.n; k++)
			m->conv[k] = hanconv_new(s->convert[k]);
	}
	read_exceptions(l);
}

/* ---- filling the texts --------------------------------------------------- */

static void cache_path(const model *m, const char *cache_dir, size_t k,
		       buf *out)
{
	buf_printf(out, "%s/", cache_dir);
	hanconv_cache_name(m->conv[k], out);
}

/* Language k's text of every ltext that has none of its own. */
static bool fill(model *m, size_t k, size_t *texts)
{
	size_t from = m->site.derived_from[k];
	for (size_t i = 0; i < m->made->n; i++) {
		const char **v = m->made->v[i];
		if (*v[k] || !*v[from])
			continue;
		const char *t = hanconv_text(m->conv[k], v[from]);
		if (!t)
			return false;
		v[k] = t;
		++*texts;
	}
	return true;
}

int load_derive(model *m, const char *cache_dir, diag *d,
		load_derive_stats *st)
{
	int rc = 0;
	*st = (load_derive_stats){ 0 };
	for (size_t k = m->site.n_written; k < m->site.languages.n; k++) {
		if (cache_dir) {
			buf path = BUF_INIT;
			cache_path(m, cache_dir, k, &path);
			hanconv_cache_read(m->conv[k], buf_cstr(&path));
			buf_free(&path);
		}
		bool ok = fill(m, k, &st->texts);
		st->converted += hanconv_misses(m->conv[k]);
		if (!ok) {
			const loc *at = &m->site.languages.locs[k];
			diag_error(d, at->file, at->line, at->col, "%s",
				   hanconv_error(m->conv[k]));
			rc = -1;
		}
	}
	return rc;
}

void load_derive_save(const model *m, const char *cache_dir)
{
	for (size_t k = m->site.n_written; k < m->site.languages.n; k++) {
		if (!hanconv_misses(m->conv[k]) ||
		    (mkdir(cache_dir, 0755) != 0 && errno != EEXIST))
			continue;
		buf path = BUF_INIT;
		cache_path(m, cache_dir, k, &path);
		(void)hanconv_cache_write(m->conv[k], buf_cstr(&path));
		buf_free(&path);
	}
}
