/* load_tables.c - the CSV tables of the content folder: the column spec
 * and the rows of each, their id indexes, and the checks across rows. */
#include "arena.h"
#include "buf.h"
#include "load_int.h"
#include "smap.h"
#include "table.h"
#include "text.h"
#include "unorm.h"

#include <string.h>

enum {
	COL_REQUIRED = 1,    /* the column must exist and every value be set */
	COL_ENGLISH = 2,     /* an empty value is a "missing English" warning */
	COL_ID = 4,          /* the record's id: syntax and uniqueness */
	COL_IDLIST = 8,      /* `|`-separated ids */
};

typedef struct colspec {
	const char *name;
	unsigned flags;
} colspec;

#define MAX_COLS 16

typedef struct row {
	const char *f[MAX_COLS];   /* "" when absent */
	loc at[MAX_COLS];
	loc row_loc;
} row;

typedef void (*row_fn)(load_ctx *l, const row *r);

/* Map header cells to the spec; report unknown, duplicate and missing. */
static void map_columns(load_ctx *l, const table *t, const colspec *spec,
			size_t nspec, long *col_of)
{
	for (size_t s = 0; s < nspec; s++)
		col_of[s] = -1;
	for (size_t c = 0; c < t->ncols; c++) {
		const table_cell *h = &t->header[c];
		size_t s = 0;
		while (s < nspec && strcmp(spec[s].name, h->text) != 0)
			s++;
		if (s == nspec) {
			buf names = BUF_INIT;
			for (size_t i = 0; i < nspec; i++)
				buf_printf(&names, "%s%s", i ? ", " : "", spec[i].name);
			diag_error(l->d, t->path, h->line, h->col,
				   "unknown column '%s' (columns are: %s)", h->text,
				   buf_cstr(&names));
			buf_free(&names);
		} else if (col_of[s] >= 0) {
			diag_error(l->d, t->path, h->line, h->col,
				   "column '%s' appears twice", h->text);
		} else {
			col_of[s] = (long)c;
		}
	}
	for (size_t s = 0; s < nspec; s++)
		if (col_of[s] < 0 && (spec[s].flags & COL_REQUIRED)) {
			diag_error(l->d, t->path, 1, 1,
				   "missing required column '%s'", spec[s].name);
		}
}

static void check_value(load_ctx *l, const colspec *spec, const char *v,
			const loc *at)
{
	if (!*v) {
		if (spec->flags & COL_REQUIRED)
			diag_error(l->d, at->file, at->line, at->col,
				   "missing value for '%s'", spec->name);
		else if (spec->flags & COL_ENGLISH)
			diag_warn(l->d, at->file, at->line, at->col,
				  "missing English text in '%s'", spec->name);
		return;
	}
	if ((spec->flags & COL_ID) && !text_is_id(v))
		diag_error(l->d, at->file, at->line, at->col,
			   "bad id '%s': ids use only a-z, 0-9 and '-', start "
			   "with a letter or digit, and have at most 64 "
			   "characters", v);
}

static void load_rows(load_ctx *l, const table *t, const char *path,
		      const colspec *spec, size_t nspec, const long *col_of,
		      row_fn fn)
{
	for (size_t i = 0; i < t->nrows; i++) {
		const table_row *tr = &t->rows[i];
		if (tr->ncells != t->ncols)
			continue; /* already reported; its cells are misaligned */
		row r = { .row_loc = { path, tr->line, 1 } };
		for (size_t s = 0; s < nspec; s++) {
			const table_cell *c = col_of[s] >= 0 ? &tr->cells[col_of[s]]
							     : NULL;
			r.f[s] = c ? c->text : "";
			r.at[s] = c ? (loc){ path, c->line, c->col } : r.row_loc;
			/* A missing column was reported once, not per row. */
			if (c)
				check_value(l, &spec[s], r.f[s], &r.at[s]);
		}
		fn(l, &r);
	}
}

static void load_table(load_ctx *l, const char *name, const colspec *spec,
		       size_t nspec, row_fn fn, unsigned which)
{
	const char *path = load_path(l, l->m->content_dir, name);
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
	long col_of[MAX_COLS];
	/* Rows are loaded even when columns are wrong, so that the records
	 * still exist and references to them do not cascade into errors. */
	map_columns(l, t, spec, nspec, col_of);
	load_rows(l, t, path, spec, nspec, col_of, fn);
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

/* A bilingual text from the column `zh` and the English one after it. */
static text2 keep_text2(load_ctx *l, const row *r, int zh)
{
	return (text2){ load_keep(l, r->f[zh]), load_keep(l, r->f[zh + 1]) };
}

/* Records are stored in growing arrays; indexes are built after loading,
 * when the arrays no longer move. */
static const loc *unit_loc(void *p) { return &((unit *)p)->loc; }
static const loc *section_loc(void *p) { return &((section *)p)->loc; }
static const loc *task_loc(void *p) { return &((task *)p)->loc; }
static const loc *metric_loc(void *p) { return &((metric *)p)->loc; }

enum { U_ID, U_NAME_ZH, U_NAME_EN, U_ALIASES };
static const colspec unit_cols[] = {
	{ "id", COL_REQUIRED | COL_ID }, { "name_zh", COL_REQUIRED },
	{ "name_en", COL_ENGLISH }, { "aliases", 0 },
};

static void unit_row(load_ctx *l, const row *r)
{
	model *m = l->m;
	unit *u = LOAD_GROW(m->units, m->n_units);
	*u = (unit){ .id = load_keep(l, r->f[U_ID]),
		     .name = keep_text2(l, r, U_NAME_ZH),
		     .aliases = split_list(l, r->f[U_ALIASES], &r->at[U_ALIASES],
					   false),
		     .loc = r->at[U_ID], .index = m->n_units - 1 };
}

enum { S_ID, S_PARENT, S_LABEL, S_TITLE_ZH, S_TITLE_EN, S_CO, S_NOTE_ZH,
       S_NOTE_EN, S_PLAN };
static const colspec section_cols[] = {
	{ "id", COL_REQUIRED | COL_ID }, { "parent", 0 },
	{ "label_zh", COL_REQUIRED }, { "title_zh", COL_REQUIRED },
	{ "title_en", COL_ENGLISH }, { "co_units", COL_IDLIST },
	{ "co_units_note_zh", 0 }, { "co_units_note_en", 0 },
	{ "plan", COL_IDLIST },
};

static void section_row(load_ctx *l, const row *r)
{
	model *m = l->m;
	section *s = LOAD_GROW(m->sections, m->n_sections);
	*s = (section){
		.id = load_keep(l, r->f[S_ID]),
		.parent_id = load_keep(l, r->f[S_PARENT]),
		.label_zh = load_keep(l, r->f[S_LABEL]),
		.title = keep_text2(l, r, S_TITLE_ZH),
		.co_note = keep_text2(l, r, S_NOTE_ZH),
		.co_unit_ids = split_list(l, r->f[S_CO], &r->at[S_CO], true),
		.plan_ids = split_list(l, r->f[S_PLAN], &r->at[S_PLAN], true),
		.loc = r->at[S_ID], .parent_loc = r->at[S_PARENT],
		.index = m->n_sections - 1,
	};
	if (*s->co_note.zh && !*s->co_note.en)
		diag_warn(l->d, r->at[S_NOTE_EN].file, r->at[S_NOTE_EN].line,
			  r->at[S_NOTE_EN].col,
			  "missing English text in 'co_units_note_en'");
}

enum { T_ID, T_SECTION, T_TEXT_ZH, T_TEXT_EN, T_LEAD, T_DUE };
static const colspec task_cols[] = {
	{ "id", COL_REQUIRED | COL_ID }, { "section", COL_REQUIRED },
	{ "text_zh", COL_REQUIRED }, { "text_en", COL_ENGLISH },
	{ "lead", COL_REQUIRED }, { "due", 0 },
};

static void task_row(load_ctx *l, const row *r)
{
	model *m = l->m;
	task *t = LOAD_GROW(m->tasks, m->n_tasks);
	*t = (task){ .id = load_keep(l, r->f[T_ID]),
		     .section_id = load_keep(l, r->f[T_SECTION]),
		     .text = keep_text2(l, r, T_TEXT_ZH),
		     .lead_id = load_keep(l, r->f[T_LEAD]),
		     .due = load_keep(l, r->f[T_DUE]),
		     .loc = r->at[T_ID], .section_loc = r->at[T_SECTION],
		     .lead_loc = r->at[T_LEAD], .index = m->n_tasks - 1 };
	if (*t->due && !text_parse_date(t->due, NULL))
		diag_error(l->d, r->at[T_DUE].file, r->at[T_DUE].line,
			   r->at[T_DUE].col,
			   "bad date '%s' in 'due' (expected a real date, "
			   "YYYY-MM-DD)", t->due);
}

enum { M_ID, M_TASK, M_NAME_ZH, M_NAME_EN, M_CMP, M_TARGET, M_MAX, M_UNIT_ZH,
       M_UNIT_EN, M_BASELINE };
static const colspec metric_cols[] = {
	{ "id", COL_REQUIRED | COL_ID }, { "task", COL_REQUIRED },
	{ "name_zh", COL_REQUIRED }, { "name_en", COL_ENGLISH },
	{ "comparator", COL_REQUIRED }, { "target", COL_REQUIRED },
	{ "target_max", 0 }, { "unit_zh", 0 }, { "unit_en", 0 },
	{ "baseline", 0 },
};

static bool parse_target(load_ctx *l, const row *r, int col, double *out)
{
	if (!*r->f[col])
		return false;
	text_number got = text_read_number(r->f[col], out);
	if (got == TEXT_NUMBER_PRECISION)
		load_too_precise(l, &r->at[col], metric_cols[col].name,
				 r->f[col]);
	else if (got != TEXT_NUMBER_OK)
		diag_error(l->d, r->at[col].file, r->at[col].line, r->at[col].col,
			   "'%s' is not a number: '%s' (write a plain decimal "
			   "such as 1900 or 4.36, without units)",
			   metric_cols[col].name, r->f[col]);
	return got == TEXT_NUMBER_OK;
}

static void check_comparator(load_ctx *l, const row *r, const metric *mt)
{
	static const char *const cmps[] = { ">=", ">", "=", "<", "<=", "between" };
	bool known = false;
	for (size_t i = 0; i < sizeof cmps / sizeof *cmps; i++)
		known |= strcmp(mt->comparator, cmps[i]) == 0;
	const loc *at = &r->at[M_CMP];
	if (*mt->comparator && !known)
		diag_error(l->d, at->file, at->line, at->col,
			   "unknown comparator '%s' (use >=, >, =, <, <= or "
			   "between)", mt->comparator);
	bool between = strcmp(mt->comparator, "between") == 0;
	if (between != mt->has_max && known)
		diag_error(l->d, at->file, at->line, at->col,
			   between ? "comparator 'between' needs 'target_max'"
				   : "'target_max' is only used with 'between'");
	if (*mt->baseline && strcmp(mt->baseline, "previous_year") != 0)
		diag_error(l->d, r->at[M_BASELINE].file, r->at[M_BASELINE].line,
			   r->at[M_BASELINE].col,
			   "unknown baseline '%s' (leave it empty, or use "
			   "previous_year)", mt->baseline);
}

static void metric_row(load_ctx *l, const row *r)
{
	model *m = l->m;
	metric *mt = LOAD_GROW(m->metrics, m->n_metrics);
	*mt = (metric){
		.id = load_keep(l, r->f[M_ID]),
		.task_id = load_keep(l, r->f[M_TASK]),
		.name = keep_text2(l, r, M_NAME_ZH),
		.unit = keep_text2(l, r, M_UNIT_ZH),
		.comparator = load_keep(l, r->f[M_CMP]),
		.target_text = load_keep(l, r->f[M_TARGET]),
		.target_max_text = load_keep(l, r->f[M_MAX]),
		.baseline = load_keep(l, r->f[M_BASELINE]),
		.loc = r->at[M_ID], .task_loc = r->at[M_TASK],
		.index = m->n_metrics - 1,
	};
	bool ranged = parse_target(l, r, M_TARGET, &mt->target);
	mt->has_max = *r->f[M_MAX] != '\0';
	ranged &= parse_target(l, r, M_MAX, &mt->target_max);
	check_comparator(l, r, mt);
	if (ranged && mt->target > mt->target_max)
		diag_error(l->d, r->at[M_MAX].file, r->at[M_MAX].line,
			   r->at[M_MAX].col, "'target_max' %s is below 'target' "
			   "%s: a range goes from the smaller to the larger",
			   mt->target_max_text, mt->target_text);
	if (*mt->unit.zh && !*mt->unit.en)
		diag_warn(l->d, r->at[M_UNIT_EN].file, r->at[M_UNIT_EN].line,
			  r->at[M_UNIT_EN].col, "missing English text in 'unit_en'");
}

enum { G_ID, G_ZH, G_EN, G_NOTE };
static const colspec term_cols[] = {
	{ "id", COL_REQUIRED | COL_ID }, { "term_zh", COL_REQUIRED },
	{ "term_en", COL_ENGLISH }, { "note_en", 0 },
};

static void term_row(load_ctx *l, const row *r)
{
	model *m = l->m;
	term *g = LOAD_GROW(m->terms, m->n_terms);
	*g = (term){ .id = load_keep(l, r->f[G_ID]),
		     .term_zh = load_keep(l, r->f[G_ZH]),
		     .term_en = load_keep(l, r->f[G_EN]),
		     .note_en = load_keep(l, r->f[G_NOTE]),
		     .loc = r->at[G_ID] };
}

#define NCOLS(a) (sizeof(a) / sizeof *(a))

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
			const char *name = k ? u->aliases.v[k - 1] : u->name.zh;
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
			const char *name = k ? u->aliases.v[k - 1] : u->name.zh;
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
	load_table(l, "units.csv", unit_cols, NCOLS(unit_cols), unit_row,
		   MODEL_UNITS);
	load_table(l, "sections.csv", section_cols, NCOLS(section_cols),
		   section_row, MODEL_SECTIONS);
	load_table(l, "tasks.csv", task_cols, NCOLS(task_cols), task_row,
		   MODEL_TASKS);
	load_table(l, "metrics.csv", metric_cols, NCOLS(metric_cols),
		   metric_row, MODEL_METRICS);
	load_table(l, "glossary.csv", term_cols, NCOLS(term_cols), term_row, 0);
	INDEX(l, m->unit_ids, m->units, m->n_units, unit_loc, "unit");
	INDEX(l, m->section_ids, m->sections, m->n_sections, section_loc,
	      "section");
	INDEX(l, m->task_ids, m->tasks, m->n_tasks, task_loc, "task");
	INDEX(l, m->metric_ids, m->metrics, m->n_metrics, metric_loc, "metric");
	index_unit_names(l);
	check_lookalike_names(l);
	check_terms(l);
}

