/* hist_report.c - the versions of progress reports (hist_int.h). */
#include "hist_int.h"
#include "load.h"
#include "schema.h"
#include "text.h"
#include "ydoc.h"

#include <stdlib.h>
#include <string.h>

void hist_report_free(hist_pstate *p)
{
	if (!p)
		return;
	free(p->keys);
	free(p->vals);
	free(p);
}

static void pstate_add(hist *h, hist_pstate *p, const char *key,
		       const char *val)
{
	p->keys = xrealloc(p->keys, (p->n + 1) * sizeof *p->keys);
	p->vals = xrealloc(p->vals, (p->n + 1) * sizeof *p->vals);
	p->keys[p->n] = hist_intern(h, key);
	p->vals[p->n++] = hist_intern(h, val);
}

static const char *yscalar(const ynode *n)
{
	return n && n->kind == YNODE_SCALAR && !ydoc_is_null(n) ? n->value : "";
}

/* The structured keys of a report, flattened. */
static void report_fields(hist *h, hist_pstate *p, const ynode *fm)
{
	const char *const *keys = schema_report_keys;
	for (size_t i = 0; i < SCHEMA_REPORT_METRICS; i++)
		if (*yscalar(ydoc_get(fm, keys[i])))
			pstate_add(h, p, keys[i], yscalar(ydoc_get(fm, keys[i])));
	const ynode *mt = ydoc_get(fm, keys[SCHEMA_REPORT_METRICS]);
	for (size_t i = 0; mt && mt->kind == YNODE_MAP && i < mt->n; i++) {
		buf k = BUF_INIT;
		buf_printf(&k, "metrics.%s", mt->keys[i]->value);
		pstate_add(h, p, k.ptr, yscalar(mt->items[i]));
		buf_free(&k);
	}
}

/* Parse one version of a report; structured keys only in Chinese. */
static hist_pstate *parse_report(hist *h, const char *path,
				 const char *text, size_t len, bool zh,
				 diag *scratch)
{
	long start = text_check_encoding(path, text, len, scratch);
	if (start < 0)
		return NULL;
	const char *yaml = NULL, *body;
	size_t ylen = 0;
	int has = load_split_front_matter(text + start, &yaml, &ylen, &body);
	if (has < 0 || (zh && !has)) {
		diag_error(scratch, path, 1, 1, has < 0 ? "front matter is not "
			   "closed" : "no front matter");
		return NULL;
	}
	arena *tmp = arena_new();
	const ynode *fm = zh ? ydoc_parse(tmp, path, yaml, ylen, 1, scratch) : NULL;
	hist_pstate *p = NULL;
	if (zh && (!fm || fm->kind != YNODE_MAP)) {
		diag_error(scratch, path, 2, 1, "front matter is not a mapping");
	} else {
		p = xcalloc(1, sizeof *p);
		if (zh)
			report_fields(h, p, fm);
		p->narrative = hist_intern(h, body);
	}
	arena_free(tmp);
	return p;
}

static const char *pvalue(const hist_pstate *p, const char *key)
{
	for (size_t i = 0; p && i < p->n; i++)
		if (!strcmp(p->keys[i], key))
			return p->vals[i];
	return "";
}

/* Adding or removing a report also gives one event per key (from or to
 * ""), so replaying "status" events alone yields the status at any time. */
static void diff_reports(hist *h, const char *tid, const char *lang,
			 const hist_pstate *o, const hist_pstate *nw)
{
	/* The report exists while its source-language file does; the others
	 * only translate the narrative. */
	if (!o != !nw && !strcmp(lang, h->source_lang))
		hist_event(h, o ? HIST_REMOVED : HIST_ADDED, "progress", tid, tid,
			   "", "", "");
	for (size_t i = 0; nw && i < nw->n; i++)
		if (strcmp(pvalue(o, nw->keys[i]), nw->vals[i]))
			hist_event(h, HIST_CHANGED, "progress", tid, tid,
				   nw->keys[i], pvalue(o, nw->keys[i]),
				   nw->vals[i]);
	for (size_t i = 0; o && i < o->n; i++)
		if (!*pvalue(nw, o->keys[i]))
			hist_event(h, HIST_CHANGED, "progress", tid, tid,
				   o->keys[i], o->vals[i], "");
	const char *on = o ? o->narrative : "", *nn = nw ? nw->narrative : "";
	if (strcmp(on, nn)) {
		buf f = BUF_INIT;
		buf_printf(&f, "narrative.%s", lang);
		hist_event(h, HIST_CHANGED, "progress", tid, tid, f.ptr, on, nn);
		buf_free(&f);
	}
}

void hist_report_version(hist *h, const repo_change *c, const char *tid,
			 const char *lang, diag *d)
{
	hist_pstate *nw = NULL;
	if (c->new_blob) {
		const buf *data = hist_walk_version_of(h, c);
		diag *scratch = diag_new();
		if (data && !(nw = parse_report(h, c->path, data->ptr, data->len,
						!strcmp(lang, h->source_lang),
						scratch)))
			hist_walk_warn_version(h, c->path, scratch, d);
		diag_free(scratch);
		if (!nw)
			return;
	}
	const char *path = hist_intern(h, c->path);
	hist_pstate *o = smap_get(&h->progress, path);
	diff_reports(h, tid, lang, o, nw);
	hist_report_free(o);
	smap_put(&h->progress, path, nw);
}
