/* ledger_cols.c - the sheets' columns (ledger_int.h). The keys of what
 * the content files hold are the schema's; the rest are the ledger's. */
#include "ledger_int.h"
#include "schema.h"

#include <cjson/cJSON.h>
#include <string.h>

/* The theme's words every ledger uses. */
static const char *const ledger_required[] = {
	"ledger_sheet_tasks", "ledger_sheet_metrics", "ledger_sheet_about",
	"ledger_col_id", "ledger_col_text", "ledger_col_lead", "ledger_col_due",
	"ledger_col_last_status", "ledger_col_last_progress",
	"ledger_col_last_as_of", "ledger_col_status", "ledger_col_progress",
	"ledger_col_as_of", "ledger_col_narrative", "ledger_col_evidence", "ledger_col_task",
	"ledger_col_name", "ledger_col_target", "ledger_col_last_actual",
	"ledger_col_actual", "ledger_hint_status", "ledger_refuse_status",
	"ledger_hint_progress", "ledger_refuse_progress", "ledger_hint_as_of",
	"ledger_refuse_as_of", "ledger_hint_actual", "ledger_refuse_actual",
	"ledger_about_title", "ledger_about_unit", "ledger_about_all_units",
	"ledger_about_as_of", "ledger_about_how", "ledger_commit_subject",
	"ledger_commit_several_units", "ledger_commit_body", "hist_field_lang",
	NULL };

static ledger_col col(ledger_sheet s, ledger_field f, const char *name,
		      ledger_kind k, bool input, ledger_langs langs,
		      double width)
{
	return (ledger_col){ s, f, name, k, input, langs, width };
}

size_t ledger_columns(ledger_col out[LEDGER_MAX_COLS])
{
	const schema_column *t = schema_tasks.cols, *mt = schema_metrics.cols;
	const char *const *rk = schema_report_keys;
	size_t n = 0;
	const ledger_sheet T = LEDGER_TASKS, M = LEDGER_METRICS;
	const ledger_kind TX = LEDGER_IS_TEXT, D = LEDGER_IS_DATE,
		N = LEDGER_IS_NUMBER;
	const ledger_langs SRC = LEDGER_SOURCE_LANG, EACH = LEDGER_EACH_LANG;
	out[n++] = col(T, LEDGER_ID, t[SCHEMA_TASK_ID].name, TX, 0, 0, 8);
	out[n++] = col(T, LEDGER_TEXT, t[SCHEMA_TASK_TEXT].name, TX, 0, SRC, 60);
	out[n++] = col(T, LEDGER_LEAD, t[SCHEMA_TASK_LEAD].name, TX, 0, 0, 18);
	out[n++] = col(T, LEDGER_DUE, t[SCHEMA_TASK_DUE].name, D, 0, 0, 12);
	out[n++] = col(T, LEDGER_LAST_STATUS, "last_status", TX, 0, 0, 14);
	out[n++] = col(T, LEDGER_LAST_PROGRESS, "last_progress", N, 0, 0, 16);
	out[n++] = col(T, LEDGER_LAST_AS_OF, "last_as_of", D, 0, 0, 12);
	out[n++] = col(T, LEDGER_STATUS, rk[SCHEMA_REPORT_STATUS], TX, 1, 0, 14);
	out[n++] = col(T, LEDGER_PROGRESS, rk[SCHEMA_REPORT_PROGRESS], N, 1, 0, 12);
	out[n++] = col(T, LEDGER_AS_OF, rk[SCHEMA_REPORT_AS_OF], D, 1, 0, 14);
	out[n++] = col(T, LEDGER_NARRATIVE, "narrative", TX, 1, EACH, 50);
	out[n++] = col(T, LEDGER_EVIDENCE, rk[SCHEMA_REPORT_EVIDENCE], TX, 1, 0, 40);
	out[n++] = col(M, LEDGER_ID, mt[SCHEMA_METRIC_ID].name, TX, 0, 0, 10);
	out[n++] = col(M, LEDGER_TASK, mt[SCHEMA_METRIC_TASK].name, TX, 0, 0, 8);
	out[n++] = col(M, LEDGER_NAME, mt[SCHEMA_METRIC_NAME].name, TX, 0, SRC, 30);
	out[n++] = col(M, LEDGER_TARGET, mt[SCHEMA_METRIC_TARGET].name, TX, 0, 0, 18);
	out[n++] = col(M, LEDGER_LAST_ACTUAL, "last_actual", N, 0, 0, 14);
	out[n++] = col(M, LEDGER_ACTUAL, "actual", N, 1, 0, 14);
	return n;
}

void ledger_key(const ledger_col *c, const char *lang, buf *out)
{
	buf_puts(out, c->name);
	if (c->langs != LEDGER_NO_LANG)
		buf_printf(out, "_%s", lang);
}

int ledger_words_load(ledger_words *w, const char *theme_dir,
		      const model *m, diag *d)
{
	const char *const *required[] = { ledger_required, NULL };
	*w = (ledger_words){ 0 };
	int rc = words_load(&w->set, theme_dir, m->site.languages.v,
			    m->site.n_written, NULL, required, d);
	w->src = rc == 0 ? words_of(&w->set, m->site.languages.v[0]) : NULL;
	return w->src ? 0 : -1;
}

void ledger_words_free(ledger_words *w)
{
	words_free(&w->set);
}

const char *ledger_word(const ledger_words *w, const char *key)
{
	return words_get(w->src, key);
}

void ledger_header(const ledger_words *w, const ledger_col *c,
		   const char *lang, buf *out)
{
	buf word = BUF_INIT, key = BUF_INIT;
	buf_printf(&word, "ledger_col_%s", c->name);
	const char *text = ledger_word(w, word.ptr);
	if (c->langs == LEDGER_EACH_LANG) {
		buf_clear(&key);
		buf_printf(&key, "language_%s", lang);
		const char *name = ledger_word(w, key.ptr);
		const char *const kv[][2] = { { "field", text },
					      { "lang", *name ? name : lang } };
		words_expand(out, ledger_word(w, "hist_field_lang"), kv, 2);
	} else {
		buf_puts(out, text);
	}
	buf_clear(&key);
	ledger_key(c, lang, &key);
	buf_printf(out, " (%s)", key.ptr);
	buf_free(&word), buf_free(&key);
}

static const char *label_in(const cJSON *t, task_status s)
{
	buf key = BUF_INIT;
	buf_printf(&key, "status_%s", model_status_name(s));
	const char *label = words_get(t, key.ptr);
	buf_free(&key);
	return label;
}

const char *ledger_status_label(const ledger_words *w, task_status s)
{
	return label_in(w->src, s);
}

task_status ledger_status_parse(const ledger_words *w, const char *s)
{
	task_status named = model_status_parse(s);
	if (named)
		return named;
	for (size_t l = 0; l < w->set.n; l++)
		for (task_status st = STATUS_NOT_STARTED; st < STATUS_COUNT; st++)
			if (!strcmp(label_in(w->set.v[l], st), s))
				return st;
	return STATUS_NONE;
}
