#include "histview.h"
#include "ajson.h"
#include "route.h"
#include "smap.h"
#include "words.h"

#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- entries ------------------------------------------------------------ */

/* The key of the entry a change belongs to: its task, else its table and
 * record ("table/record": table names hold no '/', so no two pairs share
 * a key). Task keys and record keys go to separate maps. */
static const char *entry_key(const hist_change *c, buf *b)
{
	if (*c->task)
		return c->task;
	buf_clear(b);
	buf_printf(b, "%s/%s", c->table, c->record);
	return buf_cstr(b);
}

/* The changes of one commit are contiguous in hist_changes(); group them
 * by entry in order of first appearance, each group in change order. A
 * commit that adds every task (the first one) holds tens of thousands of
 * changes, so the grouping is by hash map, not by comparing each change
 * with all the others. */
static bool each_in_commit(const hist *h, size_t ci, size_t lo, size_t hi,
			   bool (*fn)(void *, const histview_entry *),
			   void *ctx)
{
	size_t n, k = hi - lo, groups = 0;
	const hist_change *ch = hist_changes(h, &n);
	const hist_commit *commits = hist_commits(h, &n);
	size_t *group = xmalloc(k * sizeof *group);
	/* Group numbers are stored as number + 1: smap_get's NULL is "none". */
	smap by_task = SMAP_INIT, by_record = SMAP_INIT;
	char **keys = xcalloc(k, sizeof *keys);  /* the composed keys */
	buf b = BUF_INIT;
	for (size_t i = 0; i < k; i++) {
		const hist_change *c = &ch[lo + i];
		smap *m = *c->task ? &by_task : &by_record;
		const char *key = entry_key(c, &b);
		void *g = smap_get(m, key);
		if (!g) {
			if (!*c->task)
				key = keys[i] = xstrdup(key);
			g = (void *)(uintptr_t)++groups;
			smap_put(m, key, g);
		}
		group[i] = (size_t)(uintptr_t)g - 1;
	}
	/* Counting sort by group, stable: group g's changes are
	 * idx[start[g] .. start[g + 1]), in change order. */
	size_t *start = xcalloc(groups + 1, sizeof *start);
	size_t *fill = xmalloc(groups * sizeof *fill);
	size_t *idx = xmalloc(k * sizeof *idx);
	for (size_t i = 0; i < k; i++)
		start[group[i] + 1]++;
	for (size_t g = 0; g < groups; g++)
		start[g + 1] += start[g];
	memcpy(fill, start, groups * sizeof *fill);
	for (size_t i = 0; i < k; i++)
		idx[fill[group[i]]++] = lo + i;
	bool go = true;
	for (size_t g = 0; g < groups && go; g++) {
		const hist_change *c = &ch[idx[start[g]]];
		histview_entry e = { &commits[ci], c->task, c->table, c->record,
				     idx + start[g], start[g + 1] - start[g] };
		go = fn(ctx, &e);
	}
	for (size_t i = 0; i < k; i++)
		free(keys[i]);
	free(keys);
	free(group);
	free(start);
	free(fill);
	free(idx);
	buf_free(&b);
	smap_free(&by_task);
	smap_free(&by_record);
	return go;
}

void histview_each(const hist *h, bool (*fn)(void *ctx,
					     const histview_entry *e),
		   void *ctx)
{
	size_t nc, nch;
	hist_commits(h, &nc);
	const hist_change *ch = hist_changes(h, &nch);
	size_t hi = nch;
	for (size_t ci = nc; ci-- > 0;) {
		size_t lo = hi;
		while (lo > 0 && ch[lo - 1].commit == ci)
			lo--;
		if (lo < hi && !each_in_commit(h, ci, lo, hi, fn, ctx))
			return;
		hi = lo;
	}
}

/* ---- dates and URLs ------------------------------------------------------ */

static struct tm local_tm(long long t, int offset_min)
{
	time_t s = (time_t)(t + offset_min * 60LL);
	struct tm tm;
	gmtime_r(&s, &tm);
	return tm;
}

void histview_date(long long t, int offset_min, buf *out)
{
	struct tm tm = local_tm(t, offset_min);
	buf_printf(out, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1,
		   tm.tm_mday);
}

void histview_rfc3339(long long t, int offset_min, buf *out)
{
	struct tm tm = local_tm(t, offset_min);
	int off = offset_min < 0 ? -offset_min : offset_min;
	buf_printf(out, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d",
		   tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
		   tm.tm_min, tm.tm_sec, offset_min < 0 ? '-' : '+', off / 60,
		   off % 60);
}

void histview_commit_url(const model *m, const char *commit, buf *out)
{
	const char *u = m->site.commit_url, *at = strstr(u, "{commit}");
	if (!at)
		return;
	buf_put(out, u, (size_t)(at - u));
	buf_puts(out, commit);
	buf_puts(out, at + 8);
}

void histview_entry_url(const model *m, const histview_entry *e,
			const char *lang, buf *out)
{
	route_url(out, m, NULL, "");
	if (*e->task)
		route_page(out, lang, ROUTE_TASK, e->task);
	else if (!strcmp(e->table, "units"))
		route_page(out, lang, ROUTE_UNIT, e->record);
	else if (!strncmp(e->record, "plan/", 5) && !strcmp(e->table, "file"))
		route_anchor(out, lang, ROUTE_PLAN, NULL, e->record + 5,
			     strcspn(e->record + 5, "."));
	else
		route_page(out, lang, ROUTE_HOME, NULL);
}

/* ---- sentences ------------------------------------------------------------ */

/* The language the sentences are in: every word comes from its theme
 * strings; `all` are every language's (a column's language is named by
 * its own lang_name). */
typedef struct say {
	const hist *h;           /* NULL: no revision reasons (titles) */
	const model *m;
	const cJSON *const *all;
	size_t l;
	const char *lang;        /* its tag */
	/* The tag of the columns and files it reads: a derived language's
	 * are those of the language it is converted from, whose words from
	 * the history are converted (model_convert). */
	const char *field_lang;
} say;

static say say_in(const hist *h, const model *m, const cJSON *const *strings,
		  size_t l)
{
	return (say){ h, m, strings, l, m->site.languages.v[l],
		      m->site.languages.v[model_written_lang(m, l)] };
}

/* Words from the history (values, messages) as the language shows them. */
static const char *conv(const say *s, const char *text)
{
	return model_convert(s->m, s->l, text);
}

static const char *str(const say *s, const char *key)
{
	return words_get(s->all[s->l], key);
}

/* `t` as the language shows it, or as its fallback chain gives it. */
static const char *text_of(const say *s, ltext t)
{
	return model_text(s->m, t, s->l);
}

static void entry_title(const say *s, const histview_entry *e, buf *out)
{
	const unit *u = model_unit(s->m, e->record);
	if (*e->task)
		words_expand1(out, str(s, "hist_title_task"), "id", e->task);
	else if (!strcmp(e->table, "units") && u)
		buf_puts(out, text_of(s, u->name));
	else if (!strcmp(e->table, "file"))
		buf_puts(out, e->record);
	else
		words_expand1(out, str(s, strcmp(e->table, "units")
				       ? "hist_title_section" : "hist_title_unit"),
			      "id", e->record);
}

void histview_entry_title(const model *m, const cJSON *const *strings,
			  size_t lang, const histview_entry *e, buf *out)
{
	say s = say_in(NULL, m, strings, lang);
	entry_title(&s, e, out);
}

/* A number as the language writes it: num_group between groups of three
 * digits ("1,900"); a value that is no plain decimal as it is. */
static void put_number(const say *s, buf *out, const char *v)
{
	const char *digits = v + (*v == '-');
	size_t n = strspn(digits, "0123456789");
	if (digits[n] != '\0' && digits[n] != '.') {
		buf_puts(out, v);
		return;
	}
	buf_put(out, v, (size_t)(digits - v));
	for (size_t i = 0; i < n; i++) {
		if (i && (n - i) % 3 == 0)
			buf_puts(out, str(s, "num_group"));
		buf_putc(out, digits[i]);
	}
	buf_puts(out, digits + n);
}

/* A value: put into `out` as the language says it; `arg` is the metric
 * for amounts. */
typedef void (*put_fn)(const say *s, buf *out, const char *v,
		       const void *arg);

/* "1,900 mu", "98%" (unit_sep, as pages write quantities). */
static void put_quantity(const say *s, buf *out, const char *v, const char *u)
{
	put_number(s, out, v);
	if (*u && strcmp(u, "%"))
		buf_puts(out, str(s, "unit_sep"));
	buf_puts(out, u);
}

/* An amount in the metric's unit now; the metric is NULL when it is no
 * longer there. */
static void put_amount(const say *s, buf *out, const char *v, const void *arg)
{
	const metric *mt = arg;
	put_quantity(s, out, v, mt ? text_of(s, mt->unit) : "");
}

/* An amount in the unit `arg`. */
static void put_amount_in(const say *s, buf *out, const char *v,
			  const void *arg)
{
	put_quantity(s, out, v, arg);
}

const char *histview_unit_before(const hist *h, const model *m,
				 const metric *mt, size_t lang, size_t commit)
{
	buf field = BUF_INIT;
	buf_printf(&field, "unit_%s", m->site.languages.v[lang]);
	const char *u = h ? hist_field_before(h, "metrics", mt->id, field.ptr,
					      commit) : NULL;
	buf_free(&field);
	return u ? u : ltext_get(mt->unit, lang);
}

/* The unit the page's language shows for `mt`, as it was just before
 * commit `k`: a corrected unit must not restate an old target in it. */
static const char *unit_before(const say *s, const metric *mt, size_t k)
{
	return histview_unit_before(s->h, s->m, mt,
				    model_text_lang(s->m, mt->unit, s->l), k);
}

/* Named as the pages name it (status_*), so that a timeline says what the
 * page above it says; a name the files do not know as it is. */
static void put_status(const say *s, buf *out, const char *v, const void *arg)
{
	(void)arg;
	task_status st = model_status_parse(v);
	buf key = BUF_INIT;
	buf_printf(&key, "status_%s", model_status_name(st));
	buf_puts(out, *v && !st ? v : str(s, buf_cstr(&key)));
	buf_free(&key);
}

static void put_unit(const say *s, buf *out, const char *v, const void *arg)
{
	(void)arg;
	const unit *u = model_unit(s->m, v);
	buf_puts(out, u ? text_of(s, u->name) : v);
}

static void put_plain(const say *s, buf *out, const char *v, const void *arg)
{
	(void)arg;
	buf_puts(out, *v ? conv(s, v) : str(s, "hist_none"));
}

static void put_percent(const say *s, buf *out, const char *v, const void *arg)
{
	(void)arg;
	words_expand1(out, str(s, "hist_percent"), "n", v);
}

/* Sentence `key` with {value} "old → new" (hist_from_to), or the new
 * value alone when there was no old one, and {field} `field`; each value
 * put with its own argument. */
static void put_change_each(const say *s, buf *out, const char *key,
			    const char *field, const hist_change *c,
			    put_fn put, const void *old_arg,
			    const void *new_arg)
{
	buf ov = BUF_INIT, nv = BUF_INIT, v = BUF_INIT;
	put(s, &nv, c->new_value, new_arg);
	if (*c->old_value) {
		put(s, &ov, c->old_value, old_arg);
		const char *const from_to[][2] = { { "old", buf_cstr(&ov) },
						   { "new", buf_cstr(&nv) } };
		words_expand(&v, str(s, "hist_from_to"), from_to, 2);
	} else {
		buf_puts(&v, buf_cstr(&nv));
	}
	const char *const kv[][2] = { { "field", field },
				      { "value", buf_cstr(&v) } };
	words_expand(out, str(s, key), kv, 2);
	buf_free(&ov);
	buf_free(&nv);
	buf_free(&v);
}

static void put_change(const say *s, buf *out, const char *key,
		       const char *field, const hist_change *c, put_fn put,
		       const void *arg)
{
	put_change_each(s, out, key, field, c, put, arg, arg);
}

/* The label of column col[0 .. n) (field_<column>), "" when it has none. */
static const char *label_of(const say *s, buf *key, const char *col, size_t n)
{
	buf_clear(key);
	buf_printf(key, "field_%.*s", (int)n, col);
	return str(s, buf_cstr(key));
}

/* Language l's name in the page's language (language_<tag>), else its own
 * name (lang_name); borrowed, `key` is overwritten. */
static const char *lang_name(const say *s, buf *key, size_t l)
{
	buf_clear(key);
	buf_printf(key, "language_%s", s->m->site.languages.v[l]);
	const char *name = str(s, buf_cstr(key));
	return *name ? name : words_get(s->all[l], "lang_name");
}

/* A column of a table by its label; a column of a language ("name_en") by
 * its base's label and the language's own name (hist_field_lang); a column
 * without a label by its name. */
static void put_field(const say *s, buf *out, const char *field)
{
	buf key = BUF_INIT;
	const char *u = strrchr(field, '_');
	const char *label = label_of(s, &key, field, strlen(field));
	size_t l = u && !*label ? model_lang(s->m, u + 1) : SIZE_MAX;
	const char *base = l != SIZE_MAX
		? label_of(s, &key, field, (size_t)(u - field)) : "";
	if (*base) {
		const char *const kv[][2] = { { "field", base },
					      { "lang", lang_name(s, &key, l) } };
		words_expand(out, str(s, "hist_field_lang"), kv, 2);
	} else {
		buf_puts(out, *label ? label : field);
	}
	buf_free(&key);
}

/* "{field}:{value}" (hist_field): a column's change. */
static void field_change(const say *s, const hist_change *c, put_fn put,
			 buf *out)
{
	buf f = BUF_INIT;
	put_field(s, &f, c->field);
	put_change(s, out, "hist_field", buf_cstr(&f), c, put, NULL);
	buf_free(&f);
}

/* "(粮食播种面积)" after a metric's sentence when its task has several. */
static void put_metric_name(const say *s, buf *out, const metric *mt)
{
	if (mt && mt->task && mt->task->n_metrics > 1)
		words_expand1(out, str(s, "hist_of_metric"), "name",
			      text_of(s, mt->name));
}

/* The newest commit that wrote `mt`'s revision_note in some language
 * (*uncommitted: a note differs from its committed value); SIZE_MAX when
 * none did. Changes come newest first. */
static size_t note_commit(const hist *h, const model *m, const metric *mt,
			  bool *uncommitted)
{
	size_t n, nc, newest = SIZE_MAX;
	const hist_change *ch = hist_changes(h, &nc);
	const size_t *idx = hist_record_changes(h, "metrics", mt->id, &n);
	*uncommitted = false;
	for (size_t l = 0; l < m->site.languages.n; l++) {
		buf field = BUF_INIT;
		buf_printf(&field, "revision_note_%s", m->site.languages.v[l]);
		const hist_change *last = NULL;
		for (size_t k = 0; k < n && !last; k++)
			if (!strcmp(ch[idx[k]].field, field.ptr))
				last = &ch[idx[k]];
		const char *note = ltext_get(mt->revision_note, l);
		*uncommitted |= strcmp(note, last ? last->new_value : "") != 0;
		if (last && *note && (newest == SIZE_MAX || last->commit > newest))
			newest = last->commit;
		buf_free(&field);
	}
	return newest;
}

/* The target change `mt`'s revision_note explains: the newest revision
 * made by the commit that last wrote the note or before it; for a note not
 * yet committed, the newest revision. NULL when none. */
static const hist_change *noted_revision(const hist *h, const model *m,
					 const metric *mt)
{
	bool uncommitted;
	size_t at = note_commit(h, m, mt, &uncommitted), n, nc;
	if (uncommitted)
		return hist_metric_revision(h, mt->id);
	const hist_change *ch = hist_changes(h, &nc);
	const size_t *idx = hist_record_changes(h, "metrics", mt->id, &n);
	for (size_t k = 0; at != SIZE_MAX && k < n; k++)
		if (hist_change_is_target(&ch[idx[k]]) && ch[idx[k]].commit <= at)
			return &ch[idx[k]];
	return NULL;
}

const char *histview_revision_reason(const hist *h, const model *m,
				     size_t lang, const hist_change *c)
{
	const metric *mt = model_metric(m, c->record);
	if (mt && noted_revision(h, m, mt) == c) {
		const char *note = model_text(m, mt->revision_note, lang);
		if (note && *note)
			return note;
	}
	size_t n;
	const char *reason = hist_commits(h, &n)[c->commit].reason;
	return *reason ? model_convert(m, lang, reason) : NULL;
}

size_t histview_warn_unexplained(const hist *h, const model *m, diag *d)
{
	size_t n = 0, nc;
	const hist_commit *commits = hist_commits(h, &nc);
	for (size_t i = 0; i < m->n_metrics; i++) {
		const metric *mt = &m->metrics[i];
		const hist_change *c = hist_metric_revision(h, mt->id);
		if (!c || histview_revision_reason(h, m, 0, c))
			continue;
		buf date = BUF_INIT;
		histview_date(commits[c->commit].time, m->site.utc_offset_min,
			      &date);
		diag_warn(d, mt->loc.file, mt->loc.line, mt->loc.col,
			  "the target of '%s' was revised by commit %.7s (%s) "
			  "without a reason: give one in revision_note_%s (or, "
			  "in the commit that revises it, a 'Reason:' trailer)",
			  mt->id, commits[c->commit].id, buf_cstr(&date),
			  m->site.languages.v[0]);
		buf_free(&date);
		n++;
	}
	return n;
}

/* " — reason: …", or " — no reason given": a revised target says why. */
static void put_reason(const say *s, const hist_change *c, buf *out)
{
	const char *why = histview_revision_reason(s->h, s->m, s->l, c);
	if (why)
		words_expand1(out, str(s, "hist_reason"), "reason", why);
	else
		buf_puts(out, str(s, "hist_no_reason"));
}

static bool metric_text(const say *s, const hist_change *c, buf *out)
{
	const metric *mt = model_metric(s->m, c->record);
	const char *name = mt ? text_of(s, mt->name) : c->record;
	if (c->kind != HIST_CHANGED) {
		words_expand1(out, str(s, c->kind == HIST_ADDED ? "hist_metric_added"
				       : "hist_metric_removed"), "name", name);
	} else if (hist_change_is_target(c)) {
		put_change_each(s, out, strcmp(c->field, "target")
				? "hist_target_max" : "hist_target", "", c,
				put_amount_in, mt ? unit_before(s, mt, c->commit)
				: "", mt ? unit_before(s, mt, c->commit + 1) : "");
		put_metric_name(s, out, mt);
		if (s->h)
			put_reason(s, c, out);
	} else {
		buf f = BUF_INIT;
		put_field(s, &f, c->field);
		const char *const kv[][2] = { { "field", buf_cstr(&f) },
					      { "name", name } };
		words_expand(out, str(s, "hist_metric_changed"), kv, 2);
		buf_free(&f);
	}
	return true;
}

static bool progress_field_text(const say *s, const hist_change *c, buf *out)
{
	if (!*c->new_value)
		return false; /* part of a removal, said once by its event */
	if (!strcmp(c->field, "status")) {
		put_change(s, out, "hist_status", "", c, put_status, NULL);
	} else if (!strcmp(c->field, "progress")) {
		put_change(s, out, "hist_progress", "", c, put_percent, NULL);
	} else if (!strcmp(c->field, "reported_by")) {
		put_change(s, out, "hist_reported_by", "", c, put_unit, NULL);
	} else if (!strncmp(c->field, "metrics.", 8)) {
		const metric *mt = model_metric(s->m, c->field + 8);
		put_change(s, out, "hist_actual", "", c, put_amount, mt);
		put_metric_name(s, out, mt);
	} else if (!strncmp(c->field, "narrative.", 10) &&
		   !strcmp(c->field + 10, s->field_lang)) {
		buf_puts(out, str(s, "hist_narrative"));
	} else {
		return false; /* as_of: the entry's date says it */
	}
	return true;
}

/* "report moved from t001 to t002": said once, for the source-language
 * file ("progress/<id>.<lang>.md") that carries the report. */
static bool moved_text(const say *s, const hist_change *c, buf *out)
{
	size_t n = strlen(c->old_value);
	const char *src = s->m->site.languages.v[0];
	size_t sfx = strlen(src) + 4;          /* ".zh.md" */
	if (n < sfx + 9 || c->old_value[n - sfx] != '.' ||
	    strncmp(c->old_value + n - sfx + 1, src, sfx - 4))
		return false;
	buf old = BUF_INIT;
	buf_put(&old, c->old_value + 9, n - sfx - 9);
	const char *const kv[][2] = { { "old", buf_cstr(&old) },
				      { "new", c->record } };
	words_expand(out, str(s, "hist_report_moved"), kv, 2);
	buf_free(&old);
	return true;
}

static bool progress_text(const say *s, const hist_change *c, buf *out)
{
	switch (c->kind) {
	case HIST_ADDED:
		buf_puts(out, str(s, "hist_first_report"));
		return true;
	case HIST_REMOVED:
		buf_puts(out, str(s, "hist_report_removed"));
		return true;
	case HIST_RENAMED:
		return moved_text(s, c, out);
	default:
		return progress_field_text(s, c, out);
	}
}

static bool task_text(const say *s, const hist_change *c, buf *out)
{
	if (c->kind != HIST_CHANGED) {
		buf_puts(out, str(s, c->kind == HIST_ADDED ? "hist_task_added"
				  : "hist_task_removed"));
	} else if (!strncmp(c->field, "text_", 5)) {
		if (strcmp(c->field + 5, s->field_lang))
			return false;
		buf_puts(out, str(s, "hist_task_text"));
	} else {
		field_change(s, c, strcmp(c->field, "lead") ? put_plain : put_unit,
			     out);
	}
	return true;
}

static bool other_text(const say *s, const hist_change *c, buf *out)
{
	static const char *const added[] = { "hist_unit_added",
					     "hist_section_added" };
	static const char *const removed[] = { "hist_unit_removed",
					       "hist_section_removed" };
	int k = !strcmp(c->table, "units") ? 0 : !strcmp(c->table, "sections")
						     ? 1 : 2;
	if (k == 2)
		words_expand1(out, str(s, c->kind == HIST_ADDED ? "hist_file_added"
				       : c->kind == HIST_REMOVED ? "hist_file_removed"
				       : "hist_file_updated"), "path", c->record);
	else if (c->kind == HIST_ADDED || c->kind == HIST_REMOVED)
		buf_puts(out, str(s, (c->kind == HIST_ADDED ? added : removed)[k]));
	else
		field_change(s, c, put_plain, out);
	return true;
}

static bool change_text(const say *s, const hist_change *c, buf *out)
{
	if (!strcmp(c->table, "tasks"))
		return task_text(s, c, out);
	if (!strcmp(c->table, "metrics"))
		return metric_text(s, c, out);
	if (!strcmp(c->table, "progress"))
		return progress_text(s, c, out);
	return other_text(s, c, out);
}

bool histview_change_text(const hist *h, const model *m,
			  const cJSON *const *strings, size_t lang,
			  const hist_change *c, buf *out)
{
	say s = say_in(h, m, strings, lang);
	return change_text(&s, c, out);
}

/* ---- JSON ---------------------------------------------------------------- */

static void add_str(arena *a, cJSON *o, const char *key, const buf *b)
{
	ajson_put_string(a, o, key, buf_cstr(b));
}

/* A new version of the report's text in `lang` keeps its Markdown, so
 * that pages can show every earlier version. */
static void add_narrative(arena *a, cJSON *o, const hist_change *c,
			  const say *s)
{
	if (!strcmp(c->table, "progress") && !strncmp(c->field, "narrative.", 10) &&
	    !strcmp(c->field + 10, s->field_lang) && *c->new_value)
		ajson_put_string(a, o, "narrative_md", conv(s, c->new_value));
}

/* {date, time, author, summary, commit, commit_short, commit_url, changes},
 * or NULL when nothing of the entry shows in `lang`; with `narratives`,
 * new versions of a report's text too (add_narrative). */
static cJSON *entry_json(arena *a, const hist *h, const say *s,
			 const histview_entry *e, bool narratives)
{
	const model *m = s->m;
	size_t n;
	const hist_change *ch = hist_changes(h, &n);
	cJSON *changes = ajson_array(a);
	for (size_t i = 0; i < e->n; i++) {
		buf t = BUF_INIT;
		if (change_text(s, &ch[e->changes[i]], &t)) {
			cJSON *c = ajson_object(a);
			add_str(a, c, "text", &t);
			if (narratives)
				add_narrative(a, c, &ch[e->changes[i]], s);
			cJSON_AddItemToArray(changes, c);
		}
		buf_free(&t);
	}
	if (!cJSON_GetArraySize(changes))
		return NULL;
	int off = m->site.utc_offset_min;
	buf date = BUF_INIT, time = BUF_INIT, url = BUF_INIT;
	histview_date(e->commit->time, off, &date);
	histview_rfc3339(e->commit->time, off, &time);
	histview_commit_url(m, e->commit->id, &url);
	cJSON *o = ajson_object(a);
	add_str(a, o, "date", &date);
	add_str(a, o, "time", &time);
	ajson_put_string(a, o, "author", conv(s, e->commit->author));
	ajson_put_string(a, o, "summary", conv(s, e->commit->summary));
	ajson_put_string(a, o, "commit", e->commit->id);
	char short_id[8];
	snprintf(short_id, sizeof short_id, "%.7s", e->commit->id);
	ajson_put_string(a, o, "commit_short", short_id);
	add_str(a, o, "commit_url", &url);
	ajson_put(a, o, "changes", changes);
	buf_free(&date);
	buf_free(&time);
	buf_free(&url);
	return o;
}

cJSON *histview_timeline_json(const hist *h, const model *m,
			      const cJSON *const *strings, size_t lang,
			      const char *task_id, arena *a)
{
	say s = say_in(h, m, strings, lang);
	cJSON *arr = ajson_array(a);
	size_t n, nc;
	const size_t *idx = hist_task_changes(h, task_id, &n);
	const hist_change *ch = hist_changes(h, &nc);
	const hist_commit *commits = hist_commits(h, &nc);
	/* The index is newest first, so one commit's changes are adjacent. */
	for (size_t i = 0, j; i < n; i = j) {
		for (j = i; j < n && ch[idx[j]].commit == ch[idx[i]].commit; j++)
			;
		histview_entry e = { &commits[ch[idx[i]].commit], task_id, "tasks",
				     task_id, NULL, j - i };
		size_t *sorted = malloc((j - i) * sizeof *sorted);
		for (size_t k = 0; k < j - i; k++)
			sorted[k] = idx[j - 1 - k]; /* back to file order */
		e.changes = sorted;
		cJSON *o = entry_json(a, h, &s, &e, true);
		if (o)
			cJSON_AddItemToArray(arr, o);
		free(sorted);
	}
	return arr;
}

typedef struct changes_ctx {
	const hist *h;
	say s;
	arena *a;
	cJSON *days, *day;
	buf date;
} changes_ctx;

static bool add_change_entry(void *ctx, const histview_entry *e)
{
	changes_ctx *c = ctx;
	cJSON *o = entry_json(c->a, c->h, &c->s, e, false);
	if (!o)
		return true;
	cJSON *date = cJSON_GetObjectItem(o, "date");
	if (!c->day || strcmp(date->valuestring, buf_cstr(&c->date))) {
		buf_clear(&c->date);
		buf_puts(&c->date, date->valuestring);
		c->day = ajson_object(c->a);
		ajson_put_string(c->a, c->day, "date", date->valuestring);
		ajson_put(c->a, c->day, "entries", ajson_array(c->a));
		cJSON_AddItemToArray(c->days, c->day);
	}
	buf t = BUF_INIT, u = BUF_INIT;
	entry_title(&c->s, e, &t);
	histview_entry_url(c->s.m, e, c->s.lang, &u);
	ajson_put_string(c->a, o, "task", e->task);
	ajson_put_string(c->a, o, "table", e->table);
	ajson_put_string(c->a, o, "record", e->record);
	add_str(c->a, o, "title", &t);
	add_str(c->a, o, "url", &u);
	buf_free(&t);
	buf_free(&u);
	cJSON_AddItemToArray(cJSON_GetObjectItem(c->day, "entries"), o);
	return true;
}

cJSON *histview_changes_json(const hist *h, const model *m,
			     const cJSON *const *strings, size_t lang, arena *a)
{
	changes_ctx c = { h, say_in(h, m, strings, lang), a, ajson_array(a), NULL,
			  BUF_INIT };
	histview_each(h, add_change_entry, &c);
	buf_free(&c.date);
	return c.days;
}

/* ---- site-gen log ------------------------------------------------------------ */

static const char *const kind_names[] = { "added", "removed", "changed",
					  "renamed" };

/* A value on one line: line breaks shown as \n. */
static void put_value(buf *out, const char *v)
{
	if (!*v)
		buf_puts(out, "(none)");
	for (; *v; v++)
		if (*v == '\n')
			buf_puts(out, "\\n");
		else if (*v != '\r')
			buf_putc(out, *v);
}

static void log_line(const hist_change *c, buf *out)
{
	buf_printf(out, "%s/%s  ", c->table, c->record);
	if (c->kind == HIST_RENAMED) {
		buf_printf(out, "renamed: %s → %s", c->old_value, c->new_value);
	} else if (c->kind != HIST_CHANGED || !*c->field) {
		buf_puts(out, kind_names[c->kind]);
	} else if (!strncmp(c->field, "narrative.", 10)) {
		buf_printf(out, "%s: %s", c->field, !*c->old_value ? "added"
			   : !*c->new_value ? "removed" : "updated");
	} else {
		buf_printf(out, "%s: ", c->field);
		put_value(out, c->old_value);
		buf_puts(out, " → ");
		put_value(out, c->new_value);
	}
}

static cJSON *log_json(arena *a, const hist_change *c, const hist_commit *cm,
		       int offset)
{
	cJSON *o = ajson_object(a);
	buf t = BUF_INIT;
	histview_rfc3339(cm->time, offset, &t);
	add_str(a, o, "time", &t);
	buf_free(&t);
	ajson_put_string(a, o, "commit", cm->id);
	ajson_put_string(a, o, "author", cm->author);
	ajson_put_string(a, o, "summary", cm->summary);
	ajson_put_string(a, o, "kind", kind_names[c->kind]);
	ajson_put_string(a, o, "table", c->table);
	ajson_put_string(a, o, "record", c->record);
	ajson_put_string(a, o, "task", c->task);
	ajson_put_string(a, o, "field", c->field);
	ajson_put_string(a, o, "old", c->old_value);
	ajson_put_string(a, o, "new", c->new_value);
	return o;
}

void histview_log(const hist *h, const model *m, bool json, FILE *out)
{
	size_t n, nc;
	const hist_change *ch = hist_changes(h, &n);
	const hist_commit *commits = hist_commits(h, &nc);
	int off = m->site.utc_offset_min;
	arena *a = json ? arena_new() : NULL;
	cJSON *arr = json ? ajson_array(a) : NULL;
	/* Newest commit first; a commit's changes in the order they were
	 * found (file by file, record by record). */
	for (size_t hi = n, lo; hi > 0; hi = lo) {
		for (lo = hi; lo > 0 && ch[lo - 1].commit == ch[hi - 1].commit; lo--)
			;
		for (size_t i = lo; i < hi; i++) {
			const hist_commit *cm = &commits[ch[i].commit];
			if (arr) {
				cJSON_AddItemToArray(arr, log_json(a, &ch[i], cm, off));
				continue;
			}
			buf line = BUF_INIT, t = BUF_INIT;
			histview_rfc3339(cm->time, off, &t);
			buf_printf(&line, "%.10s %.5s  %.7s  %s  ", t.ptr, t.ptr + 11,
				   cm->id, cm->author);
			log_line(&ch[i], &line);
			fprintf(out, "%s\n", line.ptr);
			buf_free(&line);
			buf_free(&t);
		}
	}
	if (arr) {
		char *s = cJSON_Print(arr);
		fprintf(out, "%s\n", s);
		cJSON_free(s);
		arena_free(a);
	}
}

void histview_stats(const hist *h, FILE *out)
{
	hist_stats s = hist_get_stats(h);
	fprintf(out, "site-gen: history: %zu commits read, %zu from the cache "
		"(%s), %zu files parsed\n", s.commits_walked, s.commits_cached,
		s.cache_hit ? "hit" : "miss", s.blobs_parsed);
}
