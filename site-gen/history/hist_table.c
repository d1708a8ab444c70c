/* hist_table.c - the versions of the CSV tables whose records are diffed
 * field by field (hist_int.h). */
#include "hist_int.h"
#include "table.h"

#include <stdlib.h>
#include <string.h>

static const char *const table_names[HIST_N_TABLES] = {
	"tasks", "metrics", "units", "sections" };
static const char *const table_files[HIST_N_TABLES] = {
	"tasks.csv", "metrics.csv", "units.csv", "sections.csv" };

int hist_table_of(const char *path)
{
	for (int t = 0; t < HIST_N_TABLES; t++)
		if (!strcmp(path, table_files[t]))
			return t;
	return -1;
}

/* ---- parsed states ----------------------------------------------------- */

void hist_table_free(hist_tstate *t)
{
	for (size_t i = 0; i < t->nrows; i++)
		free(t->rows[i].vals);
	free(t->rows);
	free(t->cols);
	smap_free(&t->ids);
	buf_free(&t->raw);
	*t = (hist_tstate){ 0 };
}

void hist_table_index(hist_tstate *t)
{
	for (size_t i = 0; i < t->nrows; i++)
		if (!smap_get(&t->ids, t->rows[i].id))
			smap_put(&t->ids, t->rows[i].id, &t->rows[i]);
}

/* Append tb's rows that have every column and an id, their ends moved
 * by `shift`. */
static void add_rows(hist *h, const table *tb, long idcol, size_t shift,
		     hist_tstate *t)
{
	for (size_t i = 0; i < tb->nrows; i++) {
		const table_row *r = &tb->rows[i];
		if (r->ncells != t->ncols || !*r->cells[idcol].text)
			continue;
		hist_trow *row = &t->rows[t->nrows++];
		row->id = hist_intern(h, r->cells[idcol].text);
		row->end = r->end + shift;
		row->vals = xcalloc(t->ncols, sizeof *row->vals);
		for (size_t c = 0; c < t->ncols; c++)
			row->vals[c] = hist_intern(h, r->cells[c].text);
	}
}

static void tstate_from_table(hist *h, const table *tb, long idcol,
			      const buf *raw, hist_tstate *t)
{
	t->ncols = tb->ncols;
	t->cols = xcalloc(t->ncols, sizeof *t->cols);
	for (size_t c = 0; c < t->ncols; c++)
		t->cols[c] = hist_intern(h, tb->header[c].text);
	t->rows = xcalloc(tb->nrows ? tb->nrows : 1, sizeof *t->rows);
	add_rows(h, tb, idcol, 0, t);
	buf_put(&t->raw, raw->ptr, raw->len);
	t->header_end = tb->header_end;
	hist_table_index(t);
}

static long col_index(const hist_tstate *t, const char *name)
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
static size_t row_start(const hist_tstate *o, size_t i)
{
	return i ? o->rows[i - 1].end : o->header_end;
}

/* Where the old rows stop matching the new text; false when no cut at row
 * ends keeps the header. */
static bool find_splice(const hist_tstate *o, const buf *nw, splice *sp)
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

static void copy_rows(const hist_tstate *o, size_t from, size_t to,
		      size_t shift, hist_tstate *t)
{
	for (size_t i = from; i < to; i++) {
		hist_trow *row = &t->rows[t->nrows++];
		*row = o->rows[i];
		row->end += shift;
		row->vals = xmalloc(t->ncols * sizeof *row->vals);
		memcpy(row->vals, o->rows[i].vals, t->ncols * sizeof *row->vals);
	}
}

/* Build the new state from the old rows and the re-parsed middle; false
 * (nothing made) when the short way does not apply. */
static bool read_spliced(hist *h, const hist_tstate *o, const char *path,
			 const buf *nw, hist_tstate *t)
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
		hist_table_index(t);
	}
	table_free(mid);
	return ok;
}

static int read_table(hist *h, const hist_tstate *old, const repo_change *c,
		      hist_tstate *out, diag *d)
{
	const buf *data = hist_walk_version_of(h, c);
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
		hist_walk_warn_version(h, c->path, scratch, d);
	table_free(tb);
	diag_free(scratch);
	return rc;
}

static const char *cell(const hist_tstate *t, const hist_trow *r,
			const char *col)
{
	long c = r ? col_index(t, col) : -1;
	return c >= 0 ? r->vals[c] : "";
}

/* The task a record belongs to. */
static const char *task_of(int ti, const hist_tstate *t, const hist_trow *r)
{
	return ti == HIST_T_TASKS ? r->id : ti == HIST_T_METRICS ? cell(t, r, "task") : "";
}

static void record_removed(hist *h, const hist_tstate *t, const hist_trow *r)
{
	hist_removed *x = HIST_GROW(h->removed, h->n_removed, h->cap_removed);
	*x = (hist_removed){ .id = r->id, .commit = h->n_commits - 1,
			     .n = t->ncols };
	x->cols = arena_alloc(h->a, t->ncols * sizeof *x->cols);
	x->vals = arena_alloc(h->a, t->ncols * sizeof *x->vals);
	memcpy(x->cols, t->cols, t->ncols * sizeof *x->cols);
	memcpy(x->vals, r->vals, t->ncols * sizeof *x->vals);
}

static void diff_row(hist *h, int ti, const hist_tstate *o,
		     const hist_trow *orow, const hist_tstate *nw,
		     const hist_trow *nrow)
{
	const char *name = table_names[ti], *tid = task_of(ti, nw, nrow);
	for (size_t c = 0; c < nw->ncols; c++) {
		const char *ov = cell(o, orow, nw->cols[c]);
		if (strcmp(ov, nrow->vals[c]))
			hist_event(h, HIST_CHANGED, name, nrow->id, tid,
				   nw->cols[c], ov, nrow->vals[c]);
	}
	for (size_t c = 0; c < o->ncols; c++)
		if (col_index(nw, o->cols[c]) < 0 && *orow->vals[c])
			hist_event(h, HIST_CHANGED, name, nrow->id, tid,
				   o->cols[c], orow->vals[c], "");
}

static void diff_tables(hist *h, int ti, const hist_tstate *o,
			const hist_tstate *nw)
{
	const char *name = table_names[ti];
	/* Values are interned, so under the same columns a row whose value
	 * pointers equal its old version's is unchanged: most rows of a new
	 * version are, and skip the field by field comparison. */
	bool same_cols = o->ncols == nw->ncols && o->ncols &&
			 !memcmp(o->cols, nw->cols, o->ncols * sizeof *o->cols);
	for (size_t i = 0; i < nw->nrows; i++) {
		const hist_trow *r = &nw->rows[i], *orow = smap_get(&o->ids, r->id);
		if (smap_get(&nw->ids, r->id) != r)
			continue; /* a duplicate id: only the first row counts */
		if (orow && same_cols &&
		    !memcmp(orow->vals, r->vals, nw->ncols * sizeof *r->vals))
			continue;
		if (orow)
			diff_row(h, ti, o, orow, nw, r);
		else
			hist_event(h, HIST_ADDED, name, r->id, task_of(ti, nw, r),
				   "", "", "");
	}
	for (size_t i = 0; i < o->nrows; i++) {
		const hist_trow *r = &o->rows[i];
		if (smap_get(&o->ids, r->id) != r || smap_get(&nw->ids, r->id))
			continue;
		hist_event(h, HIST_REMOVED, name, r->id, task_of(ti, o, r), "",
			   "", "");
		if (ti == HIST_T_TASKS)
			record_removed(h, o, r);
	}
}

void hist_table_version(hist *h, int ti, const repo_change *c, diag *d)
{
	hist_tstate nw = { 0 };
	if (c->new_blob && read_table(h, &h->tables[ti], c, &nw, d) != 0)
		return;
	diff_tables(h, ti, &h->tables[ti], &nw);
	hist_table_free(&h->tables[ti]);
	h->tables[ti] = nw;
}
