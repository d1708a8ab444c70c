/* test_export.c - the open-data export on tests/fixtures/export-basic:
 * which cells get the formula guard, CSV dialect, BOM, row counts, the
 * manifest and the order of the format table, the JSON-LD, byte-identical
 * output across locales, and the consistency of the table descriptions
 * (export_int.h). */
#include "arena.h"
#include "buf.h"
#include "check.h"
#include "export.h"
#include "export_int.h"
#include "load.h"
#include "text.h"
#include "tap.h"

#include <cjson/cJSON.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FIXTURE "tests/fixtures/export-basic/content"
#define ZH 0   /* the fixture's languages: [zh, en] */
#define EN 1

static words_set words;     /* the default theme's */
static long ref_day;        /* the schedule's reference date: 2023-09-30 */

static char tmp_root[] = "/tmp/test_export.XXXXXX";

static const char *out_path(const char *out, const char *rel)
{
	static char path[512];
	snprintf(path, sizeof path, "%s/%s/%s", tmp_root, out, rel);
	return path;
}

static char *slurp(const char *out, const char *rel, size_t *len)
{
	buf b = BUF_INIT;
	if (buf_read_file(&b, out_path(out, rel)) != 0) {
		buf_free(&b);
		*len = 0;
		return xstrdup("");
	}
	*len = b.len;
	return buf_detach(&b);
}

/* Run the export of `m` into <tmp>/<out>; returns 0 on success. */
static int run_export(const model *m, const export_change *ch, size_t n,
		      const char *out, arena *a, export_manifest *x)
{
	char dir[512];
	snprintf(dir, sizeof dir, "%s/%s", tmp_root, out);
	diag *d = diag_new();
	pub *p = pub_begin(dir, d);
	int rc = -1;
	if (p)
		rc = ch ? export_data_changes(m, &words, ref_day, ch, n, p, a, x, d)
			: export_data(m, &words, ref_day, p, a, x, d);
	if (p)
		rc = rc == 0 ? pub_commit(p, NULL) : (pub_abort(p), -1);
	diag_print(d, stdout);
	diag_free(d);
	return rc;
}

/* The n-th line (0-based, split at CRLF) of a CSV without quoted
 * line breaks. */
static char *csv_line(const char *csv, int n)
{
	const char *s = csv;
	for (int i = 0; i < n && s; i++) {
		s = strstr(s, "\r\n");
		s = s ? s + 2 : NULL;
	}
	if (!s)
		return xstrdup("");
	const char *e = strstr(s, "\r\n");
	return xstrndup(s, e ? (size_t)(e - s) : strlen(s));
}

static void test_escaping(void)
{
	size_t len;
	char *tasks = slurp("a", "data/tasks.csv", &len);
	char *l2 = csv_line(tasks, 2), *l3 = csv_line(tasks, 3);
	/* Then the schedule at 2023-09-30: 137 of the 229 days from the issue
	 * date (2023-05-16) to the due date, 60 % expected; at_risk without
	 * a percentage is yellow; the report is 77 days old. */
	is_str(l2, "t002,g01,finance,化肥用量较上年减少10%。,'=1+1,,2023-12-31,"
	       "at_risk,2023-05-16,2023-12-31,60,,yellow,77",
	       "text =1+1 becomes '=1+1; the task's schedule columns");
	is_str(l3, "t003,g01,agri,\"测试,逗号\",''=already quoted,,,not_reported,"
	       "2023-05-16,2023-12-31,60,,unreported,",
	       "'= gets one more apostrophe; comma cell quoted; no due date: the "
	       "end of plan.period, unreported");
	free(l2);
	free(l3);
	free(tasks);

	char *metrics = slurp("a", "data/metrics.csv", &len);
	char *m2 = csv_line(metrics, 2), *m3 = csv_line(metrics, 3);
	is_str(m2, "t001-m2,t001,粮食产值,Grain output value,eq,23701.71,,"
	       "万元,10k yuan,,,", "comparator = written as its code eq, not "
	       "escaped; 23701.71 kept");
	is_str(m3, "t002-m1,t002,化肥用量,'@SUM(A1),le,-10,,%,%,previous_year,,",
	       "@SUM(A1) escaped, <= as le, numeric -10 unchanged");
	free(m2);
	free(m3);
	free(metrics);

	char *gl = slurp("a", "data/glossary.csv", &len);
	char *g1 = csv_line(gl, 1);
	is_str(g1, "grain,粮食,grain,'-3.5", "text -3.5 escaped");
	free(g1);
	free(gl);

	char *act = slurp("a", "data/actuals.csv", &len);
	char *a3 = csv_line(act, 3);
	is_str(a3, "t002-m1,t002,-10,-3.5,2023-07-15",
	       "numeric actual -3.5 and target -10 unchanged");
	free(a3);
	free(act);

	char *units = slurp("a", "data/units.csv", &len);
	char *u1 = csv_line(units, 1);
	is_str(u1, "agri,区农业农村局,\"Bureau of Agriculture, \"\"Rural\"\" "
	       "Affairs\",区农业局|+86 农业", "quotes doubled; list cell "
	       "not escaped when its first item is safe");
	free(u1);
	free(units);
}

static cJSON *parse_file(const char *out, const char *rel)
{
	size_t len;
	char *s = slurp(out, rel, &len);
	cJSON *j = cJSON_Parse(s);
	free(s);
	return j;
}

static const cJSON *find_row(const cJSON *arr, const char *key,
			     const char *val)
{
	const cJSON *o;
	cJSON_ArrayForEach(o, arr) {
		const cJSON *k = cJSON_GetObjectItemCaseSensitive(o, key);
		if (cJSON_IsString(k) && !strcmp(k->valuestring, val))
			return o;
	}
	return NULL;
}

static const char *str_of(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static void test_json(void)
{
	cJSON *tasks = parse_file("a", "data/tasks.json");
	const cJSON *t2 = find_row(tasks, "id", "t002");
	is_str(str_of(t2, "text_en"), "=1+1", "JSON keeps =1+1 raw");
	is_str(str_of(t2, "url_zh"), "https://example.org/plan/zh/tasks/t002/",
	       "task url_zh");
	is_str(str_of(t2, "url_en"), "https://example.org/plan/en/tasks/t002/",
	       "task url_en");
	ok(cJSON_IsNull(cJSON_GetObjectItem(find_row(tasks, "id", "t001"), "due")),
	   "absent due is null");
	cJSON_Delete(tasks);

	cJSON *metrics = parse_file("a", "data/metrics.json");
	const cJSON *m = find_row(metrics, "id", "t002-m1");
	const cJSON *target = cJSON_GetObjectItem(m, "target");
	ok(cJSON_IsNumber(target) && target->valuedouble == -10,
	   "target -10 is a JSON number");
	is_str(str_of(m, "name_en"), "@SUM(A1)", "JSON keeps @SUM(A1) raw");
	is_str(str_of(m, "url_en"),
	       "https://example.org/plan/en/tasks/t002/#metric-t002-m1",
	       "metric url points at its task page");
	cJSON_Delete(metrics);

	cJSON *units = parse_file("a", "data/units.json");
	const cJSON *al = cJSON_GetObjectItem(find_row(units, "id", "agri"),
					      "aliases");
	ok(cJSON_IsArray(al) && cJSON_GetArraySize(al) == 2, "aliases is a list");
	cJSON_Delete(units);

	cJSON *prog = parse_file("a", "data/progress.json");
	const cJSON *p2 = find_row(prog, "task", "t002");
	is_str(str_of(p2, "narrative_zh"), "=化肥用量仍在上升。",
	       "narrative trimmed and raw");
	ok(cJSON_IsNull(cJSON_GetObjectItem(p2, "progress")),
	   "progress not given is null");
	is_str(str_of(find_row(prog, "task", "t001"), "reported_by"), "agri",
	       "reported_by defaults to the lead");
	cJSON_Delete(prog);
}

static void test_dialect(void)
{
	size_t n1, n2;
	char *csv = slurp("a", "data/tasks.csv", &n1);
	char *xl = slurp("a", "data/tasks-excel.csv", &n2);
	ok(n1 > 3 && memcmp(csv, "\xEF\xBB\xBF", 3) != 0, "no BOM in tasks.csv");
	ok(n2 == n1 + 3 && !memcmp(xl, "\xEF\xBB\xBF", 3) &&
	   !memcmp(xl + 3, csv, n1), "-excel.csv is BOM + the same bytes");
	size_t lf = 0, crlf = 0;
	for (size_t i = 0; i < n1; i++)
		if (csv[i] == '\n') {
			lf++;
			crlf += i && csv[i - 1] == '\r';
		}
	ok(lf == 4 && crlf == 4, "every line ends in CRLF (%zu/%zu)", crlf, lf);
	free(csv);
	free(xl);
	char *hist = slurp("a", "data/history.csv", &n1);
	is_str(hist, "commit,date,author_name,table,record_id,field,old_value,"
	       "new_value,reason\r\n", "history: header only");
	free(hist);
}

static const export_file *manifest_file(const export_manifest *x,
					const char *path)
{
	for (size_t i = 0; i < x->n; i++)
		if (!strcmp(x->files[i].path, path))
			return &x->files[i];
	return NULL;
}

static void test_manifest(const model *m, const export_manifest *x)
{
	static const struct { const char *table; size_t rows; } want[] = {
		{ "units", 2 }, { "sections", 2 }, { "tasks", 3 },
		{ "metrics", 4 }, { "progress", 2 }, { "actuals", 3 },
		{ "evidence", 0 }, { "history", 0 }, { "glossary", 1 } };
	is_int(x->n, 38, "manifest: 4 files per table + plan.sqlite + datapackage.json");
	is_int(m->n_tasks, 3, "fixture has 3 tasks");
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		char p[64];
		snprintf(p, sizeof p, "data/%s-excel.csv", want[i].table);
		const export_file *f = manifest_file(x, p);
		ok(f && f->rows == want[i].rows && !strcmp(f->format, "csv-excel")
		   && !strcmp(f->table, want[i].table), "%s: %zu rows",
		   p, want[i].rows);
	}
	int sizes_ok = 1;
	for (size_t i = 0; i < x->n; i++) {
		size_t len;
		free(slurp("a", x->files[i].path, &len));
		sizes_ok &= len == x->files[i].bytes && len > 0 &&
			*x->files[i].media_type && *ltext_get(x->files[i].title, EN);
	}
	ok(sizes_ok, "every manifest entry exists with its byte count");
	const export_file *dp = manifest_file(x, "data/datapackage.json");
	ok(dp && !strcmp(dp->format, "metadata") && !strcmp(dp->media_type,
	   "application/json"), "datapackage.json in the manifest");
	is_str(x->data_as_of, "2023-07-15", "data_as_of is the newest report");
}

/* The format table's order: per table CSV, Excel CSV, JSON, CSVW; then
 * datapackage.json. The downloads page and the JSON-LD list files in this
 * order, and datapackage.json gives the sizes of the files before it. */
static void test_order(const model *m, arena *a, const export_manifest *x)
{
	static const char *const ends[] = { ".csv", "-excel.csv", ".json",
					    ".csv-metadata.json" };
	buf b = BUF_INIT, got = BUF_INIT;
	size_t n;
	const export_table *tables = export_tables_new(m, a, &n);
	for (size_t t = 0; t < n; t++)
		for (size_t i = 0; i < 4; i++)
			buf_printf(&b, " data/%s%s", tables[t].name, ends[i]);
	buf_puts(&b, " data/plan.sqlite data/datapackage.json");
	for (size_t i = 0; i < x->n; i++)
		buf_printf(&got, " %s", x->files[i].path);
	is_str(got.ptr, b.ptr, "manifest in the order of the format table");
	buf_free(&b);
	buf_free(&got);
	const export_file *f = manifest_file(x, "data/tasks-excel.csv");
	ok(f && !strcmp(ltext_get(f->format_label, EN), "CSV for Excel") &&
	   !strcmp(ltext_get(f->format_label, ZH), "CSV,Excel 适用"),
	   "a file carries the label of its format");
}

static int has_column(const export_table *t, const char *name)
{
	for (size_t i = 0; i < t->ncols; i++)
		if (!strcmp(t->cols[i].name, name))
			return 1;
	return 0;
}

/* The metadata formats follow `ref` to a table and its key: a reference
 * to a table that does not exist, or has no key, would crash them. */
static void test_tables(const model *m, arena *a)
{
	int refs = 1, keys = 1;
	size_t n;
	const export_table *tables = export_tables_new(m, a, &n);
	for (size_t t = 0; t < n; t++) {
		const export_table *tab = &tables[t];
		for (size_t i = 0; tab->key && tab->key[i]; i++)
			keys &= has_column(tab, tab->key[i]);
		for (size_t i = 0; i < tab->ncols; i++) {
			const char *ref = tab->cols[i].ref;
			const export_table *to = ref ?
				export_tables_named(tables, n, ref) : NULL;
			if (ref && !(to && to->key && to->key[0])) {
				printf("# %s.%s: bad reference to %s\n",
				       tab->name, tab->cols[i].name, ref);
				refs = 0;
			}
		}
	}
	ok(keys, "every key names columns of its table");
	ok(refs, "every reference names a table with a key");
	ok(!export_tables_named(tables, n, "nosuch"), "no table called nosuch");
}

static int names_file(const cJSON *dist, const char *url)
{
	const cJSON *d;
	cJSON_ArrayForEach(d, dist) {
		const char *u = str_of(d, "contentUrl");
		if (u && !strcmp(u, url) && !strcmp(str_of(d, "@type"),
						     "DataDownload"))
			return 1;
	}
	return 0;
}

static void test_jsonld(const export_manifest *x)
{
	char *text = cJSON_Print(x->jsonld);
	cJSON *ld = cJSON_Parse(text);
	free(text);
	ok(ld != NULL, "JSON-LD prints and parses");
	is_str(str_of(ld, "@type"), "Dataset", "@type Dataset");
	const cJSON *dist = cJSON_GetObjectItem(ld, "distribution");
	is_int(cJSON_GetArraySize(dist), x->n, "one distribution per file");
	int all = 1;
	for (size_t i = 0; i < x->n; i++) {
		char url[256];
		snprintf(url, sizeof url, "https://example.org/plan/%s",
			 x->files[i].path);
		all &= names_file(dist, url);
	}
	ok(all, "every file is named by a DataDownload contentUrl");
	const cJSON *name = cJSON_GetObjectItem(ld, "name");
	ok(cJSON_GetArraySize(name) == 2 && !strcmp(str_of(
	   cJSON_GetArrayItem(name, 0), "@language"), "zh"),
	   "name in zh and en");
	is_str(str_of(ld, "temporalCoverage"), "2023", "temporalCoverage");
	is_str(str_of(ld, "license"),
	       "https://creativecommons.org/licenses/by/4.0/", "license URL");
	cJSON_Delete(ld);
}

static void test_history(const model *m)
{
	static const export_change ch[] = {
		{ "0123abcd", "2023-07-01", "Li Lei", "tasks", "t002",
		  "text_en", "Cut fertiliser", "=1+1", "=reason" },
		{ "0123abcd", "2023-07-01", "Li Lei", "units", "gone",
		  "name_en", "+old", "", "" } };
	arena *a = arena_new();
	test_tables(m, a);  /* first: a bad reference crashes the export */
	export_manifest x;
	ok(run_export(m, ch, 2, "h", a, &x) == 0, "export with history rows");
	const export_file *f = manifest_file(&x, "data/history.csv");
	ok(f && f->rows == 2, "history has 2 rows");
	size_t len;
	char *csv = slurp("h", "data/history.csv", &len);
	char *l1 = csv_line(csv, 1), *l2 = csv_line(csv, 2);
	is_str(l1, "0123abcd,2023-07-01,Li Lei,tasks,t002,text_en,"
	       "Cut fertiliser,'=1+1,'=reason", "history values escaped, the reason too");
	is_str(l2, "0123abcd,2023-07-01,Li Lei,units,gone,name_en,'+old,,",
	       "history row of a removed record");
	free(l1);
	free(l2);
	free(csv);
	cJSON *js = parse_file("h", "data/history.json");
	ok(cJSON_IsNull(cJSON_GetObjectItem(cJSON_GetArrayItem(js, 1), "url_zh")),
	   "no URL for a removed record");
	cJSON_Delete(js);
	export_free(&x);
	arena_free(a);
}

/* Same content, another locale and time zone: the same bytes. */
static void test_deterministic(const model *m, const export_manifest *x)
{
	setenv("TZ", "America/New_York", 1);
	/* A decimal-comma locale where one is installed. */
	static const char *const locales[] = { "de_DE.UTF-8", "fr_FR.UTF-8",
					       "ru_RU.UTF-8", "C.UTF-8" };
	const char *where = NULL;
	for (size_t i = 0; !where && i < 4; i++)
		where = setlocale(LC_ALL, locales[i]);
	arena *a = arena_new();
	export_manifest y;
	ok(run_export(m, NULL, 0, "b", a, &y) == 0, "second export (%s)",
	   where ? where : "C");
	int same = y.n == x->n;
	for (size_t i = 0; same && i < x->n; i++) {
		size_t n1, n2;
		char *s1 = slurp("a", x->files[i].path, &n1);
		char *s2 = slurp("b", x->files[i].path, &n2);
		same = n1 == n2 && !memcmp(s1, s2, n1);
		free(s1);
		free(s2);
	}
	ok(same, "byte-identical across runs, locales and time zones");
	setlocale(LC_ALL, "C");
	export_free(&y);
	arena_free(a);
}

int main(void)
{
	if (!mkdtemp(tmp_root) || !text_parse_date("2023-09-30", &ref_day))
		return 1;
	diag *d = diag_new();
	model *m = load_content(FIXTURE, d);
	check_model(m, d);
	const char *const *required[] = { export_required_strings, NULL };
	ok(words_load(&words, "themes/default", m->site.languages.v,
		      m->site.languages.n, NULL, required, d) == 0,
	   "the theme's strings load");
	diag_print(d, stdout);
	ok(diag_errors(d) == 0, "fixture loads without errors");
	diag_free(d);
	arena *a = arena_new();
	export_manifest x;
	ok(run_export(m, NULL, 0, "a", a, &x) == 0, "export_data succeeds");
	test_escaping();
	test_json();
	test_dialect();
	test_manifest(m, &x);
	test_order(m, a, &x);
	test_jsonld(&x);
	test_history(m);
	test_deterministic(m, &x);
	export_free(&x);
	arena_free(a);
	model_free(m);
	words_free(&words);
	pub_remove_tree(tmp_root);
	return done_testing();
}
