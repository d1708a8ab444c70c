/* export.c - see export.h; the parts of the module are in export_int.h.
 *
 * Runs the formats of the table below over every table, then the package
 * formats, and keeps the manifest of the files they write.
 */
#include "export_int.h"

#include "arena.h"
#include "digest.h"

#include <cjson/cJSON.h>
#include <locale.h>
#include <stdarg.h>
#include <stdint.h>
#include <string.h>

/* The format table. Their files appear in the manifest, and so on the
 * downloads page and in the JSON-LD, in this order: for each table its
 * files in the order of table_formats, then those of package_formats. */
static export_table_fn *const table_formats[] = {
	export_csv_write,           /* <t>.csv, <t>-excel.csv */
	export_json_write,          /* <t>.json */
	export_csvw_write,          /* <t>.csv-metadata.json */
};
static export_package_fn *const package_formats[] = {
	export_sqlite_write,        /* plan.sqlite */
	export_datapackage_write,   /* datapackage.json */
	export_jsonld_write,        /* the manifest's JSON-LD: lists every file
				       above, so it comes last */
};

const char *export_fmt(struct arena *a, const char *f, ...)
{
	buf b = BUF_INIT;
	va_list ap;
	va_start(ap, f);
	buf_vprintf(&b, f, ap);
	va_end(ap);
	return export_own(a, &b);
}

const char *export_own(struct arena *a, buf *b)
{
	const char *s = arena_strdup(a, buf_cstr(b));
	buf_free(b);
	return s;
}

/* Room for one more file in the manifest. It grows, so that a format
 * need not say how many files it writes; the small start makes every
 * export (and test) take the growing path. */
static export_file *new_file(export_ctx *c)
{
	export_manifest *x = c->out;
	if (x->n == c->cap) {
		size_t cap = c->cap ? 2 * c->cap : 8;
		x->files = arena_grow(c->a, x->files, x->n, cap,
				      sizeof *x->files);
		c->cap = cap;
	}
	return &x->files[x->n++];
}

int export_emit(export_ctx *c, const export_kind *k, const char *path,
		const char *table, ltext title, const void *data, size_t len,
		size_t rows)
{
	if (pub_write(c->p, path, data, len) != 0)
		return -1;
	export_file *f = new_file(c);
	*f = (export_file){
		.path = arena_strdup(c->a, path), .table = table,
		.format = k->format, .media_type = k->media_type,
		.format_label = export_words(c, k->label_key), .title = title,
		.bytes = len,
		.rows = rows };
	digest_sha256_hex(data, len, f->sha256);
	return 0;
}

int export_emit_json(export_ctx *c, const export_kind *k, const char *path,
		     const char *table, ltext title, const cJSON *doc)
{
	char *s = cJSON_Print(doc);
	if (!s) {
		diag_error(c->d, path, 0, 0, "out of memory printing JSON");
		return -1;
	}
	buf b = BUF_INIT;
	buf_puts(&b, s);
	buf_putc(&b, '\n');
	cJSON_free(s);
	int rc = export_emit(c, k, path, table, title, b.ptr, b.len, 0);
	buf_free(&b);
	return rc;
}

static int write_table(export_ctx *c, const export_table *t)
{
	export_grid g = export_tables_grid(c, t);
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < EXPORT_COUNT(table_formats); i++)
		rc = table_formats[i](c, &g);
	export_tables_grid_free(&g);
	return rc;
}

static int write_all(export_ctx *c)
{
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < c->n_tables; i++)
		rc = write_table(c, &c->tables[i]);
	for (size_t i = 0; rc == 0 && i < EXPORT_COUNT(package_formats); i++)
		rc = package_formats[i](c);
	return rc;
}

/* Each language's strings (NULL where `w` lacks it), in `a`. */
static const cJSON **strings_of(const model *m, const words_set *w, arena *a)
{
	size_t n = m->site.languages.n;
	const cJSON **t = arena_alloc(a, n * sizeof *t);
	for (size_t l = 0; l < n; l++)
		t[l] = words_of(w, m->site.languages.v[l]);
	return t;
}

int export_data_changes(const model *m, const words_set *w, long ref,
			const export_change *changes, size_t n, pub *p,
			struct arena *a, export_manifest *out, diag *d)
{
	*out = (export_manifest){ .data_as_of = model_newest_as_of(m) };
	size_t en = model_lang(m, "en");
	export_ctx c = { .m = m, .changes = changes, .n_changes = n, .a = a,
			 .p = p, .d = d, .out = out, .zh = model_lang(m, "zh"),
			 .en = en, .t = strings_of(m, w, a),
			 .main = en == SIZE_MAX ? 0 : en, .ref = ref };
	c.tables = export_tables_new(m, a, &c.n_tables);
	/* A thread-local C locale: number text must not follow the user's
	 * locale (a decimal comma would break both CSV and JSON). */
	locale_t cloc = newlocale(LC_ALL_MASK, "C", (locale_t)0);
	if (cloc == (locale_t)0) {
		diag_error(d, "data", 0, 0, "cannot create the C locale");
		return -1;
	}
	locale_t old = uselocale(cloc);
	int rc = write_all(&c);
	uselocale(old);
	freelocale(cloc);
	return rc;
}

int export_data(const model *m, const words_set *w, long ref, pub *p,
		struct arena *a, export_manifest *out, diag *d)
{
	return export_data_changes(m, w, ref, NULL, 0, p, a, out, d);
}

void export_free(export_manifest *x)
{
	cJSON_Delete(x->jsonld);
	x->jsonld = NULL;
}
