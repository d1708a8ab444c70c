/* load_tables.c - the CSV tables of the content folder: the column spec
 * and the rows of each, their id indexes, and the checks across rows. */
#include "arena.h"
#include "buf.h"
#include "load_int.h"
#include "schema.h"
#include "smap.h"
#include "table.h"
#include "text.h"
#include "unorm.h"

#include <stdlib.h>
#include <string.h>

/* A column of the file: one per schema column, or per language. */
typedef struct column {
	const char *name;      /* "text_en" */
	const char *base;      /* per language: "text" */
	unsigned flags;        /* schema.h's; per language, only the source
				  language's column keeps SCHEMA_REQUIRED */
	size_t lang;           /* per language: the language's index */
	schema_type type;
} column;

typedef struct row {
	const char **f;        /* per column; "" when absent */
	loc *at;
	const size_t *first;   /* per schema column: its (first) column */
	loc row_loc;
} row;

static const char *cell(const row *r, size_t s) { return r->f[r->first[s]]; }
static const loc *cell_at(const row *r, size_t s) { return &r->at[r->first[s]]; }

typedef void (*row_fn)(load_ctx *l, const row *r);

typedef struct columns {
	column *v;
	size_t n;
	size_t *first;         /* per schema column */
} columns;

static columns expand_columns(load_ctx *l, const schema_table *st)
{
	const strlist *ls = &l->m->site.languages;
	arena *a = l->m->arena;
	size_t nspec = st->ncols;
	columns c = { arena_alloc(a, nspec * (ls->n + 1) * sizeof *c.v), 0,
		      arena_alloc(a, nspec * sizeof *c.first) };
	for (size_t s = 0; s < nspec; s++) {
		const schema_column *sc = &st->cols[s];
		c.first[s] = c.n;
		if (!(sc->flags & SCHEMA_PER_LANG)) {
			c.v[c.n++] = (column){ sc->name, NULL, sc->flags, 0,
					       sc->type };
			continue;
		}
		for (size_t k = 0; k < l->m->site.n_written; k++) {
			buf name = BUF_INIT;
			buf_printf(&name, "%s_%s", sc->name, ls->v[k]);
			unsigned flags = sc->flags &
				~(k ? (unsigned)SCHEMA_REQUIRED : 0u);
			c.v[c.n++] = (column){ arena_strdup(a, buf_cstr(&name)),
					       sc->name, flags, k, sc->type };
			buf_free(&name);
		}
	}
	return c;
}

/* Is `h` a text column in a language the site does not list ("text_fr")? */
static bool other_language(const columns *cols, const char *h)
{
	for (size_t s = 0; s < cols->n; s++) {
		const char *b = cols->v[s].base;
		size_t n = b ? strlen(b) : 0;
		if (b && cols->v[s].lang == 0 && !strncmp(h, b, n) &&
		    h[n] == '_' && text_is_lang_tag(h + n + 1))
			return true;
	}
	return false;
}

static void unknown_column(load_ctx *l, const table *t, const columns *cols,
			   const table_cell *h)
{
	if (other_language(cols, h->text)) {
		diag_warn(l->d, t->path, h->line, h->col, "column '%s' is in a "
			  "language that site.yaml's 'languages' does not list "
			  "(ignored)", h->text);
		return;
	}
	buf names = BUF_INIT;
	for (size_t i = 0; i < cols->n; i++)
		buf_printf(&names, "%s%s", i ? ", " : "", cols->v[i].name);
	diag_error(l->d, t->path, h->line, h->col,
		   "unknown column '%s' (columns are: %s)", h->text,
		   buf_cstr(&names));
	buf_free(&names);
}

/* Map header cells to the columns; report unknown, duplicate and missing. */
static void map_columns(load_ctx *l, const table *t, const columns *cols,
			long *col_of)
{
	for (size_t s = 0; s < cols->n; s++)
		col_of[s] = -1;
	for (size_t c = 0; c < t->ncols; c++) {
		const table_cell *h = &t->header[c];
		size_t s = 0;
		while (s < cols->n && strcmp(cols->v[s].name, h->text) != 0)
			s++;
		if (s == cols->n)
			unknown_column(l, t, cols, h);
		else if (col_of[s] >= 0)
			diag_error(l->d, t->path, h->line, h->col,
				   "column '%s' appears twice", h->text);
		else
			col_of[s] = (long)c;
	}
	for (size_t s = 0; s < cols->n; s++)
		if (col_of[s] < 0 && (cols->v[s].flags & SCHEMA_REQUIRED)) {
			diag_error(l->d, t->path, 1, 1,
				   "missing required column '%s'", cols->v[s].name);
		}
}

static void check_value(load_ctx *l, const column *col, const char *v,
			const char *source, const loc *at)
{
	if (!*v) {
		if (col->flags & SCHEMA_REQUIRED)
			diag_error(l->d, at->file, at->line, at->col,
				   "missing value for '%s'", col->name);
		else if ((col->flags & SCHEMA_PER_LANG) ? *source != '\0'
			 : (col->flags & SCHEMA_WARN_EMPTY) != 0)
			diag_warn(l->d, at->file, at->line, at->col,
				  "missing translation in '%s'", col->name);
		return;
	}
	if (col->type == SCHEMA_DATE && !text_parse_date(v, NULL))
		diag_error(l->d, at->file, at->line, at->col,
			   "bad date '%s' in '%s' (expected a real date, "
			   "YYYY-MM-DD)", v, col->name);
	if ((col->flags & SCHEMA_KEY) && !text_is_id(v))
		diag_error(l->d, at->file, at->line, at->col,
			   "bad id '%s': ids use only a-z, 0-9 and '-', start "
			   "with a letter or digit, and have at most 64 "
			   "characters", v);
}

static void load_rows(load_ctx *l, const table *t, const char *path,
		      const columns *cols, const long *col_of, row_fn fn)
{
	row r = { .f = xcalloc(cols->n, sizeof *r.f),
		  .at = xcalloc(cols->n, sizeof *r.at), .first = cols->first };
	for (size_t i = 0; i < t->nrows; i++) {
		const table_row *tr = &t->rows[i];
		if (tr->ncells != t->ncols)
			continue; /* already reported; its cells are misaligned */
		r.row_loc = (loc){ path, tr->line, 1 };
		for (size_t s = 0; s < cols->n; s++) {
			const table_cell *c = col_of[s] >= 0 ? &tr->cells[col_of[s]]
							     : NULL;
			r.f[s] = c ? c->text : "";
			r.at[s] = c ? (loc){ path, c->line, c->col } : r.row_loc;
		}
		for (size_t s = 0; s < cols->n; s++) {
			const column *col = &cols->v[s];
			/* A missing column was reported once, not per row. */
			if (col_of[s] >= 0)
				check_value(l, col, r.f[s], r.f[s - col->lang],
					    &r.at[s]);
		}
		fn(l, &r);
	}
	free(r.f);
	free(r.at);
}

static void load_table(load_ctx *l, const schema_table *st, row_fn fn,
		       unsigned which)
{
	const char *path = load_path(l, l->m->content_dir, st->file);
	bool required = which != MODEL_METRICS && which != 0;
	int ok = load_check_file(l, path);
	if (ok == 0 && required)
		diag_error(l->d, path, 0, 0, "required file is missing");
	size_t errors = diag_errors(l->d);
	table *t = ok > 0 ? table_load(path, l->d) : NULL;
	if (diag_errors(l->d) > errors || (ok == 0 && required))
		l->m->incomplete |= which;
	if (!t)
		return;
	columns cols = expand_columns(l, st);
	long *col_of = xcalloc(cols.n, sizeof *col_of);
	/* Rows are loaded even when columns are wrong, so that the records
	 * still exist and references to them do not cascade into errors. */
	map_columns(l, t, &cols, col_of);
	load_rows(l, t, path, &cols, col_of, fn);
	free(col_of);
	table_free(t);
}

/* Split a `|`-separated cell; items keep the cell's position. */
static strlist split_list(load_ctx *l, const char *s, const loc *at,
			  bool ids)
{
	strlist out = { 0 };
	if (!*s)
		return out;
	size_t n = 1;
	for (const char *p = s; *p; p++)
		n += *p == '|';
	out.v = arena_alloc(l->m->arena, n * sizeof *out.v);
	out.locs = arena_alloc(l->m->arena, n * sizeof *out.locs);
	const char *start = s;
	for (size_t i = 0; i < n; i++) {
		const char *end = strchr(start, '|');
		size_t len = end ? (size_t)(end - start) : strlen(start);
		out.v[i] = arena_strndup(l->m->arena, start, len);
		out.locs[i] = *at;
		if (ids && !text_is_id(out.v[i]))
			diag_error(l->d, at->file, at->line, at->col,
				   "bad id '%s' in list", out.v[i]);
		start = end ? end + 1 : start + len;
	}
	out.n = n;
	return out;
}

/* Register an id in an index; a duplicate is an error. */
static bool register_id(load_ctx *l, smap *index, const char *id, const loc *at,
			const loc *(*loc_of)(void *), const char *what)
{
	if (!*id || !text_is_id(id))
		return false;
	void *prev = smap_get(index, id);
	if (prev) {
		const loc *p = loc_of(prev);
		diag_error(l->d, at->file, at->line, at->col,
			   "duplicate %s id '%s' (first defined at line %u)", what,
			   id, p->line);
		return false;
	}
	return true;
}

/* A `|`-separated cell of schema column `s`. */
static strlist cell_list(load_ctx *l, const row *r, size_t s, bool ids)
{
	return split_list(l, cell(r, s), cell_at(r, s), ids);
}

/* The text of per-language schema column `s`, one column per language. */
static ltext keep_text(load_ctx *l, const row *r, size_t s)
{
	ltext t = ltext_new(l->m);
	for (size_t k = 0; k < l->m->site.n_written; k++)
		t.v[k] = load_keep(l, r->f[r->first[s] + k]);
	return t;
}

/* Records are stored in growing arrays; indexes are built after loading,
 * when the arrays no longer move. */
static const loc *unit_loc(void *p) { return &((unit *)p)->loc; }
static const loc *section_loc(void *p) { return &((section *)p)->loc; }
static const loc *task_loc(void *p) { return &((task *)p)->loc; }
static const loc *metric_loc(void *p) { return &((metric *)p)->loc; }

/* Store every column of `st` into record `rec` where the schema says. */
static void store_row(load_ctx *l, const row *r, const schema_table *st,
		      void *rec)
{
	char *base = rec;
	for (size_t s = 0; s < st->ncols; s++) {
		const schema_column *sc = &st->cols[s];
		void *f = base + sc->field;
		if (sc->flags & SCHEMA_PER_LANG)
			*(ltext *)f = keep_text(l, r, s);
		else if (sc->type == SCHEMA_LIST || sc->type == SCHEMA_IDLIST)
			*(strlist *)f = cell_list(l, r, s,
						  sc->type == SCHEMA_IDLIST);
		else
			*(const char **)f = load_keep(l, cell(r, s));
		if (sc->at)
			*(loc *)(base + sc->at) = *cell_at(r, s);
	}
}

static void unit_row(load_ctx *l, const row *r)
{
	model *m = l->m;
	unit *u = LOAD_GROW(m->units, m->n_units);
	*u = (unit){ .index = m->n_units - 1 };
	store_row(l, r, &schema_units, u);
}

static void section_row(load_ctx *l, const row *r)
{
	model *m = l->m;
	section *s = LOAD_GROW(m->sections, m->n_sections);
	*s = (section){ .index = m->n_sections - 1 };
	store_row(l, r, &schema_sections, s);
}

static void task_row(load_ctx *l, const row *r)
{
	model *m = l->m;
	task *t = LOAD_GROW(m->tasks, m->n_tasks);
	*t = (task){ .index = m->n_tasks - 1 };
	store_row(l, r, &schema_tasks, t);
}

static bool parse_target(load_ctx *l, const row *r, int col, double *out)
{
	if (!*cell(r, col))
		return false;
	text_number got = text_read_number(cell(r, col), out);
	const loc *at = cell_at(r, col);
	if (got == TEXT_NUMBER_PRECISION)
		load_too_precise(l, at, schema_metrics.cols[col].name,
				 cell(r, col));
	else if (got != TEXT_NUMBER_OK)
		diag_error(l->d, at->file, at->line, at->col,
			   "'%s' is not a number: '%s' (write a plain decimal "
			   "such as 1900 or 4.36, without units)",
			   schema_metrics.cols[col].name, cell(r, col));
	return got == TEXT_NUMBER_OK;
}

/* An enum column's value: one of the schema's values, or empty when the
 * column is optional. */
static bool check_enum(load_ctx *l, const row *r, const schema_table *st,
		       size_t col)
{
	const schema_column *sc = &st->cols[col];
	const char *v = cell(r, col);
	if (!*v || schema_value_ok(sc->values, v))
		return *v != '\0';
	buf use = BUF_INIT;
	for (size_t k = 0; sc->values[k]; k++)
		buf_printf(&use, "%s%s", k ? sc->values[k + 1] ? ", " : " or "
			   : sc->flags & SCHEMA_REQUIRED ? "use "
			   : "leave it empty, or use ", sc->values[k]);
	const loc *at = cell_at(r, col);
	diag_error(l->d, at->file, at->line, at->col, "unknown %s '%s' (%s)",
		   sc->name, v, buf_cstr(&use));
	buf_free(&use);
	return false;
}

/* The comparator as its code; a symbol of the first metrics.csv files
 * (>=, =, …) is still read. */
static void check_comparator(load_ctx *l, const row *r, metric *mt)
{
	const char *code = schema_comparator_code(mt->comparator);
	bool known = code || check_enum(l, r, &schema_metrics,
					SCHEMA_METRIC_COMPARATOR);
	if (code)
		mt->comparator = code;
	const loc *at = cell_at(r, SCHEMA_METRIC_COMPARATOR);
	bool between = strcmp(mt->comparator, "between") == 0;
	if (between != mt->has_max && known)
		diag_error(l->d, at->file, at->line, at->col,
			   between ? "comparator 'between' needs 'target_max'"
				   : "'target_max' is only used with 'between'");
	check_enum(l, r, &schema_metrics, SCHEMA_METRIC_BASELINE);
}

static void metric_row(load_ctx *l, const row *r)
{
	model *m = l->m;
	metric *mt = LOAD_GROW(m->metrics, m->n_metrics);
	*mt = (metric){ .index = m->n_metrics - 1 };
	store_row(l, r, &schema_metrics, mt);
	bool ranged = parse_target(l, r, SCHEMA_METRIC_TARGET, &mt->target);
	mt->has_max = *mt->target_max_text != '\0';
	ranged &= parse_target(l, r, SCHEMA_METRIC_MAX, &mt->target_max);
	check_comparator(l, r, mt);
	const loc *at = cell_at(r, SCHEMA_METRIC_MAX);
	if (ranged && mt->target > mt->target_max)
		diag_error(l->d, at->file, at->line, at->col, "'target_max' %s "
			   "is below 'target' %s: a range goes from the smaller "
			   "to the larger", mt->target_max_text, mt->target_text);
}

static void term_row(load_ctx *l, const row *r)
{
	model *m = l->m;
	term *g = LOAD_GROW(m->terms, m->n_terms);
	*g = (term){ 0 };
	store_row(l, r, &schema_glossary, g);
}

/* Build an id index over a loaded array, reporting duplicates. */
#define INDEX(l, index, arr, n, loc_fn, what)                                \
	for (size_t i_ = 0; i_ < (n); i_++)                                  \
		if (register_id((l), &(index), (arr)[i_].id, &(arr)[i_].loc, \
				(loc_fn), (what)))                           \
			smap_put(&(index), (arr)[i_].id, &(arr)[i_])

static void index_unit_names(load_ctx *l)
{
	model *m = l->m;
	for (size_t i = 0; i < m->n_units; i++) {
		unit *u = &m->units[i];
		for (size_t k = 0; k <= u->aliases.n; k++) {
			const char *name = k ? u->aliases.v[k - 1]
					     : ltext_get(u->name, 0);
			unit *prev = smap_get(&m->unit_names, name);
			if (prev && prev != u)
				diag_error(l->d, u->loc.file, u->loc.line, u->loc.col,
					   "name '%s' of unit '%s' also names unit "
					   "'%s' (line %u)", name, u->id, prev->id,
					   prev->loc.line);
			else if (*name)
				smap_put(&m->unit_names, name, u);
		}
	}
}

typedef struct unit_name {
	const unit *u;
	const char *name;
} unit_name;

/* Names of different units that a reader cannot tell apart (see
 * unorm.h) would name two units with one name. */
static void check_lookalike_names(load_ctx *l)
{
	model *m = l->m;
	smap keys = SMAP_INIT;
	buf key = BUF_INIT;
	for (size_t i = 0; i < m->n_units; i++) {
		const unit *u = &m->units[i];
		for (size_t k = 0; k <= u->aliases.n; k++) {
			const char *name = k ? u->aliases.v[k - 1]
					     : ltext_get(u->name, 0);
			buf_clear(&key);
			if (!*name || unorm_key(name, &key) != 0)
				continue;
			const unit_name *prev = smap_get(&keys, buf_cstr(&key));
			if (!prev) {
				unit_name *un = arena_alloc(m->arena, sizeof *un);
				*un = (unit_name){ u, name };
				smap_put(&keys, arena_strdup(m->arena, buf_cstr(&key)), un);
			} else if (prev->u != u && strcmp(prev->name, name)) {
				diag_error(l->d, u->loc.file, u->loc.line, u->loc.col,
					   "name '%s' of unit '%s' looks the same as "
					   "'%s' of unit '%s' (line %u): they differ only "
					   "in invisible characters, width, case or "
					   "Unicode normalisation", name, u->id,
					   prev->name, prev->u->id, prev->u->loc.line);
			}
		}
	}
	buf_free(&key);
	smap_free(&keys);
}

/* One Chinese term, one entry: two would give the same words two
 * translations. */
static void check_terms(load_ctx *l)
{
	const model *m = l->m;
	smap seen = { 0 };
	for (size_t i = 0; i < m->n_terms; i++) {
		const term *g = &m->terms[i];
		const term *prev = *g->term_zh ? smap_get(&seen, g->term_zh) : NULL;
		if (prev)
			diag_error(l->d, g->loc.file, g->loc.line, g->loc.col,
				   "term '%s' is already in the glossary as '%s' "
				   "(line %u)", g->term_zh, prev->id, prev->loc.line);
		else if (*g->term_zh)
			smap_put(&seen, g->term_zh, (void *)g);
	}
	smap_free(&seen);
}

void load_tables_read(load_ctx *l)
{
	model *m = l->m;
	load_table(l, &schema_units, unit_row, MODEL_UNITS);
	load_table(l, &schema_sections, section_row, MODEL_SECTIONS);
	load_table(l, &schema_tasks, task_row, MODEL_TASKS);
	load_table(l, &schema_metrics, metric_row, MODEL_METRICS);
	load_table(l, &schema_glossary, term_row, 0);
	INDEX(l, m->unit_ids, m->units, m->n_units, unit_loc, "unit");
	INDEX(l, m->section_ids, m->sections, m->n_sections, section_loc,
	      "section");
	INDEX(l, m->task_ids, m->tasks, m->n_tasks, task_loc, "task");
	INDEX(l, m->metric_ids, m->metrics, m->n_metrics, metric_loc, "metric");
	index_unit_names(l);
	check_lookalike_names(l);
	check_terms(l);
}

