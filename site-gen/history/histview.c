#include "histview.h"
#include "route.h"
#include "smap.h"

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

/* `t` as the sentences' language shows it: they are in Chinese or in
 * English (`zh` false), and only English falls back to the Chinese. */
static const char *in_words(const model *m, ltext t, bool zh)
{
	size_t l = model_lang(m, zh ? "zh" : "en");
	return l == SIZE_MAX ? ltext_get(t, 0) : zh ? ltext_get(t, l)
		: model_text(m, t, l);
}

/* The sentences exist in Chinese and English: a language gets the one
 * its fallback chain meets first (zh-Hant → zh; fr → en), else Chinese. */
static bool zh_words(const model *m, const char *lang)
{
	size_t l = model_lang(m, lang);
	if (l == SIZE_MAX)
		return strcmp(lang, "en") != 0;
	for (const size_t *c = m->site.lang_chain[l]; *c != SIZE_MAX; c++) {
		const char *tag = m->site.languages.v[*c];
		if (!strcmp(tag, "zh") || !strcmp(tag, "en"))
			return !strcmp(tag, "zh");
	}
	return true;
}

void histview_entry_title(const model *m, const histview_entry *e,
			  const char *lang, buf *out)
{
	bool zh = zh_words(m, lang);
	const unit *u = model_unit(m, e->record);
	if (*e->task)
		buf_printf(out, zh ? "任务 %s" : "Task %s", e->task);
	else if (!strcmp(e->table, "units") && u)
		buf_puts(out, in_words(m, u->name, zh));
	else if (!strcmp(e->table, "file"))
		buf_puts(out, e->record);
	else
		buf_printf(out, "%s %s", zh ? !strcmp(e->table, "units") ? "单位"
				: "部分" : !strcmp(e->table, "units") ? "Unit"
				: "Section", e->record);
}

/* ---- sentences ------------------------------------------------------------ */

typedef struct words {
	const char *zh, *en;
} words;

/* The same words as the default theme's status labels (status_* in its
 * i18n files), so a timeline names a status as the page above it does. */
static const words status_words[STATUS_COUNT] = {
	{ "尚未报告", "not reported" }, { "未启动", "not started" },
	{ "按计划推进", "on track" }, { "存在风险", "at risk" },
	{ "滞后", "delayed" }, { "已完成", "completed" },
	{ "已撤销", "withdrawn" },
};

static const char *w(const words *x, bool zh)
{
	return zh ? x->zh : x->en;
}

/* A number as readers write it: "1,900" in English, "1900" in Chinese. */
static void put_number(buf *out, const char *v, bool zh)
{
	const char *neg = *v == '-' ? "-" : "", *digits = v + (*v == '-');
	size_t n = strspn(digits, "0123456789");
	if (zh || (digits[n] != '\0' && digits[n] != '.')) {
		buf_puts(out, v);
		return;
	}
	buf_puts(out, neg);
	for (size_t i = 0; i < n; i++) {
		if (i && (n - i) % 3 == 0)
			buf_putc(out, ',');
		buf_putc(out, digits[i]);
	}
	buf_puts(out, digits + n);
}

typedef struct amount_of {
	const model *m;
	const metric *mt;            /* NULL: a metric no longer there */
} amount_of;

static void put_amount(buf *out, const char *v, const amount_of *a, bool zh)
{
	put_number(out, v, zh);
	size_t l = model_lang(a->m, zh ? "zh" : "en");
	const char *u = a->mt && l != SIZE_MAX ? ltext_get(a->mt->unit, l) : "";
	if (*u)
		buf_printf(out, "%s%s", zh || !strcmp(u, "%") ? "" : " ", u);
}

static void put_status(buf *out, const char *v, bool zh)
{
	task_status s = model_status_parse(v);
	buf_puts(out, *v && !s ? v : w(&status_words[s], zh));
}

static void put_unit(const model *m, buf *out, const char *id, bool zh)
{
	const unit *u = model_unit(m, id);
	buf_puts(out, u ? in_words(m, u->name, zh) : id);
}

typedef void (*put_fn)(buf *out, const char *v, const void *arg, bool zh);

static void put_plain(buf *out, const char *v, const void *arg, bool zh)
{
	(void)arg;
	buf_puts(out, *v ? v : zh ? "无" : "none");
}

static void put_amount_fn(buf *out, const char *v, const void *arg, bool zh)
{
	put_amount(out, v, arg, zh);
}

static void put_status_fn(buf *out, const char *v, const void *arg, bool zh)
{
	(void)arg;
	put_status(out, v, zh);
}

static void put_unit_fn(buf *out, const char *v, const void *arg, bool zh)
{
	put_unit(arg, out, v, zh);
}

static void put_percent_fn(buf *out, const char *v, const void *arg, bool zh)
{
	(void)arg;
	(void)zh;
	buf_printf(out, "%s%%", v);
}

/* "label:old → new", or "label:new" when there was no old value. The
 * separator after the label differs: "目标调整:" but "进度 40%". */
static void put_change(buf *out, const char *label, const char *sep,
		       const hist_change *c, put_fn put, const void *arg,
		       bool zh)
{
	buf_printf(out, "%s%s", label, sep);
	if (*c->old_value) {
		put(out, c->old_value, arg, zh);
		buf_puts(out, " → ");
	}
	put(out, c->new_value, arg, zh);
}

/* "(粮食播种面积)" after a metric's sentence when its task has several. */
static void put_metric_name(const model *m, buf *out, const metric *mt,
			    bool zh)
{
	if (mt && mt->task && mt->task->n_metrics > 1)
		buf_printf(out, zh ? "(%s)" : " (%s)",
			   in_words(m, mt->name, zh));
}

static bool metric_text(const model *m, const hist_change *c, bool zh,
			buf *out)
{
	const metric *mt = model_metric(m, c->record);
	const char *name = mt ? in_words(m, mt->name, zh) : c->record;
	if (c->kind != HIST_CHANGED)
		buf_printf(out, "%s%s", c->kind == HIST_ADDED
			   ? zh ? "新增指标:" : "metric added: "
			   : zh ? "删除指标:" : "metric removed: ", name);
	else if (!strcmp(c->field, "target") || !strcmp(c->field, "target_max"))
		put_change(out, strcmp(c->field, "target")
			   ? zh ? "目标上限调整" : "target ceiling revised"
			   : zh ? "目标调整" : "target revised", zh ? ":" : ": ",
			   c, put_amount_fn, &(amount_of){ m, mt }, zh);
	else
		buf_printf(out, zh ? "指标%s已修改:%s" : "metric %s changed: %s",
			   c->field, name);
	if (c->kind == HIST_CHANGED && strncmp(c->field, "target", 6) == 0)
		put_metric_name(m, out, mt, zh);
	return true;
}

static bool progress_field_text(const model *m, const hist_change *c,
				const char *lang, bool zh, buf *out)
{
	if (!*c->new_value)
		return false; /* part of a removal, said once by its event */
	if (!strcmp(c->field, "status")) {
		put_change(out, zh ? "状态" : "status", zh ? ":" : ": ", c,
			   put_status_fn, NULL, zh);
	} else if (!strcmp(c->field, "progress")) {
		put_change(out, zh ? "进度" : "progress", " ", c, put_percent_fn,
			   NULL, zh);
	} else if (!strcmp(c->field, "reported_by")) {
		put_change(out, zh ? "填报单位" : "reported by", zh ? ":" : ": ",
			   c, put_unit_fn, m, zh);
	} else if (!strncmp(c->field, "metrics.", 8)) {
		const metric *mt = model_metric(m, c->field + 8);
		put_change(out, zh ? "实际完成" : "actual", zh ? ":" : ": ", c,
			   put_amount_fn, &(amount_of){ m, mt }, zh);
		put_metric_name(m, out, mt, zh);
	} else if (!strncmp(c->field, "narrative.", 10) &&
		   !strcmp(c->field + 10, lang)) {
		buf_puts(out, zh ? "进展说明已更新" : "narrative updated");
	} else {
		return false; /* as_of: the entry's date says it */
	}
	return true;
}

static bool progress_text(const model *m, const hist_change *c,
			  const char *lang, bool zh, buf *out)
{
	size_t n = c->kind == HIST_RENAMED ? strlen(c->old_value) : 0;
	const char *src = m->site.languages.v[0];
	size_t sfx = strlen(src) + 4;          /* ".zh.md" */
	switch (c->kind) {
	case HIST_ADDED:
		buf_puts(out, zh ? "首次报告" : "first report");
		return true;
	case HIST_REMOVED:
		buf_puts(out, zh ? "进展报告已删除" : "report removed");
		return true;
	case HIST_RENAMED:
		/* Said once, for the source-language file that carries the
		 * report. */
		if (n < sfx + 9 || c->old_value[n - sfx] != '.' ||
		    strncmp(c->old_value + n - sfx + 1, src, sfx - 4))
			return false;
		buf_printf(out, zh ? "进展报告由 %.*s 移至 %s"
			   : "report moved from %.*s to %s", (int)(n - sfx - 9),
			   c->old_value + 9, c->record);
		return true;
	default:
		return progress_field_text(m, c, lang, zh, out);
	}
}

static bool task_text(const model *m, const hist_change *c, const char *lang,
		      bool zh, buf *out)
{
	static const struct { const char *field; words label; } fields[] = {
		{ "lead", { "牵头单位", "lead unit" } },
		{ "due", { "完成时限", "due date" } },
		{ "section", { "所属部分", "section" } },
	};
	if (c->kind != HIST_CHANGED) {
		buf_puts(out, c->kind == HIST_ADDED ? zh ? "新增任务" : "task added"
			 : zh ? "任务已撤销(从计划中删除)"
			      : "task withdrawn (removed from the plan)");
		return true;
	}
	if (!strncmp(c->field, "text_", 5)) {
		if (strcmp(c->field + 5, lang))
			return false;
		buf_puts(out, zh ? "任务表述已修改" : "task wording revised");
		return true;
	}
	for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
		if (!strcmp(c->field, fields[i].field)) {
			put_change(out, w(&fields[i].label, zh), zh ? ":" : ": ", c,
				   i ? put_plain : put_unit_fn, m, zh);
			return true;
		}
	put_change(out, c->field, zh ? ":" : ": ", c, put_plain, NULL, zh);
	return true;
}

static bool other_text(const hist_change *c, bool zh, buf *out)
{
	static const words added[] = { { "新增单位", "unit added" },
				       { "新增部分", "section added" },
				       { "新增文件:", "file added: " } };
	static const words removed[] = { { "单位已删除", "unit removed" },
					 { "部分已删除", "section removed" },
					 { "文件已删除:", "file removed: " } };
	int k = !strcmp(c->table, "units") ? 0 : !strcmp(c->table, "sections")
						     ? 1 : 2;
	if (c->kind == HIST_ADDED || c->kind == HIST_REMOVED)
		buf_puts(out, w(c->kind == HIST_ADDED ? &added[k] : &removed[k], zh));
	else if (k == 2)
		buf_puts(out, zh ? "文件已更新:" : "file updated: ");
	else
		put_change(out, c->field, zh ? ":" : ": ", c, put_plain, NULL, zh);
	if (k == 2)
		buf_puts(out, c->record);
	return true;
}

bool histview_change_text(const model *m, const hist_change *c,
			  const char *lang, buf *out)
{
	bool zh = zh_words(m, lang);
	if (!strcmp(c->table, "tasks"))
		return task_text(m, c, lang, zh, out);
	if (!strcmp(c->table, "metrics"))
		return metric_text(m, c, zh, out);
	if (!strcmp(c->table, "progress"))
		return progress_text(m, c, lang, zh, out);
	return other_text(c, zh, out);
}

/* ---- JSON ---------------------------------------------------------------- */

static void add_str(cJSON *o, const char *key, const buf *b)
{
	cJSON_AddStringToObject(o, key, buf_cstr(b));
}

/* A new version of the report's text in `lang` keeps its Markdown, so
 * that pages can show every earlier version. */
static void add_narrative(cJSON *o, const hist_change *c, const char *lang)
{
	if (!strcmp(c->table, "progress") && !strncmp(c->field, "narrative.", 10) &&
	    !strcmp(c->field + 10, lang) && *c->new_value)
		cJSON_AddStringToObject(o, "narrative_md", c->new_value);
}

/* {date, time, author, summary, commit, commit_short, commit_url, changes},
 * or NULL when nothing of the entry shows in `lang`; with `narratives`,
 * new versions of a report's text too (add_narrative). */
static cJSON *entry_json(const hist *h, const model *m,
			 const histview_entry *e, const char *lang,
			 bool narratives)
{
	size_t n;
	const hist_change *ch = hist_changes(h, &n);
	cJSON *changes = cJSON_CreateArray();
	for (size_t i = 0; i < e->n; i++) {
		buf t = BUF_INIT;
		if (histview_change_text(m, &ch[e->changes[i]], lang, &t)) {
			cJSON *c = cJSON_CreateObject();
			add_str(c, "text", &t);
			if (narratives)
				add_narrative(c, &ch[e->changes[i]], lang);
			cJSON_AddItemToArray(changes, c);
		}
		buf_free(&t);
	}
	if (!cJSON_GetArraySize(changes)) {
		cJSON_Delete(changes);
		return NULL;
	}
	int off = m->site.utc_offset_min;
	buf date = BUF_INIT, time = BUF_INIT, url = BUF_INIT;
	histview_date(e->commit->time, off, &date);
	histview_rfc3339(e->commit->time, off, &time);
	histview_commit_url(m, e->commit->id, &url);
	cJSON *o = cJSON_CreateObject();
	add_str(o, "date", &date);
	add_str(o, "time", &time);
	cJSON_AddStringToObject(o, "author", e->commit->author);
	cJSON_AddStringToObject(o, "summary", e->commit->summary);
	cJSON_AddStringToObject(o, "commit", e->commit->id);
	char short_id[8];
	snprintf(short_id, sizeof short_id, "%.7s", e->commit->id);
	cJSON_AddStringToObject(o, "commit_short", short_id);
	add_str(o, "commit_url", &url);
	cJSON_AddItemToObject(o, "changes", changes);
	buf_free(&date);
	buf_free(&time);
	buf_free(&url);
	return o;
}

cJSON *histview_timeline_json(const hist *h, const model *m,
			      const char *task_id, const char *lang)
{
	cJSON *arr = cJSON_CreateArray();
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
		cJSON *o = entry_json(h, m, &e, lang, true);
		if (o)
			cJSON_AddItemToArray(arr, o);
		free(sorted);
	}
	return arr;
}

typedef struct changes_ctx {
	const hist *h;
	const model *m;
	const char *lang;
	cJSON *days, *day;
	buf date;
} changes_ctx;

static bool add_change_entry(void *ctx, const histview_entry *e)
{
	changes_ctx *c = ctx;
	cJSON *o = entry_json(c->h, c->m, e, c->lang, false);
	if (!o)
		return true;
	cJSON *date = cJSON_GetObjectItem(o, "date");
	if (!c->day || strcmp(date->valuestring, buf_cstr(&c->date))) {
		buf_clear(&c->date);
		buf_puts(&c->date, date->valuestring);
		c->day = cJSON_CreateObject();
		cJSON_AddStringToObject(c->day, "date", date->valuestring);
		cJSON_AddItemToObject(c->day, "entries", cJSON_CreateArray());
		cJSON_AddItemToArray(c->days, c->day);
	}
	buf t = BUF_INIT, u = BUF_INIT;
	histview_entry_title(c->m, e, c->lang, &t);
	histview_entry_url(c->m, e, c->lang, &u);
	cJSON_AddStringToObject(o, "task", e->task);
	cJSON_AddStringToObject(o, "table", e->table);
	cJSON_AddStringToObject(o, "record", e->record);
	add_str(o, "title", &t);
	add_str(o, "url", &u);
	buf_free(&t);
	buf_free(&u);
	cJSON_AddItemToArray(cJSON_GetObjectItem(c->day, "entries"), o);
	return true;
}

cJSON *histview_changes_json(const hist *h, const model *m, const char *lang)
{
	changes_ctx c = { h, m, lang, cJSON_CreateArray(), NULL, BUF_INIT };
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

static cJSON *log_json(const hist_change *c, const hist_commit *cm,
		       int offset)
{
	cJSON *o = cJSON_CreateObject();
	buf t = BUF_INIT;
	histview_rfc3339(cm->time, offset, &t);
	add_str(o, "time", &t);
	buf_free(&t);
	cJSON_AddStringToObject(o, "commit", cm->id);
	cJSON_AddStringToObject(o, "author", cm->author);
	cJSON_AddStringToObject(o, "summary", cm->summary);
	cJSON_AddStringToObject(o, "kind", kind_names[c->kind]);
	cJSON_AddStringToObject(o, "table", c->table);
	cJSON_AddStringToObject(o, "record", c->record);
	cJSON_AddStringToObject(o, "task", c->task);
	cJSON_AddStringToObject(o, "field", c->field);
	cJSON_AddStringToObject(o, "old", c->old_value);
	cJSON_AddStringToObject(o, "new", c->new_value);
	return o;
}

void histview_log(const hist *h, const model *m, bool json, FILE *out)
{
	size_t n, nc;
	const hist_change *ch = hist_changes(h, &n);
	const hist_commit *commits = hist_commits(h, &nc);
	int off = m->site.utc_offset_min;
	cJSON *arr = json ? cJSON_CreateArray() : NULL;
	/* Newest commit first; a commit's changes in the order they were
	 * found (file by file, record by record). */
	for (size_t hi = n, lo; hi > 0; hi = lo) {
		for (lo = hi; lo > 0 && ch[lo - 1].commit == ch[hi - 1].commit; lo--)
			;
		for (size_t i = lo; i < hi; i++) {
			const hist_commit *cm = &commits[ch[i].commit];
			if (arr) {
				cJSON_AddItemToArray(arr, log_json(&ch[i], cm, off));
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
		cJSON_Delete(arr);
	}
}

void histview_stats(const hist *h, FILE *out)
{
	hist_stats s = hist_get_stats(h);
	fprintf(out, "site-gen: history: %zu commits read, %zu from the cache "
		"(%s), %zu files parsed\n", s.commits_walked, s.commits_cached,
		s.cache_hit ? "hit" : "miss", s.blobs_parsed);
}
