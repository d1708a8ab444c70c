#include "hist.h"
#include "arena.h"
#include "bin.h"
#include "buf.h"
#include "fetch.h"
#include "hash.h"
#include "load.h"
#include "repo.h"
#include "table.h"
#include "text.h"
#include "ydoc.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Bump when the cache layout or the meaning of events changes, and when
 * repo.h's cleaning of authors and subjects does. 2: they are cleaned, and
 * a cache of version 1 may hold e-mail addresses; the header names the
 * .mailmap. */
#define HIST_CACHE_VERSION 2
static const char cache_magic[8] = "SGHIST\n";

enum { T_TASKS, T_METRICS, T_UNITS, T_SECTIONS, N_TABLES };
static const char *const table_names[N_TABLES] = { "tasks", "metrics",
						   "units", "sections" };
static const char *const table_files[N_TABLES] = {
	"tasks.csv", "metrics.csv", "units.csv", "sections.csv" };

/* The parsed state of one CSV file: rows keyed by id. */
typedef struct trow {
	const char *id;
	const char **vals;       /* ncols values */
	size_t end;              /* table_row.end in `raw` */
} trow;

typedef struct tstate {
	const char **cols;
	size_t ncols, nrows;
	trow *rows;
	smap ids;                /* id → trow* */
	buf raw;                 /* the text, when parsed in this run */
	size_t header_end;       /* where the header row ends in it */
} tstate;

/* The parsed state of one progress file: its front-matter keys flattened
 * ("metrics.t001-m1") and its narrative. */
typedef struct pstate {
	const char **keys, **vals;
	size_t n;
	const char *narrative;
} pstate;

typedef struct idxlist {
	size_t *v;
	size_t n, cap;
} idxlist;

struct hist {
	arena *a;                /* every string made in this run */
	smap interned;           /* string → the same string in `a` */
	buf cache;               /* cache bytes that cached strings point into */
	repo *r;
	const fetch_commit *fetched; /* the commit being applied */
	const char *content_dir;
	hist_info info;
	hist_stats stats;
	const char *head;        /* last commit walked, "" before any */
	const char *oldest;      /* first commit reached, for "truncated" */
	hist_commit *commits;
	size_t n_commits, cap_commits;
	hist_change *changes;
	size_t n_changes, cap_changes;
	hist_removed *removed;   /* every removal, in order */
	size_t n_removed, cap_removed;
	hist_removed *gone;      /* removed and not back: hist_removed_tasks */
	size_t n_gone;
	tstate tables[N_TABLES];
	smap progress;           /* relpath → pstate* (NULL: removed) */
	smap updated;            /* relpath → commit index + 1 */
	smap by_record;          /* "table\x1fid" → idxlist* */
	smap by_task;            /* task id → idxlist* */
	smap revised;            /* metric id → non-NULL */
	hist_month *months;
	size_t n_months, cap_months;
	hist_snapshot *snaps;
	size_t n_snaps;
};

#define GROW(arr, n, cap)                                                    \
	((n) == (cap) ? ((arr) = xrealloc((arr), ((cap) = (cap) ? (cap) * 2  \
						       : 16) * sizeof *(arr))) \
		      : (arr), &(arr)[(n)++])

/* One copy of each distinct string: history repeats the same ids, statuses
 * and unchanged narratives many times. */
static const char *intern(hist *h, const char *s)
{
	const char *got = smap_get(&h->interned, s);
	if (!got) {
		got = arena_strdup(h->a, s);
		smap_put(&h->interned, got, (void *)got);
	}
	return got;
}

/* ---- events ------------------------------------------------------------ */

static void add_event(hist *h, hist_kind kind, const char *tbl,
		      const char *record, const char *task_id, const char *field,
		      const char *old, const char *nw)
{
	*GROW(h->changes, h->n_changes, h->cap_changes) = (hist_change){
		.commit = h->n_commits - 1, .kind = kind, .table = tbl,
		.record = intern(h, record), .task = intern(h, task_id),
		.field = intern(h, field), .old_value = intern(h, old),
		.new_value = intern(h, nw),
	};
}

static const hist_commit *cur_commit(const hist *h)
{
	return &h->commits[h->n_commits - 1];
}

/* An old version that does not parse is left out: the build is about the
 * current content, which load_content checks on its own. */
static void warn_version(hist *h, const char *relpath, const diag *scratch,
			 diag *d)
{
	const diag_item *first = diag_count(scratch) ? diag_get(scratch, 0) : NULL;
	buf path = BUF_INIT;
	buf_printf(&path, "%s/%s", h->content_dir, relpath);
	diag_warn(d, path.ptr, 0, 0, "history: the version in commit %.7s (%s) "
		  "could not be read%s%s; it is left out of the history",
		  cur_commit(h)->id, cur_commit(h)->summary, first ? ": " : "",
		  first ? first->msg : "");
	buf_free(&path);
}

/* The new content of change `c` of the commit being applied (fetch read
 * it), or NULL when it could not be read (fetch reported why). */
static const buf *version_of(hist *h, const repo_change *c)
{
	size_t i = (size_t)(c - h->fetched->changes);
	if (!h->fetched->blob_ok[i])
		return NULL;
	h->stats.blobs_parsed++;
	return &h->fetched->blobs[i];
}

/* ---- CSV tables -------------------------------------------------------- */

static void tstate_free(tstate *t)
{
	for (size_t i = 0; i < t->nrows; i++)
		free(t->rows[i].vals);
	free(t->rows);
	free(t->cols);
	smap_free(&t->ids);
	buf_free(&t->raw);
	*t = (tstate){ 0 };
}

static void tstate_index(tstate *t)
{
	for (size_t i = 0; i < t->nrows; i++)
		if (!smap_get(&t->ids, t->rows[i].id))
			smap_put(&t->ids, t->rows[i].id, &t->rows[i]);
}

/* Append tb's rows that have every column and an id, their ends moved
 * by `shift`. */
static void add_rows(hist *h, const table *tb, long idcol, size_t shift,
		     tstate *t)
{
	for (size_t i = 0; i < tb->nrows; i++) {
		const table_row *r = &tb->rows[i];
		if (r->ncells != t->ncols || !*r->cells[idcol].text)
			continue;
		trow *row = &t->rows[t->nrows++];
		row->id = intern(h, r->cells[idcol].text);
		row->end = r->end + shift;
		row->vals = xcalloc(t->ncols, sizeof *row->vals);
		for (size_t c = 0; c < t->ncols; c++)
			row->vals[c] = intern(h, r->cells[c].text);
	}
}

static void tstate_from_table(hist *h, const table *tb, long idcol,
			      const buf *raw, tstate *t)
{
	t->ncols = tb->ncols;
	t->cols = xcalloc(t->ncols, sizeof *t->cols);
	for (size_t c = 0; c < t->ncols; c++)
		t->cols[c] = intern(h, tb->header[c].text);
	t->rows = xcalloc(tb->nrows ? tb->nrows : 1, sizeof *t->rows);
	add_rows(h, tb, idcol, 0, t);
	buf_put(&t->raw, raw->ptr, raw->len);
	t->header_end = tb->header_end;
	tstate_index(t);
}

static long col_index(const tstate *t, const char *name)
{
	for (size_t c = 0; c < t->ncols; c++)
		if (!strcmp(t->cols[c], name))
			return (long)c;
	return -1;
}

/* ---- re-reading only the changed rows ---------------------------------- */

/* A version of a table differs from the one before in a few rows, and a
 * full parse of a large table at every version was most of the history
 * walk. Where the text before and after the change is byte for byte the
 * old one's, cut at old row ends, the parser's state there is the same as
 * in the old text, so those rows are the old rows: only the text between
 * is parsed. Anything unusual (a cut inside a quoted cell, a problem in
 * the changed rows, a header change) takes the full parse, which reports
 * exactly as before. */
typedef struct splice {
	size_t keep_head;        /* old rows [0, keep_head) kept */
	size_t keep_tail;        /* old rows [keep_tail, nrows) kept */
	size_t cut_a, cut_b;     /* the changed text in the new version */
} splice;

static size_t common_prefix(const buf *a, const buf *b)
{
	size_t n = a->len < b->len ? a->len : b->len, i = 0;
	while (i < n && a->ptr[i] == b->ptr[i])
		i++;
	return i;
}

static size_t common_suffix(const buf *a, const buf *b, size_t limit)
{
	size_t i = 0;
	while (i < limit && a->ptr[a->len - 1 - i] == b->ptr[b->len - 1 - i])
		i++;
	return i;
}

static bool is_eol(char c)
{
	return c == '\n' || c == '\r';
}

/* Where old row i starts: after the row before it (rows left out of the
 * state lie in between, and are left out again) or after the header. */
static size_t row_start(const tstate *o, size_t i)
{
	return i ? o->rows[i - 1].end : o->header_end;
}

/* Where the old rows stop matching the new text; false when no cut at row
 * ends keeps the header. */
static bool find_splice(const tstate *o, const buf *nw, splice *sp)
{
	const buf *old = &o->raw;
	size_t pre = common_prefix(old, nw);
	size_t room = (old->len < nw->len ? old->len : nw->len) - pre;
	size_t suf = common_suffix(old, nw, room);
	if (!o->header_end || pre < o->header_end)
		return false;
	size_t k = 0;
	while (k < o->nrows && o->rows[k].end <= pre)
		k++;
	size_t cut_a = row_start(o, k), m = o->nrows;
	while (m > k && row_start(o, m - 1) >= old->len - suf)
		m--;
	size_t old_b = m < o->nrows ? row_start(o, m) : old->len;
	if (old_b < cut_a || !is_eol(old->ptr[cut_a - 1]))
		return false;
	size_t cut_b = old_b + nw->len - old->len;
	if (m < o->nrows && (cut_b < cut_a || !is_eol(nw->ptr[cut_b - 1])))
		return false;
	*sp = (splice){ k, m, cut_a, cut_b };
	return true;
}

static void copy_rows(const tstate *o, size_t from, size_t to, size_t shift,
		      tstate *t)
{
	for (size_t i = from; i < to; i++) {
		trow *row = &t->rows[t->nrows++];
		*row = o->rows[i];
		row->end += shift;
		row->vals = xmalloc(t->ncols * sizeof *row->vals);
		memcpy(row->vals, o->rows[i].vals, t->ncols * sizeof *row->vals);
	}
}

/* Build the new state from the old rows and the re-parsed middle; false
 * (nothing made) when the short way does not apply. */
static bool read_spliced(hist *h, const tstate *o, const char *path,
			 const buf *nw, tstate *t)
{
	splice sp;
	if (!o->raw.len || !find_splice(o, nw, &sp))
		return false;
	diag *scratch = diag_new();
	table *mid = table_parse_rows(path, nw->ptr + sp.cut_a,
				      sp.cut_b - sp.cut_a, 1, scratch);
	long idcol = col_index(o, "id");
	bool ok = mid && !diag_count(scratch) && idcol >= 0;
	for (size_t i = 0; ok && i < mid->nrows; i++)
		ok = mid->rows[i].ncells == o->ncols;
	diag_free(scratch);
	if (ok) {
		t->ncols = o->ncols;
		t->cols = xmalloc(t->ncols * sizeof *t->cols);
		memcpy(t->cols, o->cols, t->ncols * sizeof *t->cols);
		t->rows = xcalloc(sp.keep_head + mid->nrows +
				  (o->nrows - sp.keep_tail) + 1, sizeof *t->rows);
		copy_rows(o, 0, sp.keep_head, 0, t);
		add_rows(h, mid, idcol, sp.cut_a, t);
		copy_rows(o, sp.keep_tail, o->nrows, nw->len - o->raw.len, t);
		buf_put(&t->raw, nw->ptr, nw->len);
		t->header_end = o->header_end;
		tstate_index(t);
	}
	table_free(mid);
	return ok;
}

static int read_table(hist *h, const tstate *old, const repo_change *c,
		      tstate *out, diag *d)
{
	const buf *data = version_of(h, c);
	if (data && read_spliced(h, old, c->path, data, out))
		return 0;
	diag *scratch = diag_new();
	table *tb = NULL;
	if (data)
		tb = table_parse(c->path, data->ptr, data->len, scratch);
	long idcol = tb ? table_column(tb, "id") : -1;
	if (tb && idcol < 0)
		diag_error(scratch, c->path, 1, 1, "no 'id' column");
	int rc = tb && !diag_errors(scratch) ? 0 : -1;
	if (rc == 0)
		tstate_from_table(h, tb, idcol, data, out);
	else if (data)
		warn_version(h, c->path, scratch, d);
	table_free(tb);
	diag_free(scratch);
	return rc;
}


static const char *cell(const tstate *t, const trow *r, const char *col)
{
	long c = r ? col_index(t, col) : -1;
	return c >= 0 ? r->vals[c] : "";
}

/* The task a record belongs to. */
static const char *task_of(int ti, const tstate *t, const trow *r)
{
	return ti == T_TASKS ? r->id : ti == T_METRICS ? cell(t, r, "task") : "";
}

static void record_removed(hist *h, const tstate *t, const trow *r)
{
	hist_removed *x = GROW(h->removed, h->n_removed, h->cap_removed);
	*x = (hist_removed){ .id = r->id, .commit = h->n_commits - 1,
			     .n = t->ncols };
	x->cols = arena_alloc(h->a, t->ncols * sizeof *x->cols);
	x->vals = arena_alloc(h->a, t->ncols * sizeof *x->vals);
	memcpy(x->cols, t->cols, t->ncols * sizeof *x->cols);
	memcpy(x->vals, r->vals, t->ncols * sizeof *x->vals);
}

static void diff_row(hist *h, int ti, const tstate *o, const trow *orow,
		     const tstate *nw, const trow *nrow)
{
	const char *name = table_names[ti], *tid = task_of(ti, nw, nrow);
	for (size_t c = 0; c < nw->ncols; c++) {
		const char *ov = cell(o, orow, nw->cols[c]);
		if (strcmp(ov, nrow->vals[c]))
			add_event(h, HIST_CHANGED, name, nrow->id, tid,
				  nw->cols[c], ov, nrow->vals[c]);
	}
	for (size_t c = 0; c < o->ncols; c++)
		if (col_index(nw, o->cols[c]) < 0 && *orow->vals[c])
			add_event(h, HIST_CHANGED, name, nrow->id, tid,
				  o->cols[c], orow->vals[c], "");
}

static void diff_tables(hist *h, int ti, const tstate *o, const tstate *nw)
{
	const char *name = table_names[ti];
	/* Values are interned, so under the same columns a row whose value
	 * pointers equal its old version's is unchanged: most rows of a new
	 * version are, and skip the field by field comparison. */
	bool same_cols = o->ncols == nw->ncols && o->ncols &&
			 !memcmp(o->cols, nw->cols, o->ncols * sizeof *o->cols);
	for (size_t i = 0; i < nw->nrows; i++) {
		const trow *r = &nw->rows[i], *orow = smap_get(&o->ids, r->id);
		if (smap_get(&nw->ids, r->id) != r)
			continue; /* a duplicate id: only the first row counts */
		if (orow && same_cols &&
		    !memcmp(orow->vals, r->vals, nw->ncols * sizeof *r->vals))
			continue;
		if (orow)
			diff_row(h, ti, o, orow, nw, r);
		else
			add_event(h, HIST_ADDED, name, r->id, task_of(ti, nw, r),
				  "", "", "");
	}
	for (size_t i = 0; i < o->nrows; i++) {
		const trow *r = &o->rows[i];
		if (smap_get(&o->ids, r->id) != r || smap_get(&nw->ids, r->id))
			continue;
		add_event(h, HIST_REMOVED, name, r->id, task_of(ti, o, r), "",
			  "", "");
		if (ti == T_TASKS)
			record_removed(h, o, r);
	}
}

static void table_version(hist *h, int ti, const repo_change *c, diag *d)
{
	tstate nw = { 0 };
	if (c->new_blob && read_table(h, &h->tables[ti], c, &nw, d) != 0)
		return;
	diff_tables(h, ti, &h->tables[ti], &nw);
	tstate_free(&h->tables[ti]);
	h->tables[ti] = nw;
}

/* ---- progress reports -------------------------------------------------- */

static void pstate_free(pstate *p)
{
	if (!p)
		return;
	free(p->keys);
	free(p->vals);
	free(p);
}

static void pstate_add(hist *h, pstate *p, const char *key, const char *val)
{
	p->keys = xrealloc(p->keys, (p->n + 1) * sizeof *p->keys);
	p->vals = xrealloc(p->vals, (p->n + 1) * sizeof *p->vals);
	p->keys[p->n] = intern(h, key);
	p->vals[p->n++] = intern(h, val);
}

static const char *yscalar(const ynode *n)
{
	return n && n->kind == YNODE_SCALAR && !ydoc_is_null(n) ? n->value : "";
}

/* The structured keys of a report, flattened. */
static void report_fields(hist *h, pstate *p, const ynode *fm)
{
	static const char *const keys[] = { "status", "as_of", "progress",
					     "reported_by" };
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
		if (*yscalar(ydoc_get(fm, keys[i])))
			pstate_add(h, p, keys[i], yscalar(ydoc_get(fm, keys[i])));
	const ynode *mt = ydoc_get(fm, "metrics");
	for (size_t i = 0; mt && mt->kind == YNODE_MAP && i < mt->n; i++) {
		buf k = BUF_INIT;
		buf_printf(&k, "metrics.%s", mt->keys[i]->value);
		pstate_add(h, p, k.ptr, yscalar(mt->items[i]));
		buf_free(&k);
	}
}

/* Parse one version of a report; structured keys only in Chinese. */
static pstate *parse_report(hist *h, const char *path, const char *text,
			    size_t len, bool zh, diag *scratch)
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
	pstate *p = NULL;
	if (zh && (!fm || fm->kind != YNODE_MAP)) {
		diag_error(scratch, path, 2, 1, "front matter is not a mapping");
	} else {
		p = xcalloc(1, sizeof *p);
		if (zh)
			report_fields(h, p, fm);
		p->narrative = intern(h, body);
	}
	arena_free(tmp);
	return p;
}

static const char *pvalue(const pstate *p, const char *key)
{
	for (size_t i = 0; p && i < p->n; i++)
		if (!strcmp(p->keys[i], key))
			return p->vals[i];
	return "";
}

/* Adding or removing a report also gives one event per key (from or to
 * ""), so replaying "status" events alone yields the status at any time. */
static void diff_reports(hist *h, const char *tid, const char *lang,
			 const pstate *o, const pstate *nw)
{
	/* The report exists while its Chinese file does; the English file
	 * only translates the narrative. */
	if (!o != !nw && !strcmp(lang, "zh"))
		add_event(h, o ? HIST_REMOVED : HIST_ADDED, "progress", tid, tid,
			  "", "", "");
	for (size_t i = 0; nw && i < nw->n; i++)
		if (strcmp(pvalue(o, nw->keys[i]), nw->vals[i]))
			add_event(h, HIST_CHANGED, "progress", tid, tid,
				  nw->keys[i], pvalue(o, nw->keys[i]), nw->vals[i]);
	for (size_t i = 0; o && i < o->n; i++)
		if (!*pvalue(nw, o->keys[i]))
			add_event(h, HIST_CHANGED, "progress", tid, tid,
				  o->keys[i], o->vals[i], "");
	const char *on = o ? o->narrative : "", *nn = nw ? nw->narrative : "";
	if (strcmp(on, nn)) {
		buf f = BUF_INIT;
		buf_printf(&f, "narrative.%s", lang);
		add_event(h, HIST_CHANGED, "progress", tid, tid, f.ptr, on, nn);
		buf_free(&f);
	}
}

static void progress_version(hist *h, const repo_change *c, const char *tid,
			     const char *lang, diag *d)
{
	pstate *nw = NULL;
	if (c->new_blob) {
		const buf *data = version_of(h, c);
		diag *scratch = diag_new();
		if (data && !(nw = parse_report(h, c->path, data->ptr, data->len,
						!strcmp(lang, "zh"), scratch)))
			warn_version(h, c->path, scratch, d);
		diag_free(scratch);
		if (!nw)
			return;
	}
	const char *path = intern(h, c->path);
	pstate *o = smap_get(&h->progress, path);
	diff_reports(h, tid, lang, o, nw);
	pstate_free(o);
	smap_put(&h->progress, path, nw);
}

/* ---- one commit -------------------------------------------------------- */

/* "progress/<id>.<lang>.md" → id and lang (in `a`); false otherwise. */
static bool progress_name(const char *path, arena *a, const char **id,
			  const char **lang)
{
	size_t n = strlen(path);
	if (strncmp(path, "progress/", 9) || strchr(path + 9, '/') || n < 16 ||
	    strcmp(path + n - 3, ".md") || path[n - 6] != '.')
		return false;
	*lang = arena_strndup(a, path + n - 5, 2);
	*id = arena_strndup(a, path + 9, n - 6 - 9);
	return (!strcmp(*lang, "zh") || !strcmp(*lang, "en")) && text_is_id(*id);
}

static int table_of(const char *path)
{
	for (int t = 0; t < N_TABLES; t++)
		if (!strcmp(path, table_files[t]))
			return t;
	return -1;
}

/* Files whose versions are parsed: fetch reads their content. A path
 * that progress_name then refuses costs one needless read, no more. */
static bool wants_content(const char *path)
{
	size_t n = strlen(path);
	return table_of(path) >= 0 ||
	       (!strncmp(path, "progress/", 9) && n > 3 &&
		!strcmp(path + n - 3, ".md"));
}

/* Files that get a per-file event (no field diff). */
static bool is_tracked_file(const char *path)
{
	return !strncmp(path, "plan/", 5) || !strcmp(path, "site.yaml") ||
	       !strcmp(path, "glossary.csv") || !strncmp(path, "NOTES", 5);
}

static void file_version(hist *h, const repo_change *c)
{
	hist_kind k = !c->old_blob ? HIST_ADDED : !c->new_blob ? HIST_REMOVED
							       : HIST_CHANGED;
	add_event(h, k, "file", c->path, "", "", "", "");
}

static void apply_change(hist *h, const repo_change *c, arena *tmp, diag *d)
{
	smap_put(&h->updated, intern(h, c->path),
		 (void *)(uintptr_t)h->n_commits);
	const char *id, *lang;
	int t = table_of(c->path);
	if (t >= 0)
		table_version(h, t, c, d);
	else if (progress_name(c->path, tmp, &id, &lang))
		progress_version(h, c, id, lang, d);
	else if (is_tracked_file(c->path))
		file_version(h, c);
}

/* A report moved unchanged (same blob removed under one name and added
 * under another) is one event, and its parsed state moves with it. */
static bool apply_rename(hist *h, const repo_change *from,
			 const repo_change *to, arena *tmp)
{
	const char *oid, *olang, *nid, *nlang;
	if (!progress_name(from->path, tmp, &oid, &olang) ||
	    !progress_name(to->path, tmp, &nid, &nlang) || strcmp(olang, nlang))
		return false;
	const char *op = intern(h, from->path), *np = intern(h, to->path);
	pstate *p = smap_get(&h->progress, op);
	if (!p)
		return false; /* the old version was never read: not a move */
	smap_put(&h->progress, op, NULL);
	pstate_free(smap_put(&h->progress, np, p));
	add_event(h, HIST_RENAMED, "progress", nid, nid, "file", op, np);
	smap_put(&h->updated, op, (void *)(uintptr_t)h->n_commits);
	smap_put(&h->updated, np, (void *)(uintptr_t)h->n_commits);
	return true;
}

/* Pair each removed file with the first added one of the same blob that
 * makes a move. The added files are looked up by blob: a commit may add
 * or remove tens of thousands of files. */
static void pair_renames(hist *h, const repo_change *ch, size_t n,
			 arena *tmp, bool *done)
{
	smap first = SMAP_INIT;                    /* blob → added index + 1 */
	size_t *next = xcalloc(n, sizeof *next);   /* same blob, next added */
	for (size_t j = n; j-- > 0;)
		if (!ch[j].old_blob)
			next[j] = (uintptr_t)smap_put(&first, ch[j].new_blob,
						      (void *)(uintptr_t)(j + 1));
	for (size_t i = 0; i < n; i++) {
		if (!ch[i].old_blob || ch[i].new_blob)
			continue;
		uintptr_t k = (uintptr_t)smap_get(&first, ch[i].old_blob);
		for (; k && !done[i]; k = next[k - 1])
			if (!done[k - 1] && apply_rename(h, &ch[i], &ch[k - 1], tmp))
				done[i] = done[k - 1] = true;
	}
	free(next);
	smap_free(&first);
}

static void apply_changes(hist *h, const repo_change *ch, size_t n, arena *tmp,
			  diag *d)
{
	bool *done = xcalloc(n, sizeof *done);
	pair_renames(h, ch, n, tmp, done);
	for (size_t i = 0; i < n; i++)
		if (!done[i])
			apply_change(h, &ch[i], tmp, d);
	free(done);
}

/* Could part of the commit not be read from git (fetch warned which)? */
static bool read_in_part(const fetch_commit *fc)
{
	if (fc->rc != 0 || (fc->n && !fc->has_info))
		return true;
	for (size_t i = 0; i < fc->n; i++)
		if (fc->changes[i].new_blob && wants_content(fc->changes[i].path) &&
		    !fc->blob_ok[i])
			return true;
	return false;
}

/* A commit that touches nothing under content is no part of its history:
 * it gets no entry at all (fetch read no details for it). */
static void walk_commit(hist *h, const fetch_commit *fc, diag *d)
{
	h->stats.commits_walked++;
	h->info.incomplete |= read_in_part(fc);
	if (fc->has_info) {
		const repo_commit *c = &fc->info;
		*GROW(h->commits, h->n_commits, h->cap_commits) = (hist_commit){
			intern(h, c->id), intern(h, c->summary),
			intern(h, c->author), c->time, c->offset_min };
		arena *tmp = arena_new();
		h->fetched = fc;
		apply_changes(h, fc->changes, fc->n, tmp, d);
		h->fetched = NULL;
		arena_free(tmp);
	}
	h->head = intern(h, fc->id);
}

/* ---- cache ------------------------------------------------------------- */

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

static void save_state(const hist *h, bin_writer *w)
{
	for (int t = 0; t < N_TABLES; t++) {
		const tstate *ts = &h->tables[t];
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
	const smap *pm = &h->progress;
	for (size_t pass = 0, count = 0; pass < 2; pass++) {
		if (pass)
			bin_put_u(w, count);
		for (size_t i = 0; i < pm->cap; i++) {
			const pstate *p = pm->keys[i] ? pm->vals[i] : NULL;
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
static void cache_save(const hist *h, const char *cache_dir, diag *d)
{
	bin_writer w = BIN_WRITER_INIT;
	save_header(h, &w);
	save_events(h, &w);
	save_state(h, &w);
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
		hist_commit *c = GROW(h->commits, h->n_commits, h->cap_commits);
		c->id = bin_get_s(r);
		c->summary = bin_get_s(r);
		c->author = bin_get_s(r);
		c->time = bin_get_i(r);
		c->offset_min = (int)bin_get_i(r);
	}
	n = bin_get_count(r);
	for (size_t i = 0; i < n && !r->bad; i++) {
		hist_change *c = GROW(h->changes, h->n_changes, h->cap_changes);
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
		hist_removed *x = GROW(h->removed, h->n_removed, h->cap_removed);
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
	for (int t = 0; t < N_TABLES && !r->bad; t++) {
		tstate *ts = &h->tables[t];
		ts->ncols = bin_get_count(r);
		ts->cols = xcalloc(ts->ncols + 1, sizeof *ts->cols);
		for (size_t c = 0; c < ts->ncols; c++)
			ts->cols[c] = bin_get_s(r);
		size_t n = bin_get_count(r);
		ts->rows = xcalloc(n + 1, sizeof *ts->rows);
		for (size_t i = 0; i < n && !r->bad; i++, ts->nrows++) {
			trow *row = &ts->rows[i];
			row->id = bin_get_s(r);
			row->vals = xcalloc(ts->ncols + 1, sizeof *row->vals);
			for (size_t c = 0; c < ts->ncols; c++)
				row->vals[c] = bin_get_s(r);
		}
		tstate_index(ts);
	}
}

static void load_files(hist *h, bin_reader *r)
{
	size_t n = bin_get_count(r);
	for (size_t i = 0; i < n && !r->bad; i++) {
		const char *path = bin_get_s(r);
		pstate *p = xcalloc(1, sizeof *p);
		size_t k = bin_get_count(r);
		p->keys = xcalloc(k + 1, sizeof *p->keys);
		p->vals = xcalloc(k + 1, sizeof *p->vals);
		for (; p->n < k; p->n++) {
			p->keys[p->n] = bin_get_s(r);
			p->vals[p->n] = bin_get_s(r);
		}
		p->narrative = bin_get_s(r);
		pstate_free(smap_put(&h->progress, path, p));
	}
	n = bin_get_count(r);
	for (size_t i = 0; i < n && !r->bad; i++) {
		const char *path = bin_get_s(r);
		uint64_t c = bin_get_u(r);
		r->bad |= c == 0 || c > h->n_commits;
		smap_put(&h->updated, path, (void *)(uintptr_t)c);
	}
}

static void reset_state(hist *h)
{
	for (int t = 0; t < N_TABLES; t++)
		tstate_free(&h->tables[t]);
	for (size_t i = 0; i < h->progress.cap; i++)
		if (h->progress.keys[i])
			pstate_free(h->progress.vals[i]);
	smap_free(&h->progress);
	smap_free(&h->updated);
	h->n_commits = h->n_changes = h->n_removed = 0;
	h->head = h->oldest = "";
	h->info.truncated = false;
}

/* Read the cache file and check its header. Returns the cached head
 * commit, or NULL when there is no usable cache. */
static const char *cache_open(hist *h, const char *cache_dir, bin_reader *r)
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
		  bin_get_u(r) == size && bin_get_u(r) == hash;
	const char *head = bin_get_s(r);
	h->oldest = bin_get_s(r);
	h->info.truncated = bin_get_u(r) != 0;
	/* A shallow clone's history, once the clone is made whole, would
	 * stay short and keep its advice to unshallow. */
	ok &= !h->info.truncated || repo_is_shallow(h->r);
	return ok && !r->bad && *head ? head : NULL;
}

/* Load everything after the header. On damage, start from nothing. */
static bool cache_load(hist *h, bin_reader *r, const char *head)
{
	load_events(h, r);
	load_tables(h, r);
	load_files(h, r);
	if (!bin_done(r)) {
		reset_state(h);
		return false;
	}
	h->head = head;
	h->stats.commits_cached = h->n_commits;
	return true;
}

/* ---- after the walk ---------------------------------------------------- */

static void index_add(hist *h, smap *m, const char *key, size_t i)
{
	idxlist *l = smap_get(m, key);
	if (!l)
		smap_put(m, key, l = arena_alloc(h->a, sizeof *l));
	*GROW(l->v, l->n, l->cap) = i;
}

/* Indexes are built from the events (cached or new), newest first. */
static void build_indexes(hist *h)
{
	arena *tmp = arena_new();
	buf key = BUF_INIT;
	for (size_t i = h->n_changes; i-- > 0;) {
		const hist_change *c = &h->changes[i];
		buf_clear(&key);
		buf_printf(&key, "%s\x1f%s", c->table, c->record);
		index_add(h, &h->by_record, intern(h, key.ptr), i);
		const char *old_task, *lang;
		if (*c->task)
			index_add(h, &h->by_task, c->task, i);
		if (c->kind == HIST_RENAMED &&
		    progress_name(c->old_value, tmp, &old_task, &lang) &&
		    strcmp(old_task, c->task))
			index_add(h, &h->by_task, intern(h, old_task), i);
		if (c->kind == HIST_CHANGED && !strcmp(c->table, "metrics") &&
		    (!strcmp(c->field, "target") || !strcmp(c->field, "target_max")))
			smap_put(&h->revised, c->record, (void *)c);
	}
	buf_free(&key);
	arena_free(tmp);
}

/* Removed tasks that were not added back, each with its last removal. */
static void collect_gone(hist *h)
{
	smap last = SMAP_INIT;
	for (size_t i = 0; i < h->n_removed; i++)
		smap_put(&last, h->removed[i].id, &h->removed[i]);
	h->gone = xcalloc(h->n_removed + 1, sizeof *h->gone);
	for (size_t i = 0; i < h->n_removed; i++)
		if (smap_get(&last, h->removed[i].id) == &h->removed[i] &&
		    !smap_get(&h->tables[T_TASKS].ids, h->removed[i].id))
			h->gone[h->n_gone++] = h->removed[i];
	smap_free(&last);
}

static int month_of(long long t, int offset_min)
{
	time_t s = (time_t)(t + offset_min * 60LL);
	struct tm tm;
	gmtime_r(&s, &tm);
	return (tm.tm_year + 1900) * 12 + tm.tm_mon;
}

typedef struct replay {
	smap live;               /* task id → non-NULL while in tasks.csv */
	smap status;             /* task id → status name ("" none) */
} replay;

static void replay_change(hist *h, replay *rp, const hist_change *c,
			  arena *tmp)
{
	const char *old, *lang;
	if (!strcmp(c->table, "tasks") && c->kind != HIST_CHANGED)
		smap_put(&rp->live, c->record,
			 c->kind == HIST_ADDED ? (void *)c : NULL);
	else if (!strcmp(c->table, "progress") && !strcmp(c->field, "status"))
		smap_put(&rp->status, c->record, (void *)c->new_value);
	else if (c->kind == HIST_RENAMED &&
		 progress_name(c->old_value, tmp, &old, &lang) &&
		 !strcmp(lang, "zh")) {
		old = intern(h, old);
		void *st = smap_get(&rp->status, old);
		smap_put(&rp->status, old, NULL);
		smap_put(&rp->status, c->record, st);
	}
}

static void count_month(hist *h, const replay *rp, int month)
{
	hist_month *m = GROW(h->months, h->n_months, h->cap_months);
	*m = (hist_month){ .year = month / 12, .month = month % 12 + 1 };
	for (size_t i = 0; i < rp->live.cap; i++) {
		if (!rp->live.keys[i] || !rp->live.vals[i])
			continue;
		const char *st = smap_get(&rp->status, rp->live.keys[i]);
		m->counts[st ? model_status_parse(st) : STATUS_NONE]++;
	}
}

static void status_by_month(hist *h, int offset_min)
{
	if (!h->n_commits)
		return;
	replay rp = { SMAP_INIT, SMAP_INIT };
	arena *tmp = arena_new();
	int month = month_of(h->commits[0].time, offset_min);
	for (size_t i = 0, k = 0; i < h->n_commits; i++) {
		int m = month_of(h->commits[i].time, offset_min);
		for (; month < m; month++)
			count_month(h, &rp, month);
		for (; k < h->n_changes && h->changes[k].commit == i; k++)
			replay_change(h, &rp, &h->changes[k], tmp);
	}
	count_month(h, &rp, month);
	arena_free(tmp);
	smap_free(&rp.live);
	smap_free(&rp.status);
}

/* ---- loading ----------------------------------------------------------- */

/* Shallow-clone advice only for a shallow clone: for a damaged chain
 * repo_first_parents said what is missing. */
static void warn_walk(hist *h, repo_walk_end end, size_t n, diag *d)
{
	if (end == REPO_WALK_DAMAGED || end == REPO_WALK_ERROR) {
		h->info.truncated = end == REPO_WALK_DAMAGED;
		h->info.incomplete = true;
	} else if (end == REPO_WALK_TRUNCATED || h->info.truncated) {
		h->info.truncated = true;
		diag_warn(d, h->content_dir, 0, 0, "history is truncated (shallow "
			  "clone): it starts at commit %.7s; fetch the full "
			  "history (git fetch --unshallow) to show all of it",
			  h->oldest);
	} else if (end == REPO_WALK_ROOT && !n && !*h->head) {
		diag_warn(d, h->content_dir, 0, 0, "history: the repository has "
			  "no commits yet; pages show no history");
	}
}

/* Walk the commits HEAD has beyond the cache (all of them without one). */
static void walk(hist *h, const char *cache_dir, diag *d)
{
	bin_reader br = { 0 };
	const char *cached = cache_dir ? cache_open(h, cache_dir, &br) : NULL;
	const char **ids;
	size_t n;
	repo_walk_end end = repo_first_parents(h->r, cached, h->a, &ids, &n, d);
	h->stats.cache_hit = end == REPO_WALK_STOPPED && cache_load(h, &br, cached);
	bin_close(&br);
	if (!h->stats.cache_hit) {
		reset_state(h);
		buf_clear(&h->cache);
		if (end == REPO_WALK_STOPPED) { /* cache damaged: start over */
			free(ids);
			end = repo_first_parents(h->r, NULL, h->a, &ids, &n, d);
		}
		h->oldest = n ? ids[0] : "";
	}
	fetch *f = fetch_start(h->r, ids, n, h->stats.cache_hit ? cached : NULL,
			       wants_content, d);
	for (fetch_commit *fc; (fc = fetch_next(f)); fetch_commit_free(fc))
		walk_commit(h, fc, d);
	fetch_finish(f);
	free(ids);
	warn_walk(h, end, n, d);
	/* A history with parts left unread is not kept: the next build
	 * reports the damage again, and once it is repaired reads them. */
	if (cache_dir && (n || !h->stats.cache_hit) && !h->info.incomplete)
		cache_save(h, cache_dir, d);
}

static void load_snapshots(hist *h, const model *m, diag *d)
{
	repo_tag *tags = NULL;
	if (!m || !*m->site.snapshot_tags ||
	    repo_tags(h->r, m->site.snapshot_tags, h->a, &tags, &h->n_snaps, d))
		h->n_snaps = 0;
	h->snaps = xcalloc(h->n_snaps + 1, sizeof *h->snaps);
	for (size_t i = 0; i < h->n_snaps; i++)
		h->snaps[i] = (hist_snapshot){ tags[i].name, tags[i].commit,
					       tags[i].time, tags[i].offset_min };
	free(tags);
}

hist *hist_load(const char *content_dir, const model *m,
		const char *cache_dir, diag *d)
{
	hist *h = xcalloc(1, sizeof *h);
	h->a = arena_new();
	h->content_dir = arena_strdup(h->a, content_dir);
	h->head = h->oldest = "";
	bool missing;
	h->r = repo_open(content_dir, d, &missing);
	if (missing)
		diag_warn(d, content_dir, 0, 0, "history: the content folder is "
			  "not in a git repository; pages show no history");
	if (h->r) {
		h->info.git = true;
		walk(h, cache_dir, d);
		if (repo_has_uncommitted(h->r, d)) {
			h->info.dirty = true;
			diag_warn(d, content_dir, 0, 0, "history: the content folder "
				  "includes uncommitted changes; the site shows "
				  "them, but its history ends at the last commit");
		}
		load_snapshots(h, m, d);
	}
	build_indexes(h);
	collect_gone(h);
	status_by_month(h, m ? m->site.utc_offset_min : 0);
	return h;
}

static void free_index(smap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		if (m->keys[i])
			free(((idxlist *)m->vals[i])->v);
	smap_free(m);
}

void hist_free(hist *h)
{
	if (!h)
		return;
	reset_state(h);
	free_index(&h->by_record);
	free_index(&h->by_task);
	smap_free(&h->revised);
	smap_free(&h->interned);
	free(h->commits);
	free(h->changes);
	free(h->removed);
	free(h->gone);
	free(h->months);
	free(h->snaps);
	buf_free(&h->cache);
	repo_free(h->r);
	arena_free(h->a);
	free(h);
}

/* ---- queries ----------------------------------------------------------- */

hist_info hist_get_info(const hist *h) { return h->info; }
hist_stats hist_get_stats(const hist *h) { return h->stats; }

const hist_commit *hist_commits(const hist *h, size_t *n)
{
	*n = h->n_commits;
	return h->commits;
}

const hist_change *hist_changes(const hist *h, size_t *n)
{
	*n = h->n_changes;
	return h->changes;
}

static const size_t *list_of(const smap *m, const char *key, size_t *n)
{
	const idxlist *l = smap_get(m, key);
	*n = l ? l->n : 0;
	return l ? l->v : NULL;
}

const size_t *hist_record_changes(const hist *h, const char *tbl,
				  const char *id, size_t *n)
{
	buf key = BUF_INIT;
	buf_printf(&key, "%s\x1f%s", tbl, id);
	const size_t *v = list_of(&h->by_record, key.ptr, n);
	buf_free(&key);
	return v;
}

const size_t *hist_task_changes(const hist *h, const char *task_id,
				size_t *n)
{
	return list_of(&h->by_task, task_id, n);
}

const hist_commit *hist_record_updated(const hist *h, const char *tbl,
				       const char *id)
{
	size_t n;
	const size_t *v = hist_record_changes(h, tbl, id, &n);
	return n ? &h->commits[h->changes[v[0]].commit] : NULL;
}

const hist_commit *hist_file_updated(const hist *h, const char *relpath)
{
	uintptr_t c = (uintptr_t)smap_get(&h->updated, relpath);
	return c ? &h->commits[c - 1] : NULL;
}

const hist_removed *hist_removed_tasks(const hist *h, size_t *n)
{
	*n = h->n_gone;
	return h->gone;
}

bool hist_metric_revised(const hist *h, const char *metric_id)
{
	return smap_get(&h->revised, metric_id) != NULL;
}

size_t hist_revised_count(const hist *h)
{
	return h->revised.n;
}

const hist_month *hist_status_by_month(const hist *h, size_t *n)
{
	*n = h->n_months;
	return h->months;
}

const hist_snapshot *hist_snapshots(const hist *h, size_t *n)
{
	*n = h->n_snaps;
	return h->snaps;
}

int hist_snapshot_write(hist *h, size_t i, const char *dir, diag *d)
{
	return i < h->n_snaps ? repo_write_content(h->r, h->snaps[i].commit, dir, d)
			      : -1;
}
