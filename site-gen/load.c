#include "load.h"
#include "arena.h"
#include "buf.h"
#include "dir.h"
#include "md.h"
#include "table.h"
#include "text.h"
#include "tmpl.h"
#include "unorm.h"
#include "ydoc.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Content files larger than this are refused before they are read. */
#define LOAD_MAX_FILE (64L * 1024 * 1024)

typedef struct loader {
	model *m;
	diag *d;
	char *root;          /* realpath of the content folder */
	const load_text *over;   /* files given as text (load_content_with) */
	size_t n_over;
} loader;

static const char *path_join(loader *l, const char *a, const char *b)
{
	buf p = BUF_INIT;
	buf_printf(&p, "%s/%s", a, b);
	const char *s = arena_strdup(l->m->arena, buf_cstr(&p));
	buf_free(&p);
	return s;
}

/* Does `path` lead (through symlinks) to somewhere inside the content
 * folder? */
static bool inside_root(const loader *l, const char *path)
{
	char *real = realpath(path, NULL);
	size_t rl = strlen(l->root);
	bool in = real && strncmp(real, l->root, rl) == 0 && real[rl] == '/';
	free(real);
	return in;
}

/* Refuse files outside the content folder (through symlinks) and files too
 * large to be content. Returns 1 if present and readable, 0 if absent. */
static int check_file(loader *l, const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		if (lstat(path, &st) != 0)
			return 0;
		diag_error(l->d, path, 0, 0, "broken symbolic link: what it "
			   "points to does not exist");
		return -1;
	}
	if (!inside_root(l, path)) {
		diag_error(l->d, path, 0, 0,
			   "refusing to read a file that leads outside the "
			   "content folder");
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		diag_error(l->d, path, 0, 0, "not a regular file");
		return -1;
	}
	if (st.st_size > LOAD_MAX_FILE) {
		diag_error(l->d, path, 0, 0, "file is larger than %ld MiB",
			   LOAD_MAX_FILE / (1024 * 1024));
		return -1;
	}
	return 1;
}

/* The text given for `path` (content_dir/relpath), or NULL. */
static const load_text *override_of(const loader *l, const char *path)
{
	size_t cl = strlen(l->m->content_dir);
	if (strncmp(path, l->m->content_dir, cl) || path[cl] != '/')
		return NULL;
	for (size_t i = 0; i < l->n_over; i++)
		if (!strcmp(path + cl + 1, l->over[i].relpath))
			return &l->over[i];
	return NULL;
}

/* Read `path` (or its given text) into `b` by the rules of check_file;
 * *start is the offset of the text after any BOM. Returns 1, 0 when the
 * file does not exist, -1 after an error. */
static int read_checked(loader *l, const char *path, buf *b, long *start)
{
	const load_text *ov = l->m ? override_of(l, path) : NULL;
	int ok = ov ? 1 : check_file(l, path);
	if (ok <= 0)
		return ok;
	if (ov) {
		buf_put(b, ov->text, ov->len);
	} else if (buf_read_file(b, path) != 0) {
		diag_error(l->d, path, 0, 0, "cannot read: %s", strerror(errno));
		return -1;
	}
	*start = text_check_encoding(path, buf_cstr(b), b->len, l->d);
	return *start < 0 ? -1 : 1;
}

/* Read a text file; returns the text after any BOM (in `b`) or NULL. */
static const char *read_text(loader *l, const char *path, buf *b, bool required)
{
	long start = 0;
	int ok = read_checked(l, path, b, &start);
	if (ok == 0 && required)
		diag_error(l->d, path, 0, 0, "required file is missing");
	return ok > 0 ? buf_cstr(b) + start : NULL;
}

int load_file_text(const char *content_dir, const char *path, buf *b,
		   long *start, diag *d)
{
	loader l = { .d = d, .root = realpath(content_dir, NULL) };
	if (!l.root) {
		diag_error(d, content_dir, 0, 0, "cannot open the content "
			   "folder: %s", strerror(errno));
		return -1;
	}
	int ok = read_checked(&l, path, b, start);
	free(l.root);
	return ok;
}

/* ---- CSV tables ------------------------------------------------------ */

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

typedef void (*row_fn)(loader *l, const row *r);

/* Map header cells to the spec; report unknown, duplicate and missing. */
static void map_columns(loader *l, const table *t, const colspec *spec,
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

static void check_value(loader *l, const colspec *spec, const char *v,
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

static void load_rows(loader *l, const table *t, const char *path,
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

static void load_table(loader *l, const char *name, const colspec *spec,
		       size_t nspec, row_fn fn, unsigned which)
{
	const char *path = path_join(l, l->m->content_dir, name);
	bool required = which != MODEL_METRICS && which != 0;
	int ok = check_file(l, path);
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

static const char *keep(loader *l, const char *s)
{
	return arena_strdup(l->m->arena, s);
}

/* Split a `|`-separated cell; items keep the cell's position. */
static strlist split_list(loader *l, const char *s, const loc *at,
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
static bool register_id(loader *l, smap *index, const char *id, const loc *at,
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

/* Append a slot to a malloc'd array whose capacity is implied by its
 * length: it doubles whenever the length reaches a power of two. */
#define GROW(arr, n)                                                         \
	(((n) & ((n) - 1)) == 0                                              \
		 ? (void)((arr) = xrealloc((arr), ((n) ? 2 * (n) : 1) *      \
							  sizeof *(arr)))    \
		 : (void)0,                                                  \
	 &(arr)[(n)++])

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

static void unit_row(loader *l, const row *r)
{
	model *m = l->m;
	unit *u = GROW(m->units, m->n_units);
	*u = (unit){ .id = keep(l, r->f[U_ID]),
		     .name = { keep(l, r->f[U_NAME_ZH]), keep(l, r->f[U_NAME_EN]) },
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

static void section_row(loader *l, const row *r)
{
	model *m = l->m;
	section *s = GROW(m->sections, m->n_sections);
	*s = (section){
		.id = keep(l, r->f[S_ID]), .parent_id = keep(l, r->f[S_PARENT]),
		.label_zh = keep(l, r->f[S_LABEL]),
		.title = { keep(l, r->f[S_TITLE_ZH]), keep(l, r->f[S_TITLE_EN]) },
		.co_note = { keep(l, r->f[S_NOTE_ZH]), keep(l, r->f[S_NOTE_EN]) },
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

static void task_row(loader *l, const row *r)
{
	model *m = l->m;
	task *t = GROW(m->tasks, m->n_tasks);
	*t = (task){ .id = keep(l, r->f[T_ID]),
		     .section_id = keep(l, r->f[T_SECTION]),
		     .text = { keep(l, r->f[T_TEXT_ZH]), keep(l, r->f[T_TEXT_EN]) },
		     .lead_id = keep(l, r->f[T_LEAD]), .due = keep(l, r->f[T_DUE]),
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

/* A number that would not print back as written: say so, not "not a
 * number". */
static void too_precise(loader *l, const loc *at, const char *key,
			const char *v)
{
	diag_error(l->d, at->file, at->line, at->col, "'%s': number '%s' has "
		   "more precision than can be kept (at most %d significant "
		   "digits and %d decimals)", key, v, TEXT_NUMBER_DIGITS,
		   TEXT_NUMBER_DIGITS);
}

static bool parse_target(loader *l, const row *r, int col, double *out)
{
	if (!*r->f[col])
		return false;
	text_number got = text_read_number(r->f[col], out);
	if (got == TEXT_NUMBER_PRECISION)
		too_precise(l, &r->at[col], metric_cols[col].name, r->f[col]);
	else if (got != TEXT_NUMBER_OK)
		diag_error(l->d, r->at[col].file, r->at[col].line, r->at[col].col,
			   "'%s' is not a number: '%s' (write a plain decimal "
			   "such as 1900 or 4.36, without units)",
			   metric_cols[col].name, r->f[col]);
	return got == TEXT_NUMBER_OK;
}

static void check_comparator(loader *l, const row *r, const metric *mt)
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

static void metric_row(loader *l, const row *r)
{
	model *m = l->m;
	metric *mt = GROW(m->metrics, m->n_metrics);
	*mt = (metric){
		.id = keep(l, r->f[M_ID]), .task_id = keep(l, r->f[M_TASK]),
		.name = { keep(l, r->f[M_NAME_ZH]), keep(l, r->f[M_NAME_EN]) },
		.unit = { keep(l, r->f[M_UNIT_ZH]), keep(l, r->f[M_UNIT_EN]) },
		.comparator = keep(l, r->f[M_CMP]),
		.target_text = keep(l, r->f[M_TARGET]),
		.target_max_text = keep(l, r->f[M_MAX]),
		.baseline = keep(l, r->f[M_BASELINE]),
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

static void term_row(loader *l, const row *r)
{
	model *m = l->m;
	term *g = GROW(m->terms, m->n_terms);
	*g = (term){ .id = keep(l, r->f[G_ID]), .term_zh = keep(l, r->f[G_ZH]),
		     .term_en = keep(l, r->f[G_EN]), .note_en = keep(l, r->f[G_NOTE]),
		     .loc = r->at[G_ID] };
}

#define NCOLS(a) (sizeof(a) / sizeof *(a))

/* Build an id index over a loaded array, reporting duplicates. */
#define INDEX(l, index, arr, n, loc_fn, what)                                \
	for (size_t i_ = 0; i_ < (n); i_++)                                  \
		if (register_id((l), &(index), (arr)[i_].id, &(arr)[i_].loc, \
				(loc_fn), (what)))                           \
			smap_put(&(index), (arr)[i_].id, &(arr)[i_])

static void index_unit_names(loader *l)
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
static void check_lookalike_names(loader *l)
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
static void check_terms(loader *l)
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

static void load_tables(loader *l)
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

/* ---- YAML helpers ---------------------------------------------------- */

static const char *scalar(loader *l, const char *path, const ynode *n,
			  const char *key)
{
	if (!n)
		return "";
	if (n->kind != YNODE_SCALAR) {
		diag_error(l->d, path, n->line, n->col,
			   "'%s' must be a single value", key);
		return "";
	}
	return ydoc_is_null(n) ? "" : n->value;
}

/* An absolute http(s) URL with a host, in printable ASCII without
 * quotes, markup or spaces: it goes into attributes, robots.txt, feeds
 * and metadata, where anything else could break out of its place. */
static bool url_ok(const char *v)
{
	size_t scheme = !strncmp(v, "https://", 8) ? 8
			: !strncmp(v, "http://", 7) ? 7 : 0;
	if (!scheme || !v[scheme] || strchr("/?#", v[scheme]))
		return false;
	for (const unsigned char *c = (const unsigned char *)v; *c; c++)
		if (*c <= ' ' || *c >= 0x7f || strchr("\"'<>\\^`|", *c))
			return false;
	return true;
}

/* A link the site shows (source, licence, repository, base_url). */
static const char *url(loader *l, const char *path, const ynode *n,
		       const char *key)
{
	const char *v = scalar(l, path, n, key);
	if (*v && !url_ok(v))
		diag_error(l->d, path, n->line, n->col,
			   "'%s' must be an absolute URL starting with https:// "
			   "or http:// and a host name, without spaces, control "
			   "characters, quotes or <> (percent-encode other "
			   "characters)", key);
	return v;
}

/* A bilingual text: either {zh: …, en: …} or a plain Chinese value. */
static text2 yaml_text2(loader *l, const char *path, const ynode *n,
			const char *key)
{
	if (n && n->kind == YNODE_MAP)
		return (text2){ scalar(l, path, ydoc_get(n, "zh"), key),
				scalar(l, path, ydoc_get(n, "en"), key) };
	return (text2){ scalar(l, path, n, key), "" };
}

static void warn_unknown_keys(loader *l, const char *path, const ynode *map,
			      const char *const *known)
{
	if (!map || map->kind != YNODE_MAP)
		return;
	for (size_t i = 0; i < map->n; i++) {
		size_t k = 0;
		while (known[k] && strcmp(known[k], map->keys[i]->value) != 0)
			k++;
		if (!known[k])
			diag_warn(l->d, path, map->keys[i]->line, map->keys[i]->col,
				  "unknown key '%s' (ignored)", map->keys[i]->value);
	}
}

/* ---- site.yaml ------------------------------------------------------- */

static bool parse_utc_offset(const char *s, int *minutes)
{
	/* "+08:00", "-05:30", "UTC", "Z" */
	if (!strcmp(s, "UTC") || !strcmp(s, "Z")) {
		*minutes = 0;
		return true;
	}
	if (strlen(s) != 6 || (s[0] != '+' && s[0] != '-') || s[3] != ':')
		return false;
	long h, m;
	char hh[3] = { s[1], s[2], 0 }, mm[3] = { s[4], s[5], 0 };
	if (!text_parse_int(hh, 0, 14, &h) || !text_parse_int(mm, 0, 59, &m))
		return false;
	*minutes = (int)((s[0] == '-' ? -1 : 1) * (h * 60 + m));
	return true;
}

static void require(loader *l, const char *path, const ynode *root,
		    const char *value, const char *key)
{
	if (!*value)
		diag_error(l->d, path, root->line, root->col,
			   "missing required setting '%s'", key);
}

static void site_default_language(loader *l, const char *path,
				  const ynode *root)
{
	site_config *s = &l->m->site;
	const ynode *dl = ydoc_get(root, "default_language");
	const ynode *at = dl ? dl : root;
	bool listed = false;
	for (size_t k = 0; k < s->languages.n; k++)
		listed |= !strcmp(s->languages.v[k], s->default_lang);
	if (strcmp(s->default_lang, "zh") && strcmp(s->default_lang, "en"))
		diag_error(l->d, path, at->line, at->col,
			   "default_language must be zh or en");
	else if (!listed)
		diag_error(l->d, path, at->line, at->col, "default_language "
			   "'%s' is not one of 'languages'", s->default_lang);
}

static void site_languages(loader *l, const char *path, const ynode *root)
{
	site_config *s = &l->m->site;
	const ynode *langs = ydoc_get(root, "languages");
	s->default_lang = scalar(l, path, ydoc_get(root, "default_language"),
				 "default_language");
	if (!*s->default_lang)
		s->default_lang = "zh";
	if (langs && langs->kind != YNODE_SEQ)
		diag_error(l->d, path, langs->line, langs->col,
			   "'languages' must be a list, e.g. [zh, en]");
	if (langs && langs->kind == YNODE_SEQ && langs->n) {
		s->languages.v = arena_alloc(l->m->arena, langs->n * sizeof(char *));
		for (size_t i = 0; i < langs->n; i++) {
			const char *lang = scalar(l, path, langs->items[i], "languages");
			if (strcmp(lang, "zh") && strcmp(lang, "en"))
				diag_error(l->d, path, langs->items[i]->line,
					   langs->items[i]->col,
					   "unsupported language '%s' (zh and en "
					   "are supported)", lang);
			for (size_t k = 0; k < s->languages.n; k++)
				if (!strcmp(s->languages.v[k], lang))
					diag_error(l->d, path, langs->items[i]->line,
						   langs->items[i]->col, "language "
						   "'%s' is listed twice", lang);
			s->languages.v[s->languages.n++] = lang;
		}
	} else {
		static const char *dflt[] = { "zh", "en" };
		s->languages.v = dflt;
		s->languages.n = 2;
	}
	site_default_language(l, path, root);
}

static void site_plan(loader *l, const char *path, const ynode *root)
{
	static const char *const keys[] = { "title", "doc_number", "issuer",
					    "issued", "source_url", "area",
					    "period", NULL };
	site_config *s = &l->m->site;
	const ynode *plan = ydoc_get(root, "plan");
	warn_unknown_keys(l, path, plan, keys);
	s->plan_title = yaml_text2(l, path, ydoc_get(plan, "title"), "plan.title");
	s->doc_number = scalar(l, path, ydoc_get(plan, "doc_number"), "doc_number");
	s->issuer = yaml_text2(l, path, ydoc_get(plan, "issuer"), "plan.issuer");
	s->issued = scalar(l, path, ydoc_get(plan, "issued"), "plan.issued");
	s->source_url = url(l, path, ydoc_get(plan, "source_url"),
			"plan.source_url");
	s->area = yaml_text2(l, path, ydoc_get(plan, "area"), "plan.area");
	s->period = scalar(l, path, ydoc_get(plan, "period"), "plan.period");
	require(l, path, plan ? plan : root, s->plan_title.zh, "plan.title.zh");
	if (*s->issued && !text_parse_date(s->issued, NULL)) {
		const ynode *n = ydoc_get(plan, "issued");
		diag_error(l->d, path, n->line, n->col,
			   "bad date '%s' in 'plan.issued'", s->issued);
	}
}

static void site_misc(loader *l, const char *path, const ynode *root)
{
	static const char *const lic_keys[] = { "id", "name", "url", NULL };
	static const char *const repo_keys[] = { "edit_url", "commit_url", NULL };
	site_config *s = &l->m->site;
	const ynode *lic = ydoc_get(root, "license"), *repo = ydoc_get(root,
								 "repository");
	warn_unknown_keys(l, path, lic, lic_keys);
	warn_unknown_keys(l, path, repo, repo_keys);
	s->license_id = scalar(l, path, ydoc_get(lic, "id"), "license.id");
	s->license_name = scalar(l, path, ydoc_get(lic, "name"), "license.name");
	s->license_url = url(l, path, ydoc_get(lic, "url"), "license.url");
	s->edit_url = url(l, path, ydoc_get(repo, "edit_url"),
			  "repository.edit_url");
	s->commit_url = url(l, path, ydoc_get(repo, "commit_url"),
			    "repository.commit_url");
	const ynode *lay = ydoc_get(root, "layouts");
	s->layouts = scalar(l, path, lay, "layouts");
	if (lay)
		s->layouts_loc = (loc){ path, lay->line, lay->col };
	s->snapshot_tags = scalar(l, path, ydoc_get(root, "snapshot_tags"),
				  "snapshot_tags");
	require(l, path, root, s->license_id, "license.id");
}

static void site_basics(loader *l, const char *path, const ynode *root)
{
	site_config *s = &l->m->site;
	const ynode *fv = ydoc_get(root, "format_version");
	const char *v = scalar(l, path, fv, "format_version");
	s->format_version = MODEL_FORMAT_VERSION;
	if (*v && (!text_parse_int(v, 1, 1000, &s->format_version) ||
		   s->format_version > MODEL_FORMAT_VERSION))
		diag_error(l->d, path, fv->line, fv->col,
			   "format_version %s is not supported (this site-gen "
			   "reads version %d)", v, MODEL_FORMAT_VERSION);
	s->title = yaml_text2(l, path, ydoc_get(root, "title"), "title");
	require(l, path, root, s->title.zh, "title.zh");
	const ynode *bu = ydoc_get(root, "base_url");
	s->base_url = url(l, path, bu, "base_url");
	require(l, path, root, s->base_url, "base_url");
	size_t bl = strlen(s->base_url);
	if (bl && url_ok(s->base_url) && s->base_url[bl - 1] != '/')
		diag_error(l->d, path, bu->line, bu->col,
			   "base_url must end in '/'");
	s->time_zone = scalar(l, path, ydoc_get(root, "time_zone"), "time_zone");
	if (!*s->time_zone)
		s->time_zone = "+08:00";
	if (!parse_utc_offset(s->time_zone, &s->utc_offset_min))
		diag_error(l->d, path, root->line, root->col,
			   "time_zone '%s' must be a UTC offset like +08:00",
			   s->time_zone);
}

static void load_site(loader *l)
{
	static const char *const keys[] = {
		"format_version", "title", "default_language", "languages",
		"base_url", "time_zone", "license", "plan", "repository",
		"layouts", "snapshot_tags", NULL };
	const char *path = path_join(l, l->m->content_dir, "site.yaml");
	buf b = BUF_INIT;
	const char *text = read_text(l, path, &b, true);
	if (text)
		text_check_invisible(path, text, strlen(text), 1, l->d);
	const ynode *root = text ? ydoc_parse(l->m->arena, path, text,
					      strlen(text), 0, l->d) : NULL;
	if (root && root->kind != YNODE_MAP) {
		diag_error(l->d, path, root->line, root->col,
			   "site.yaml must be a mapping of settings");
		root = NULL;
	}
	if (root) {
		l->m->site.loc = (loc){ path, 1, 1 };
		warn_unknown_keys(l, path, root, keys);
		site_basics(l, path, root);
		site_languages(l, path, root);
		site_plan(l, path, root);
		site_misc(l, path, root);
	}
	buf_free(&b);
}

/* ---- Markdown files with front matter ---------------------------------- */

int load_split_front_matter(const char *text, const char **yaml,
			    size_t *yaml_len, const char **body)
{
	*body = text;
	if (strncmp(text, "---\n", 4) && strncmp(text, "---\r\n", 5))
		return 0;
	const char *start = strchr(text, '\n') + 1;
	for (const char *p = start; *p;) {
		const char *eol = strchr(p, '\n');
		size_t n = eol ? (size_t)(eol - p) : strlen(p);
		if (n && p[n - 1] == '\r')
			n--;
		if (n == 3 && !strncmp(p, "---", 3)) {
			*yaml = start;
			*yaml_len = (size_t)(p - start);
			*body = eol ? eol + 1 : p + strlen(p);
			return 1;
		}
		if (!eol)
			break;
		p = eol + 1;
	}
	return -1;
}

typedef struct mdfile {
	const char *path, *body;
	const ynode *fm;     /* front matter map, NULL if none */
	bool ok;
} mdfile;

/* Read a Markdown file and parse its front matter into `a`. Safe to run
 * on several threads with an arena each. */
static mdfile read_md(loader *l, arena *a, const char *path, buf *b)
{
	mdfile f = { .path = path };
	const char *text = read_text(l, path, b, false);
	if (!text)
		return f;
	const char *yaml = NULL;
	size_t ylen = 0;
	int has = load_split_front_matter(text, &yaml, &ylen, &f.body);
	if (has < 0) {
		diag_error(l->d, path, 1, 1,
			   "front matter starts with '---' but is not closed by a "
			   "'---' line");
		return f;
	}
	if (has) {
		text_check_invisible(path, yaml, ylen, 2, l->d);
		f.fm = ydoc_parse(a, path, yaml, ylen, 1, l->d);
		if (!f.fm)
			return f;
		if (f.fm->kind != YNODE_MAP) {
			diag_error(l->d, path, 2, 1,
				   "front matter must be a mapping of keys");
			return f;
		}
	}
	md_check(path, text, strlen(text), (size_t)(f.body - text), l->d);
	f.body = arena_strdup(a, f.body);
	f.ok = true;
	return f;
}

/* Names in a folder, sorted (dir.h); NULL with *n = 0 when the folder is
 * absent, which is fine: plan/ and progress/ are optional. */
static char **sorted_dir(loader *l, const char *dir, size_t *n)
{
	char **names = dir_list(dir, n);
	if (!names && errno != ENOENT)
		diag_error(l->d, dir, 0, 0, "cannot read folder: %s",
			   strerror(errno));
	if (names && !inside_root(l, dir)) {
		/* Its files would be refused one by one; say why once. */
		diag_error(l->d, dir, 0, 0, "refusing to read a folder that "
			   "leads outside the content folder");
		dir_list_free(names, *n);
		*n = 0;
		return NULL;
	}
	return names;
}

/* Add the names of the files given as text in `folder` to its sorted
 * listing (`names`, *n of them; NULL for an absent folder), in order. */
static char **add_given_names(const loader *l, const char *folder,
			      char **names, size_t *n)
{
	size_t fl = strlen(folder);
	for (size_t i = 0; i < l->n_over; i++) {
		const char *rel = l->over[i].relpath, *name = rel + fl + 1;
		if (strncmp(rel, folder, fl) || rel[fl] != '/' || strchr(name, '/'))
			continue;
		size_t k = 0;
		while (k < *n && strcmp(names[k], name) < 0)
			k++;
		if (k < *n && !strcmp(names[k], name))
			continue;
		names = xrealloc(names, (*n + 1) * sizeof *names);
		memmove(names + k + 1, names + k, (*n - k) * sizeof *names);
		names[k] = xstrdup(name);
		(*n)++;
	}
	return names;
}

/* "<id>.zh.md" -> id and lang; false for any other name. */
static bool split_md_name(loader *l, const char *name, const char **id,
			  const char **lang)
{
	size_t n = strlen(name);
	if (n < 7 || strcmp(name + n - 3, ".md") || name[n - 6] != '.')
		return false;
	*lang = arena_strndup(l->m->arena, name + n - 5, 2);
	*id = arena_strndup(l->m->arena, name, n - 6);
	return !strcmp(*lang, "zh") || !strcmp(*lang, "en");
}


/* ---- plan/ ------------------------------------------------------------ */

static plan_doc *plan_entry(loader *l, const char *id, const char *path)
{
	model *m = l->m;
	/* Sorted names put "<id>.en.md" right before "<id>.zh.md". */
	if (m->n_plan && !strcmp(m->plan[m->n_plan - 1].id, id))
		return &m->plan[m->n_plan - 1];
	plan_doc *p = GROW(m->plan, m->n_plan);
	*p = (plan_doc){ .id = id, .order = -1, .markdown = { "", "" },
			 .path_zh = "", .path_en = "", .loc = { path, 1, 1 } };
	if (!text_is_id(id))
		diag_error(l->d, path, 0, 0, "bad id '%s' in file name", id);
	return p;
}

static void plan_order(loader *l, plan_doc *p, const mdfile *f)
{
	const ynode *o = ydoc_get(f->fm, "order");
	const char *v = scalar(l, f->path, o, "order");
	if (!o)
		diag_error(l->d, f->path, 1, 1,
			   "missing front matter key 'order' (an integer that "
			   "places this file in the plan)");
	else if (!text_parse_int(v, 0, 1000000, &p->order))
		diag_error(l->d, f->path, o->line, o->col,
			   "'order' must be a whole number, not '%s'", v);
	static const char *const keys[] = { "order", NULL };
	warn_unknown_keys(l, f->path, f->fm, keys);
}

static int cmp_plan(const void *a, const void *b)
{
	const plan_doc *x = a, *y = b;
	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return strcmp(x->id, y->id);
}

static void check_plan(loader *l)
{
	model *m = l->m;
	if (m->n_plan)       /* qsort may not be given NULL */
		qsort(m->plan, m->n_plan, sizeof *m->plan, cmp_plan);
	for (size_t i = 0; i < m->n_plan; i++) {
		plan_doc *p = &m->plan[i];
		if (!*p->path_zh)
			diag_error(l->d, p->path_en, 0, 0,
				   "English plan text without its Chinese original "
				   "%s.zh.md", p->id);
		else if (!*p->path_en)
			diag_warn(l->d, p->path_zh, 0, 0,
				  "missing English translation %s.en.md", p->id);
		if (i && p->order >= 0 && p->order == m->plan[i - 1].order)
			diag_error(l->d, p->loc.file, p->loc.line, p->loc.col,
				   "order %ld is also used by plan/%s",
				   p->order, m->plan[i - 1].id);
		smap_put(&m->plan_ids, p->id, p);
	}
}

/* Each Markdown file of a folder, in name order; `fn` gets the parsed
 * file. A file that cannot be read (f->ok false: its errors are reported)
 * marks the model incomplete (`which`); `fn` still records that it
 * exists, so that its partner file does not claim it is missing. */
typedef void (*md_fn)(loader *l, const char *id, bool zh, const mdfile *f);

/* The files of one folder, read and parsed by two threads (at scale the
 * progress folder holds two files per task); what they make is taken in
 * name order afterwards. */
typedef struct md_batch {
	loader *l;
	const char **paths;      /* NULL: a name that is not <id>.<lang>.md */
	mdfile *files;
	size_t n;
	atomic_size_t next;
} md_batch;

static void *read_batch(void *arg)
{
	md_batch *mb = arg;
	arena *a = arena_new();
	buf b = BUF_INIT;
	for (size_t i; (i = atomic_fetch_add(&mb->next, 1)) < mb->n;) {
		if (mb->paths[i])
			mb->files[i] = read_md(mb->l, a, mb->paths[i], &b);
		buf_clear(&b);
	}
	buf_free(&b);
	return a;
}

static void read_all(md_batch *mb)
{
	pthread_t t;
	bool threaded = mb->n > 1 && pthread_create(&t, NULL, read_batch, mb) == 0;
	arena_adopt(mb->l->m->arena, read_batch(mb));
	void *other;
	if (threaded && pthread_join(t, &other) == 0)
		arena_adopt(mb->l->m->arena, other);
}

static void load_md_folder(loader *l, const char *folder, const char *names_hint,
			   unsigned which, md_fn fn)
{
	const char *dir = path_join(l, l->m->content_dir, folder);
	size_t n;
	char **names = add_given_names(l, folder, sorted_dir(l, dir, &n), &n);
	md_batch mb = { .l = l, .n = n,
			.paths = xcalloc(n ? n : 1, sizeof *mb.paths),
			.files = xcalloc(n ? n : 1, sizeof *mb.files) };
	const char **ids = xcalloc(n ? n : 1, sizeof *ids);
	const char **langs = xcalloc(n ? n : 1, sizeof *langs);
	for (size_t i = 0; i < n; i++) {
		const char *path = path_join(l, dir, names[i]);
		if (split_md_name(l, names[i], &ids[i], &langs[i]))
			mb.paths[i] = path;
		else
			diag_error(l->d, path, 0, 0, "unexpected file in %s/ (names "
				   "are %s)", folder, names_hint);
	}
	read_all(&mb);
	for (size_t i = 0; i < n; i++) {
		if (!mb.paths[i])
			continue;
		if (!mb.files[i].ok)
			l->m->incomplete |= which;
		fn(l, ids[i], !strcmp(langs[i], "zh"), &mb.files[i]);
	}
	free(mb.paths);
	free(mb.files);
	free(ids);
	free(langs);
	dir_list_free(names, n);
}

static void plan_file(loader *l, const char *id, bool zh, const mdfile *f)
{
	plan_doc *p = plan_entry(l, id, f->path);
	*(zh ? &p->path_zh : &p->path_en) = f->path;
	if (!f->ok)
		return;
	*(zh ? &p->markdown.zh : &p->markdown.en) = f->body;
	if (zh) {
		p->loc = (loc){ f->path, 1, 1 };
		plan_order(l, p, f);
	}
}

static void load_plan(loader *l)
{
	load_md_folder(l, "plan", "<id>.zh.md or <id>.en.md", MODEL_PLAN,
		       plan_file);
	check_plan(l);
}

/* ---- progress/ ------------------------------------------------------- */

static const char *const progress_keys[] = { "status", "as_of", "progress",
					     "reported_by", "metrics", NULL };

static void progress_actuals(loader *l, progress *p, const mdfile *f,
			     const ynode *mt)
{
	if (!mt)
		return;
	if (mt->kind != YNODE_MAP) {
		diag_error(l->d, f->path, mt->line, mt->col,
			   "'metrics' must map metric ids to numbers");
		return;
	}
	p->actuals = arena_alloc(l->m->arena, mt->n * sizeof *p->actuals);
	for (size_t i = 0; i < mt->n; i++) {
		const ynode *k = mt->keys[i], *v = mt->items[i];
		actual *a = &p->actuals[p->n_actuals];
		text_number got;
		a->metric_id = k->value;
		a->loc = (loc){ f->path, k->line, k->col };
		a->text = scalar(l, f->path, v, k->value);
		if (!text_is_id(k->value))
			diag_error(l->d, f->path, k->line, k->col,
				   "bad metric id '%s'", k->value);
		else if ((got = text_read_number(a->text, &a->value)) ==
			 TEXT_NUMBER_PRECISION)
			too_precise(l, &(loc){ f->path, v->line, v->col },
				    k->value, a->text);
		else if (got != TEXT_NUMBER_OK)
			diag_error(l->d, f->path, v->line, v->col,
				   "actual value of '%s' is not a number: '%s'",
				   k->value, a->text);
		else
			p->n_actuals++;
	}
}

static void progress_status(loader *l, progress *p, const mdfile *f)
{
	const ynode *st = ydoc_get(f->fm, "status"), *ao = ydoc_get(f->fm, "as_of");
	const char *s = scalar(l, f->path, st, "status");
	p->as_of = scalar(l, f->path, ao, "as_of");
	p->as_of_loc = ao ? (loc){ f->path, ao->line, ao->col } : p->loc;
	if (!*s)
		diag_error(l->d, f->path, st ? st->line : 1, st ? st->col : 1,
			   "missing required key 'status'");
	else if (!(p->status = model_status_parse(s)))
		diag_error(l->d, f->path, st->line, st->col,
			   "bad status '%s' (use not_started, on_track, at_risk, "
			   "delayed, completed or withdrawn)", s);
	if (!*p->as_of)
		diag_error(l->d, f->path, ao ? ao->line : 1, ao ? ao->col : 1,
			   "missing required key 'as_of' (the report date, "
			   "YYYY-MM-DD)");
	else if (!text_parse_date(p->as_of, NULL))
		diag_error(l->d, f->path, ao->line, ao->col,
			   "bad date '%s' in 'as_of' (expected a real date, "
			   "YYYY-MM-DD)", p->as_of);
}

static void progress_fields(loader *l, progress *p, const mdfile *f)
{
	if (!f->fm) {
		diag_error(l->d, f->path, 1, 1,
			   "missing front matter: a report starts with '---', "
			   "then status and as_of, then '---'");
		return;
	}
	warn_unknown_keys(l, f->path, f->fm, progress_keys);
	progress_status(l, p, f);
	const ynode *pr = ydoc_get(f->fm, "progress");
	const char *v = scalar(l, f->path, pr, "progress");
	if (*v && !text_parse_int(v, 0, 100, &p->percent))
		diag_error(l->d, f->path, pr->line, pr->col,
			   "progress must be a whole number from 0 to 100, not "
			   "'%s'", v);
	const ynode *rb = ydoc_get(f->fm, "reported_by");
	p->reported_by_id = scalar(l, f->path, rb, "reported_by");
	if (rb)
		p->reported_by_loc = (loc){ f->path, rb->line, rb->col };
	progress_actuals(l, p, f, ydoc_get(f->fm, "metrics"));
}

/* The English file holds only the narrative. */
static void progress_english(loader *l, const mdfile *f)
{
	if (!f->fm)
		return;
	for (size_t i = 0; i < f->fm->n; i++) {
		const ynode *k = f->fm->keys[i];
		size_t j = 0;
		while (progress_keys[j] && strcmp(progress_keys[j], k->value))
			j++;
		if (progress_keys[j])
			diag_error(l->d, f->path, k->line, k->col,
				   "'%s' belongs in the Chinese file only "
				   "(structured keys live in the default-language "
				   "file)", k->value);
		else
			diag_warn(l->d, f->path, k->line, k->col,
				  "unknown key '%s' (ignored)", k->value);
	}
}

static progress *progress_entry(loader *l, const char *id, const char *path)
{
	model *m = l->m;
	if (m->n_reports && !strcmp(m->reports[m->n_reports - 1].task_id, id))
		return &m->reports[m->n_reports - 1];
	progress *p = GROW(m->reports, m->n_reports);
	*p = (progress){ .task_id = id, .as_of = "", .reported_by_id = "",
			 .percent = -1, .narrative = { "", "" }, .path_zh = "",
			 .path_en = "", .loc = { path, 1, 1 } };
	if (!text_is_id(id))
		diag_error(l->d, path, 0, 0, "bad task id '%s' in file name", id);
	return p;
}

static void progress_file(loader *l, const char *id, bool zh, const mdfile *f)
{
	/* Sorted names put "<id>.en.md" right before "<id>.zh.md". */
	progress *p = progress_entry(l, id, f->path);
	*(zh ? &p->path_zh : &p->path_en) = f->path;
	if (!f->ok)
		return;
	if (zh) {
		p->loc = (loc){ f->path, 1, 1 };
		p->narrative.zh = f->body;
		progress_fields(l, p, f);
	} else {
		p->narrative.en = f->body;
		progress_english(l, f);
	}
}

static void load_progress(loader *l)
{
	load_md_folder(l, "progress", "<task-id>.zh.md or <task-id>.en.md", 0,
		       progress_file);
}

/* ---- layouts (site.yaml's template overrides) ------------------------- */

#define LAYOUT_EXT ".mustache"

typedef struct layout_walk {
	loader *l;
	tmpl_set *set;          /* compiles each one, as build will */
} layout_walk;

/* Every *.mustache file is read under the rules of any content file
 * (inside the content folder, regular, bounded, UTF-8) and compiled. */
static int layout_file(void *ctx, const char *path, const char *rel,
		       const struct stat *st)
{
	layout_walk *w = ctx;
	loader *l = w->l;
	size_t n = strlen(rel), ext = strlen(LAYOUT_EXT);
	if (S_ISDIR(st->st_mode) && !inside_root(l, path)) {
		/* Its files would be refused one by one; say why once. */
		diag_error(l->d, path, 0, 0, "refusing to read a folder that "
			   "leads outside the content folder");
		return DIR_SKIP;
	}
	if (S_ISDIR(st->st_mode) || n <= ext || strcmp(rel + n - ext, LAYOUT_EXT))
		return 0;
	const char *p = keep(l, path);
	buf b = BUF_INIT;
	const char *text = read_text(l, p, &b, false);
	if (text) {
		layout *t = GROW(l->m->layouts, l->m->n_layouts);
		*t = (layout){ arena_strndup(l->m->arena, rel, n - ext), p,
			       keep(l, text), strlen(text) };
		tmpl_set_add(w->set, t->name, p, t->text, t->len, l->d);
	}
	buf_free(&b);
	return 0;
}

static void load_layouts(loader *l)
{
	const site_config *s = &l->m->site;
	const loc *at = &s->layouts_loc;
	if (!*s->layouts)
		return;
	const char *dir = path_join(l, l->m->content_dir, s->layouts);
	struct stat st;
	if (s->layouts[0] == '/')
		diag_error(l->d, at->file, at->line, at->col, "'layouts' must "
			   "name a folder inside the content folder, relative "
			   "to it, not an absolute path");
	else if (stat(dir, &st) != 0)
		diag_error(l->d, at->file, at->line, at->col, "the layouts "
			   "folder %s cannot be opened: %s", dir, strerror(errno));
	else if (!S_ISDIR(st.st_mode))
		diag_error(l->d, at->file, at->line, at->col, "'layouts' names "
			   "%s, which is not a folder", dir);
	else if (!inside_root(l, dir))
		diag_error(l->d, at->file, at->line, at->col, "refusing the "
			   "layouts folder %s: it leads outside the content "
			   "folder", dir);
	else {
		layout_walk w = { l, tmpl_set_new() };
		if (dir_walk(dir, layout_file, &w) < 0)
			diag_error(l->d, dir, 0, 0, "cannot read the layouts "
				   "folder: %s", strerror(errno));
		tmpl_set_free(w.set);
	}
}

/* ---- files no one reads ------------------------------------------------ */

/* Levenshtein distance, enough to tell "metric.csv" from "metrics.csv". */
static size_t edit_distance(const char *a, const char *b)
{
	size_t n = strlen(b), dist[64];
	if (n >= sizeof dist / sizeof *dist)
		return (size_t)-1;
	for (size_t j = 0; j <= n; j++)
		dist[j] = j;
	for (size_t i = 1; a[i - 1]; i++) {
		size_t corner = dist[0];
		dist[0] = i;
		for (size_t j = 1; j <= n; j++) {
			size_t up = dist[j];
			size_t best = corner + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (dist[j - 1] + 1 < best)
				best = dist[j - 1] + 1;
			dist[j] = best;
			corner = up;
		}
	}
	return dist[n];
}

static const char *const content_names[] = {
	"site.yaml", "units.csv", "sections.csv", "tasks.csv", "metrics.csv",
	"glossary.csv", "plan", "progress", "NOTES.md", "NOTES.zh.md", NULL };

/* The known name `name` is closest to, at most two edits away, or NULL. */
static const char *closest_name(const char *name)
{
	const char *best = NULL;
	size_t best_d = 3;
	for (size_t k = 0; content_names[k]; k++) {
		size_t d = edit_distance(name, content_names[k]);
		if (d < best_d) {
			best_d = d;
			best = content_names[k];
		}
	}
	return best;
}

static bool known_name(const loader *l, const char *name)
{
	const char *layouts = l->m->site.layouts;
	size_t top = strcspn(layouts, "/");
	for (size_t k = 0; content_names[k]; k++)
		if (!strcmp(name, content_names[k]))
			return true;
	return top && strlen(name) == top && !strncmp(name, layouts, top);
}

/* A misspelt file (metric.csv) would be skipped in silence, and what it
 * holds with it: name each unknown entry, and what it may have meant. */
static void warn_unknown_files(loader *l)
{
	size_t n;
	char **names = dir_list(l->m->content_dir, &n);
	for (size_t i = 0; names && i < n; i++) {
		if (known_name(l, names[i]))
			continue;
		const char *path = path_join(l, l->m->content_dir, names[i]);
		const char *best = closest_name(names[i]);
		if (best)
			diag_warn(l->d, path, 0, 0, "unknown file, not read: did "
				  "you mean %s?", best);
		else
			diag_warn(l->d, path, 0, 0, "unknown file, not read "
				  "(docs/content-format.md lists the files)");
	}
	if (names)
		dir_list_free(names, n);
}

/* ---- NOTES ------------------------------------------------------------ */

static const char *read_optional(loader *l, const char *name)
{
	buf b = BUF_INIT;
	const char *path = path_join(l, l->m->content_dir, name);
	const char *text = read_text(l, path, &b, false);
	if (text)
		md_check(path, text, strlen(text), 0, l->d);
	const char *out = text ? keep(l, text) : "";
	buf_free(&b);
	return out;
}

static void load_notes(loader *l)
{
	l->m->notes.en = read_optional(l, "NOTES.md");
	l->m->notes.zh = read_optional(l, "NOTES.zh.md");
}

model *load_content(const char *dir, diag *d)
{
	return load_content_with(dir, NULL, 0, d);
}

model *load_content_with(const char *dir, const load_text *over, size_t n,
			 diag *d)
{
	model *m = model_new(dir);
	loader l = { .m = m, .d = d, .root = realpath(dir, NULL), .over = over,
		     .n_over = n };
	if (!l.root) {
		diag_error(d, dir, 0, 0, "cannot open the content folder: %s",
			   strerror(errno));
		return m;
	}
	load_site(&l);
	load_layouts(&l);
	warn_unknown_files(&l);
	load_tables(&l);
	load_plan(&l);
	load_progress(&l);
	load_notes(&l);
	free(l.root);
	return m;
}
