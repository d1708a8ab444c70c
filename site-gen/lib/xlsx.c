/* xlsx.c - XLSX workbooks through libzip (the package) and libxml2's
 * streaming reader (the parts): see xlsx.h. */
#include "xlsx.h"

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/xmlreader.h>
#include <zip.h>

#include "buf.h"
#include "text.h"

/* Sheets per workbook: far beyond any real one, but it bounds the work a
 * hostile workbook of tiny parts can ask for. */
#define MAX_SHEETS 10000

static const char *const main_ns[] = {
	"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
	"http://purl.oclc.org/ooxml/spreadsheetml/main",   /* strict */
};
static const char *const rel_attr_ns[] = {
	"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
	"http://purl.oclc.org/ooxml/officeDocument/relationships",
};
static const char pkg_rel_ns[] =
	"http://schemas.openxmlformats.org/package/2006/relationships";

/* Days since 1970-01-01 of the day before serial 1 (1900 system), and of
 * serial 0 (1904 system). */
#define EPOCH_1900 (-25568L)
#define EPOCH_1904 (-24107L)

typedef struct rel {
	const char *id, *type, *target;   /* type: the URI's last segment */
} rel;

typedef struct rd {
	const char *path;
	arena *a;
	diag *d;
	zip_t *z;
	size_t total;             /* bytes read from all parts */
	bool failed;
	bool date1904;
	const char **sst;         /* shared strings */
	size_t n_sst;
	bool *xf_date;            /* per cellXfs entry: a date format */
	size_t n_xf;
} rd;

__attribute__((format(printf, 2, 3)))
static void fail(rd *r, const char *fmt, ...)
{
	if (r->failed)
		return;
	r->failed = true;
	buf msg = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	diag_error(r->d, r->path, 0, 0, "%s", buf_cstr(&msg));
	buf_free(&msg);
}

/* ---- the package ---- */

/* Read part `name` into `out`. 1 when read, 0 when there is no such part,
 * -1 after an error. */
static int read_part(rd *r, const char *name, buf *out)
{
	zip_int64_t i = zip_name_locate(r->z, name, ZIP_FL_NOCASE);
	if (i < 0)
		return 0;
	zip_stat_t st;
	zip_stat_init(&st);
	if (zip_stat_index(r->z, (zip_uint64_t)i, 0, &st) == 0 &&
	    (st.valid & ZIP_STAT_SIZE) && st.size > XLSX_MAX_PART) {
		fail(r, "the part %s is larger than %u MiB uncompressed (refused)",
		     name, XLSX_MAX_PART >> 20);
		return -1;
	}
	zip_file_t *f = zip_fopen_index(r->z, (zip_uint64_t)i, 0);
	if (!f) {
		fail(r, "cannot read the part %s (%s)", name, zip_strerror(r->z));
		return -1;
	}
	/* The declared size may lie: count what comes out. */
	for (;;) {
		buf_grow(out, 65536);
		zip_int64_t n = zip_fread(f, out->ptr + out->len, 65536);
		if (n < 0) {
			fail(r, "cannot read the part %s (%s)", name, zip_file_strerror(f));
			break;
		}
		if (n == 0)
			break;
		out->len += (size_t)n;
		out->ptr[out->len] = '\0';
		r->total += (size_t)n;
		if (out->len > XLSX_MAX_PART) {
			fail(r, "the part %s is larger than %u MiB uncompressed (refused)",
			     name, XLSX_MAX_PART >> 20);
			break;
		}
		if (r->total > XLSX_MAX_BOOK) {
			fail(r, "the workbook is larger than %u MiB uncompressed (refused)",
			     XLSX_MAX_BOOK >> 20);
			break;
		}
	}
	zip_fclose(f);
	return r->failed ? -1 : 1;
}

/* Part name `target` relative to the folder of part `from` ("" for the
 * package), with "." and ".." resolved; NULL when it leaves the package. */
static char *resolve(arena *a, const char *from, const char *target)
{
	buf p = BUF_INIT;
	if (target[0] != '/') {
		const char *slash = strrchr(from, '/');
		if (slash)
			buf_put(&p, from, (size_t)(slash - from) + 1);
	}
	buf_puts(&p, target);
	buf out = BUF_INIT;
	const char *s = p.ptr ? p.ptr : "";
	bool ok = true;
	while (*s) {
		const char *e = strchr(s, '/');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		if (n == 0 || (n == 1 && s[0] == '.')) {
			/* nothing */
		} else if (n == 2 && s[0] == '.' && s[1] == '.') {
			char *up = out.len ? strrchr(out.ptr, '/') : NULL;
			if (!out.len)
				ok = false;
			buf_truncate(&out, up ? (size_t)(up - out.ptr) : 0);
		} else {
			if (out.len)
				buf_putc(&out, '/');
			buf_put(&out, s, n);
		}
		s += n + (e != NULL);
	}
	char *res = ok && out.len ? arena_strdup(a, out.ptr) : NULL;
	buf_free(&p);
	buf_free(&out);
	return res;
}

/* ---- XML ---- */

typedef struct xr {
	xmlTextReaderPtr rd;
	rd *r;
	const char *part;
} xr;

static void xml_error(void *arg, xmlErrorPtr e)
{
	xr *x = arg;
	if (!e || e->level < XML_ERR_ERROR)
		return;
	const char *m = e->message ? e->message : "error";
	size_t n = strlen(m);
	while (n && (m[n - 1] == '\n' || m[n - 1] == ' '))
		n--;
	fail(x->r, "the part %s is not well-formed XML (line %d: %.*s)", x->part,
	     e->line, (int)n, m);
}

static bool xr_open(xr *x, rd *r, const char *part, const buf *data)
{
	x->r = r;
	x->part = part;
	/* No XML_PARSE_NOENT: entities are not expanded; no network. */
	x->rd = xmlReaderForMemory(data->ptr ? data->ptr : "", (int)data->len,
				   part, NULL, XML_PARSE_NONET);
	if (!x->rd) {
		fail(r, "cannot read the part %s (out of memory)", part);
		return false;
	}
	xmlTextReaderSetStructuredErrorHandler(x->rd, xml_error, x);
	return true;
}

/* 1 at the next node, 0 at the end, -1 after an error (reported). */
static int xr_next(xr *x)
{
	int rc = xmlTextReaderRead(x->rd);
	if (rc < 0 || x->r->failed) {
		fail(x->r, "the part %s is not well-formed XML", x->part);
		return -1;
	}
	return rc;
}

static void xr_close(xr *x)
{
	xmlFreeTextReader(x->rd);
}

static int xr_type(xr *x) { return xmlTextReaderNodeType(x->rd); }
static int xr_depth(xr *x) { return xmlTextReaderDepth(x->rd); }

static bool in_ns(xr *x, const char *const *ns, size_t n)
{
	const char *u = (const char *)xmlTextReaderConstNamespaceUri(x->rd);
	for (size_t i = 0; u && i < n; i++)
		if (strcmp(u, ns[i]) == 0)
			return true;
	return false;
}

/* An element of the main namespace named `name` starts (type 1) or ends
 * (type 15) here. */
static bool is_el(xr *x, int type, const char *name)
{
	if (xr_type(x) != type)
		return false;
	const char *l = (const char *)xmlTextReaderConstLocalName(x->rd);
	return l && strcmp(l, name) == 0 && in_ns(x, main_ns, 2);
}

static bool starts(xr *x, const char *name) { return is_el(x, XML_READER_TYPE_ELEMENT, name); }
static bool ends(xr *x, const char *name) { return is_el(x, XML_READER_TYPE_END_ELEMENT, name); }
static bool empty(xr *x) { return xmlTextReaderIsEmptyElement(x->rd) == 1; }

static bool is_text(int type)
{
	return type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
	       type == XML_READER_TYPE_WHITESPACE ||
	       type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
}

static const char *value(xr *x)
{
	const char *v = (const char *)xmlTextReaderConstValue(x->rd);
	return v ? v : "";
}

/* The attribute `name` (no namespace) in the arena, or NULL. */
static char *attr(xr *x, const char *name)
{
	xmlChar *v = xmlTextReaderGetAttribute(x->rd, (const xmlChar *)name);
	if (!v)
		return NULL;
	char *s = arena_strdup(x->r->a, (const char *)v);
	xmlFree(v);
	return s;
}

/* The attribute `name` into `tmp` (short values: cell references, types,
 * indexes); one that does not fit becomes "\x01", which no caller
 * accepts. NULL when absent. */
static const char *attr_tmp(xr *x, const char *name, char *tmp, size_t cap)
{
	xmlChar *v = xmlTextReaderGetAttribute(x->rd, (const xmlChar *)name);
	if (!v)
		return NULL;
	size_t n = strlen((const char *)v);
	if (n < cap)
		memcpy(tmp, v, n + 1);
	else
		strcpy(tmp, "\x01");
	xmlFree(v);
	return tmp;
}

/* ST_Xstring: "_xHHHH_" is the UTF-16 code unit HHHH ("_x005F_" an
 * underscore). A lone surrogate or NUL stays as written. */
static int hex4(const char *s)
{
	int v = 0;
	for (int i = 0; i < 4; i++) {
		char c = s[i];
		int d = c >= '0' && c <= '9' ? c - '0'
		      : c >= 'a' && c <= 'f' ? c - 'a' + 10
		      : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
		if (d < 0)
			return -1;
		v = v * 16 + d;
	}
	return v;
}

static int escape_at(const char *s)
{
	return s[0] == '_' && s[1] == 'x' && s[2] && s[3] && s[4] && s[5] &&
	       s[6] == '_' ? hex4(s + 2) : -1;
}

static void put_utf8(buf *b, uint32_t cp)
{
	char u[4];
	size_t n;
	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | cp >> 6);
		u[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xE0 | cp >> 12);
		u[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		u[0] = (char)(0xF0 | cp >> 18);
		u[1] = (char)(0x80 | (cp >> 12 & 0x3F));
		u[2] = (char)(0x80 | (cp >> 6 & 0x3F));
		u[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	buf_put(b, u, n);
}

static const char *xstring(arena *a, const char *s, size_t len)
{
	if (!memchr(s, '_', len))
		return arena_strndup(a, s, len);
	buf b = BUF_INIT;
	for (size_t i = 0; i < len;) {
		int cp = len - i >= 7 ? escape_at(s + i) : -1;
		if (cp >= 0xD800 && cp < 0xDC00 && len - i >= 14) {
			int lo = escape_at(s + i + 7);
			if (lo >= 0xDC00 && lo < 0xE000) {
				put_utf8(&b, 0x10000 + (((uint32_t)cp - 0xD800) << 10) +
						     ((uint32_t)lo - 0xDC00));
				i += 14;
				continue;
			}
		}
		if (cp > 0 && (cp < 0xD800 || cp >= 0xE000)) {
			put_utf8(&b, (uint32_t)cp);
			i += 7;
		} else {
			buf_putc(&b, s[i]);
			i++;
		}
	}
	const char *res = arena_strndup(a, buf_cstr(&b), b.len);
	buf_free(&b);
	return res;
}

/* Text of a string item (<si>, <is>) whose element is at depth `root`:
 * its <t>, and the <t> of its runs <r>; not the phonetic runs <rPh>. */
typedef struct runs {
	int root;
	bool in_r, collect;
	buf text;
} runs;

static void runs_node(runs *u, xr *x, int type, int depth)
{
	if (starts(x, "r") && depth == u->root + 1)
		u->in_r = !empty(x);
	else if (starts(x, "t") && !empty(x) &&
		 (depth == u->root + 1 || (depth == u->root + 2 && u->in_r)))
		u->collect = true;
	else if (ends(x, "t"))
		u->collect = false;
	else if (ends(x, "r") && depth == u->root + 1)
		u->in_r = false;
	else if (u->collect && is_text(type))
		buf_puts(&u->text, value(x));
}

/* ---- relationships ---- */

/* The relationships of part `part` (from its .rels part); *n 0 when it
 * has none. False after an error. */
static bool read_rels(rd *r, const char *part, rel **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	buf name = BUF_INIT, data = BUF_INIT;
	const char *slash = strrchr(part, '/');
	size_t dir = slash ? (size_t)(slash - part) + 1 : 0;
	buf_put(&name, part, dir);
	buf_printf(&name, "_rels/%s.rels", part + dir);
	char *rels_part = arena_strdup(r->a, name.ptr);
	buf_free(&name);
	int got = read_part(r, rels_part, &data);
	if (got <= 0) {
		buf_free(&data);
		return got == 0;
	}
	xr x;
	size_t cap = 0;
	if (xr_open(&x, r, rels_part, &data)) {
		int rc;
		while ((rc = xr_next(&x)) == 1) {
			const char *l = (const char *)xmlTextReaderConstLocalName(x.rd);
			const char *u = (const char *)xmlTextReaderConstNamespaceUri(x.rd);
			if (xr_type(&x) != XML_READER_TYPE_ELEMENT || !l || !u ||
			    strcmp(l, "Relationship") || strcmp(u, pkg_rel_ns))
				continue;
			char *id = attr(&x, "Id"), *type = attr(&x, "Type"),
			     *target = attr(&x, "Target"), *mode = attr(&x, "TargetMode");
			if (!id || !type || !target || (mode && strcmp(mode, "Internal")))
				continue;
			const char *last = strrchr(type, '/');
			const char *t = resolve(r->a, part, target);
			if (!t)
				continue;
			if (*n == cap) {
				cap = cap ? cap * 2 : 8;
				*out = arena_grow(r->a, *out, *n, cap, sizeof **out);
			}
			(*out)[(*n)++] = (rel){ id, last ? last + 1 : type, t };
		}
		xr_close(&x);
	}
	buf_free(&data);
	return !r->failed;
}

static const rel *rel_of_type(const rel *rels, size_t n, const char *type)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(rels[i].type, type) == 0)
			return &rels[i];
	return NULL;
}

/* ---- styles ---- */

bool xlsx_format_is_date(const char *code)
{
	for (const char *p = code; *p; p++) {
		char c = *p;
		if (c == '"') {
			const char *q = strchr(p + 1, '"');
			if (!q)
				return false;
			p = q;
		} else if (c == '\\' || c == '_' || c == '*') {
			if (p[1])
				p++;
		} else if (c == '[') {
			const char *q = strchr(p + 1, ']');
			if (!q)
				return false;
			/* [h], [mm], [ss]: elapsed time; [Red], [$-409]: not. */
			size_t n = (size_t)(q - p - 1);
			char l = n ? (char)(p[1] | 0x20) : 0;
			bool elapsed = l == 'h' || l == 'm' || l == 's';
			for (size_t i = 1; elapsed && i < n; i++)
				elapsed = (p[1 + i] | 0x20) == l;
			if (elapsed)
				return true;
			p = q;
		} else if (strncasecmp(p, "general", 7) == 0) {
			p += 6;
		} else {
			c = (char)(c | 0x20);
			if (c == 'd' || c == 'm' || c == 'y' || c == 'h' || c == 's')
				return true;
		}
	}
	return false;
}

/* Built-in number formats that are dates or times (ECMA-376 18.8.30, and
 * the East Asian ones Excel and WPS write). */
static bool builtin_date(long id)
{
	return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) ||
	       (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

typedef struct numfmt {
	long id;
	bool date;
} numfmt;

static int numfmt_cmp(const void *a, const void *b)
{
	long x = ((const numfmt *)a)->id, y = ((const numfmt *)b)->id;
	return (x > y) - (x < y);
}

static bool parse_index(const char *s, long max, long *out)
{
	return s && text_parse_int(s, 0, max, out);
}

static void read_styles(rd *r, const char *part)
{
	buf data = BUF_INIT;
	if (read_part(r, part, &data) <= 0) {
		buf_free(&data);
		return;
	}
	numfmt *fmts = NULL;
	size_t n_fmts = 0, cap_fmts = 0, cap_xf = 0;
	long *xf_fmt = NULL;
	char tmp[32];
	xr x;
	if (xr_open(&x, r, part, &data)) {
		int rc, xfs_depth = -1;
		while ((rc = xr_next(&x)) == 1) {
			int depth = xr_depth(&x);
			long id;
			if (starts(&x, "numFmt")) {
				char *code = attr(&x, "formatCode");
				if (!code || !parse_index(attr_tmp(&x, "numFmtId", tmp, sizeof tmp),
							  INT32_MAX, &id))
					continue;
				if (n_fmts == cap_fmts) {
					cap_fmts = cap_fmts ? cap_fmts * 2 : 16;
					fmts = xrealloc(fmts, cap_fmts * sizeof *fmts);
				}
				fmts[n_fmts++] = (numfmt){ id, xlsx_format_is_date(code) };
			} else if (starts(&x, "cellXfs") && !empty(&x)) {
				xfs_depth = depth;
			} else if (ends(&x, "cellXfs")) {
				xfs_depth = -1;
			} else if (xfs_depth >= 0 && depth == xfs_depth + 1 && starts(&x, "xf")) {
				if (!parse_index(attr_tmp(&x, "numFmtId", tmp, sizeof tmp),
						 INT32_MAX, &id))
					id = 0;
				if (r->n_xf == cap_xf) {
					cap_xf = cap_xf ? cap_xf * 2 : 16;
					xf_fmt = xrealloc(xf_fmt, cap_xf * sizeof *xf_fmt);
				}
				xf_fmt[r->n_xf++] = id;
			}
		}
		xr_close(&x);
	}
	if (n_fmts)
		qsort(fmts, n_fmts, sizeof *fmts, numfmt_cmp);
	r->xf_date = arena_alloc(r->a, r->n_xf + 1);
	for (size_t i = 0; i < r->n_xf; i++) {
		numfmt key = { xf_fmt[i], false };
		const numfmt *f = n_fmts ? bsearch(&key, fmts, n_fmts, sizeof *fmts,
						   numfmt_cmp) : NULL;
		r->xf_date[i] = f ? f->date : builtin_date(xf_fmt[i]);
	}
	free(fmts);
	free(xf_fmt);
	buf_free(&data);
}

/* ---- shared strings ---- */

static void read_sst(rd *r, const char *part)
{
	buf data = BUF_INIT;
	if (read_part(r, part, &data) <= 0) {
		buf_free(&data);
		return;
	}
	const char **sst = NULL;
	size_t cap = 0;
	xr x;
	if (xr_open(&x, r, part, &data)) {
		runs u = { .root = -1, .text = BUF_INIT };
		int rc;
		while ((rc = xr_next(&x)) == 1) {
			int type = xr_type(&x), depth = xr_depth(&x);
			bool item = false;
			if (u.root >= 0 && depth > u.root) {
				runs_node(&u, &x, type, depth);
			} else if (u.root >= 0 && ends(&x, "si")) {
				item = true;
			} else if (starts(&x, "si")) {
				u.root = depth;
				u.in_r = u.collect = false;
				buf_clear(&u.text);
				item = empty(&x);
			}
			if (!item)
				continue;
			if (r->n_sst == cap) {
				cap = cap ? cap * 2 : 64;
				sst = xrealloc(sst, cap * sizeof *sst);
			}
			sst[r->n_sst++] = u.text.len ? xstring(r->a, u.text.ptr, u.text.len) : "";
			u.root = -1;
		}
		buf_free(&u.text);
		xr_close(&x);
	}
	r->sst = arena_alloc(r->a, (r->n_sst + 1) * sizeof *sst);
	if (r->n_sst)
		memcpy(r->sst, sst, r->n_sst * sizeof *sst);
	free(sst);
	buf_free(&data);
}

/* ---- cells ---- */

void xlsx_cell_name(unsigned row, unsigned col, char out[16])
{
	char letters[8];
	size_t n = 0;
	if (col == 0 || col > 475254 || row == 0) {   /* past ZZZZ */
		strcpy(out, "?");
		return;
	}
	for (unsigned c = col; c; c = (c - 1) / 26)
		letters[n++] = (char)('A' + (c - 1) % 26);
	size_t i = 0;
	while (n)
		out[i++] = letters[--n];
	snprintf(out + i, 16 - i, "%u", row);
}

/* "D14" → row 14, col 4. 0, or -1 when it is no cell reference, -2 when it
 * is beyond Excel's limits. */
static int parse_ref(const char *s, unsigned *row, unsigned *col)
{
	unsigned long c = 0, rw = 0;
	size_t i = 0;
	for (; (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z'); i++)
		if (i < 8)
			c = c * 26 + (unsigned long)((s[i] | 0x20) - 'a' + 1);
	size_t letters = i;
	for (; s[i] >= '0' && s[i] <= '9'; i++)
		if (i - letters < 12)
			rw = rw * 10 + (unsigned long)(s[i] - '0');
	if (!letters || i == letters || s[i] || s[letters] == '0')
		return -1;
	if (letters > 3 || i - letters > 7 || c > XLSX_MAX_COLS || rw > XLSX_MAX_ROWS)
		return -2;
	*row = (unsigned)rw;
	*col = (unsigned)c;
	return 0;
}

bool xlsx_serial_text(double serial, bool date1904, char out[24])
{
	out[0] = '\0';
	if (!isfinite(serial) || serial < 0 || serial > 3e6)
		return false;
	long long total = llround(serial * 86400.0);
	long days = (long)(total / 86400), secs = (long)(total % 86400);
	buf b = BUF_INIT;
	if (date1904)
		text_format_date(EPOCH_1904 + days, &b);
	else if (days == 60)
		buf_puts(&b, "1900-02-29");   /* Excel's, which never was */
	else
		text_format_date(EPOCH_1900 + (days < 60 ? days : days - 1), &b);
	bool ok = b.len == 10;
	if (ok && secs)
		buf_printf(&b, "T%02ld:%02ld:%02ld", secs / 3600, secs / 60 % 60, secs % 60);
	if (ok)
		memcpy(out, b.ptr, b.len + 1);
	buf_free(&b);
	return ok;
}

/* Days since 1970-01-01 as a serial: the inverse of xlsx_serial_text. */
static long serial_of(bool date1904, long days)
{
	if (date1904)
		return days - EPOCH_1904;
	long n = days - EPOCH_1900;
	return n >= 60 ? n + 1 : n;
}

/* A t="d" cell's ISO 8601 value ("2024-03-05", "2024-03-05T08:30:00",
 * with fractions or "Z"): its text and serial. */
static bool iso_date(rd *r, const char *v, const char **text, double *serial)
{
	char day[11];
	long days;
	if (strlen(v) < 10)
		return false;
	memcpy(day, v, 10);
	day[10] = '\0';
	if (!text_parse_date(day, &days))
		return false;
	long secs = 0;
	const char *p = v + 10;
	if (*p == 'T') {
		unsigned h, m, s;
		int used = 0;
		if (sscanf(p + 1, "%2u:%2u:%2u%n", &h, &m, &s, &used) != 3 || used != 8 ||
		    h > 23 || m > 59 || s > 59)
			return false;
		secs = (long)(h * 3600 + m * 60 + s);
		p += 9;
		if (*p == '.')
			for (p++; *p >= '0' && *p <= '9'; p++)
				;
		if (*p == 'Z')
			p++;
	}
	if (*p)
		return false;
	long n = serial_of(r->date1904, days);
	*serial = (double)n + secs / 86400.0;
	buf b = BUF_INIT;
	buf_puts(&b, day);
	if (secs)
		buf_printf(&b, "T%02ld:%02ld:%02ld", secs / 3600, secs / 60 % 60, secs % 60);
	*text = arena_strdup(r->a, b.ptr);
	buf_free(&b);
	return true;
}

/* ---- sheets ---- */

/* -?[0-9]*(\.[0-9]*)?([eE][-+]?[0-9]+)? with a digit: what Excel writes. */
static bool number_syntax(const char *s)
{
	size_t i = 0, digits = 0;
	if (s[i] == '-' || s[i] == '+')
		i++;
	for (; s[i] >= '0' && s[i] <= '9'; i++)
		digits++;
	if (s[i] == '.')
		for (i++; s[i] >= '0' && s[i] <= '9'; i++)
			digits++;
	if (!digits)
		return false;
	if (s[i] == 'e' || s[i] == 'E') {
		size_t e = 0;
		i++;
		if (s[i] == '-' || s[i] == '+')
			i++;
		for (; s[i] >= '0' && s[i] <= '9'; i++)
			e++;
		if (!e)
			return false;
	}
	return s[i] == '\0';
}

/* The cell being read. */
typedef struct cellv {
	unsigned row, col;
	char t[16];
	long style;             /* -1: none */
	bool has_v, has_is, collect_v;
	buf v;
	runs is;
} cellv;

typedef struct cells {
	xlsx_cell *c;
	size_t n, cap;
} cells;

static char *trim(buf *b)
{
	char *s = b->ptr ? b->ptr : (char *)"";
	size_t n = b->len;
	while (n && strchr(" \t\r\n", s[n - 1]))
		n--;
	if (b->ptr)
		s[n] = '\0';
	while (*s && strchr(" \t\r\n", *s))
		s++;
	return s;
}

static void emit(rd *r, const char *sheet, cellv *c, cells *out)
{
	xlsx_cell cell = { c->row, c->col, XLSX_STRING, NULL, 0 };
	char name[16];
	xlsx_cell_name(c->row, c->col, name);
	const char *t = c->t;
	if (strcmp(t, "inlineStr") == 0 && c->has_is) {
		cell.text = xstring(r->a, buf_cstr(&c->is.text), c->is.text.len);
	} else if (!c->has_v) {
		return;
	} else if (strcmp(t, "str") == 0 || strcmp(t, "inlineStr") == 0) {
		cell.text = xstring(r->a, buf_cstr(&c->v), c->v.len);
	} else {
		char *v = trim(&c->v);
		long i;
		if (!*v)
			return;
		if (strcmp(t, "s") == 0) {
			if (!parse_index(v, LONG_MAX, &i) || (size_t)i >= r->n_sst) {
				fail(r, "sheet \"%s\", cell %s: shared string %.20s does not exist "
				     "(the workbook has %zu)", sheet, name, v, r->n_sst);
				return;
			}
			cell.text = r->sst[i];
		} else if (strcmp(t, "b") == 0) {
			bool yes = strcmp(v, "1") == 0 || strcmp(v, "true") == 0;
			if (!yes && strcmp(v, "0") && strcmp(v, "false")) {
				fail(r, "sheet \"%s\", cell %s: \"%.40s\" is not TRUE or FALSE",
				     sheet, name, v);
				return;
			}
			cell.kind = XLSX_BOOL;
			cell.text = yes ? "TRUE" : "FALSE";
			cell.number = yes;
		} else if (strcmp(t, "e") == 0) {
			cell.kind = XLSX_ERROR;
			cell.text = arena_strdup(r->a, v);
		} else if (strcmp(t, "d") == 0) {
			cell.kind = XLSX_DATE;
			if (!iso_date(r, v, &cell.text, &cell.number)) {
				fail(r, "sheet \"%s\", cell %s: \"%.40s\" is not an ISO 8601 date",
				     sheet, name, v);
				return;
			}
		} else if (strcmp(t, "n") == 0 || !*t) {
			double x = strtod(v, NULL);
			if (!number_syntax(v) || !isfinite(x)) {
				fail(r, "sheet \"%s\", cell %s: \"%.40s\" is not a number",
				     sheet, name, v);
				return;
			}
			char date[24];
			cell.kind = XLSX_NUMBER;
			cell.number = x;
			if (c->style >= 0 && (size_t)c->style < r->n_xf && r->xf_date[c->style] &&
			    xlsx_serial_text(x, r->date1904, date)) {
				cell.kind = XLSX_DATE;
				cell.text = arena_strdup(r->a, date);
			} else {
				cell.text = arena_strdup(r->a, v);
			}
		} else {
			fail(r, "sheet \"%s\", cell %s: unknown cell type t=\"%.20s\"", sheet, name, t);
			return;
		}
	}
	if (out->n == out->cap) {
		out->cap = out->cap ? out->cap * 2 : 256;
		out->c = xrealloc(out->c, out->cap * sizeof *out->c);
	}
	out->c[out->n++] = cell;
}

static int cell_cmp(const void *a, const void *b)
{
	const xlsx_cell *x = a, *y = b;
	if (x->row != y->row)
		return x->row < y->row ? -1 : 1;
	return (x->col > y->col) - (x->col < y->col);
}

static const char limits[] = "1,048,576 rows, 16,384 columns";

/* Start of a <c>: its position (from r, or the next column) and type. */
static bool cell_start(rd *r, xr *x, const char *sheet, cellv *c, unsigned row,
		       unsigned *col)
{
	char tmp[32];
	const char *ref = attr_tmp(x, "r", tmp, sizeof tmp);
	if (ref) {
		int e = parse_ref(ref, &c->row, &c->col);
		if (e == -1)
			fail(r, "sheet \"%s\": \"%s\" is not a cell reference", sheet, ref);
		else if (e == -2)
			fail(r, "sheet \"%s\": cell %s is beyond Excel's limits (%s)", sheet, ref,
			     limits);
		if (e)
			return false;
	} else {
		if (row == 0) {
			fail(r, "sheet \"%s\": a cell without a reference outside a row", sheet);
			return false;
		}
		if (*col >= XLSX_MAX_COLS) {
			fail(r, "sheet \"%s\", row %u: more than 16,384 columns", sheet, row);
			return false;
		}
		c->row = row;
		c->col = *col + 1;
	}
	*col = c->col;
	const char *t = attr_tmp(x, "t", c->t, sizeof c->t);
	if (!t)
		c->t[0] = '\0';
	if (!parse_index(attr_tmp(x, "s", tmp, sizeof tmp), INT32_MAX, &c->style))
		c->style = -1;
	c->has_v = c->has_is = c->collect_v = false;
	buf_clear(&c->v);
	buf_clear(&c->is.text);
	c->is.root = -1;
	return true;
}

static void merge_cell(rd *r, xr *x, const char *sheet, xlsx_range **m, size_t *n,
		       size_t *cap)
{
	char tmp[40];
	const char *ref = attr_tmp(x, "ref", tmp, sizeof tmp);
	char *colon = ref ? strchr(tmp, ':') : NULL;
	unsigned r1, c1, r2, c2;
	if (colon)
		*colon = '\0';
	if (!colon || parse_ref(tmp, &r1, &c1) || parse_ref(colon + 1, &r2, &c2)) {
		if (colon)
			*colon = ':';
		fail(r, "sheet \"%s\": the merged range \"%s\" is not a range within Excel's "
		     "limits (%s)", sheet, ref ? ref : "", limits);
		return;
	}
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		*m = xrealloc(*m, *cap * sizeof **m);
	}
	(*m)[(*n)++] = (xlsx_range){ r1 < r2 ? r1 : r2, c1 < c2 ? c1 : c2,
				     r1 < r2 ? r2 : r1, c1 < c2 ? c2 : c1 };
}

static void read_sheet(rd *r, xlsx_sheet *sh, const char *part)
{
	buf data = BUF_INIT;
	int got = read_part(r, part, &data);
	if (got == 0)
		fail(r, "the part %s of sheet \"%s\" is missing", part, sh->name);
	if (got <= 0) {
		buf_free(&data);
		return;
	}
	cells out = { NULL, 0, 0 };
	xlsx_range *merged = NULL;
	size_t n_merged = 0, cap_merged = 0;
	cellv c = { .v = BUF_INIT, .is = { .root = -1, .text = BUF_INIT } };
	unsigned row = 0, col = 0;
	int cell_depth = -1;
	char tmp[32];
	xr x;
	if (xr_open(&x, r, part, &data)) {
		while (!r->failed && xr_next(&x) == 1) {
			int type = xr_type(&x), depth = xr_depth(&x);
			if (cell_depth >= 0 && depth > cell_depth) {
				if (c.is.root >= 0 && depth > c.is.root)
					runs_node(&c.is, &x, type, depth);
				else if (c.is.root >= 0 && ends(&x, "is"))
					c.is.root = -1;
				else if (starts(&x, "v"))
					c.has_v = true, c.collect_v = !empty(&x);
				else if (ends(&x, "v"))
					c.collect_v = false;
				else if (starts(&x, "is") && (c.has_is = true) && !empty(&x))
					c.is.root = depth, c.is.in_r = c.is.collect = false;
				else if (c.collect_v && is_text(type))
					buf_puts(&c.v, value(&x));
				continue;
			}
			if (cell_depth >= 0 && ends(&x, "c")) {
				cell_depth = -1;
				emit(r, sh->name, &c, &out);
			} else if (starts(&x, "row")) {
				const char *rr = attr_tmp(&x, "r", tmp, sizeof tmp);
				long n;
				if (!rr)
					n = (long)row + 1;
				else if (!text_parse_int(rr, 1, XLSX_MAX_ROWS, &n))
					n = -1;
				if (n < 1 || n > (long)XLSX_MAX_ROWS) {
					fail(r, "sheet \"%s\": row %s is not a row within Excel's "
					     "limits (%s)", sh->name, rr ? rr : "after 1048576",
					     limits);
					break;
				}
				row = (unsigned)n;
				col = 0;
			} else if (starts(&x, "c")) {
				if (!cell_start(r, &x, sh->name, &c, row, &col))
					break;
				row = c.row;
				if (empty(&x))
					emit(r, sh->name, &c, &out);
				else
					cell_depth = depth;
			} else if (starts(&x, "mergeCell")) {
				merge_cell(r, &x, sh->name, &merged, &n_merged, &cap_merged);
			}
		}
		xr_close(&x);
	}
	bool sorted = true;
	for (size_t i = 1; sorted && i < out.n; i++)
		sorted = cell_cmp(&out.c[i - 1], &out.c[i]) < 0;
	if (!sorted && !r->failed) {
		qsort(out.c, out.n, sizeof *out.c, cell_cmp);
		for (size_t i = 1; i < out.n; i++)
			if (cell_cmp(&out.c[i - 1], &out.c[i]) == 0) {
				char name[16];
				xlsx_cell_name(out.c[i].row, out.c[i].col, name);
				fail(r, "sheet \"%s\": cell %s is written twice", sh->name, name);
				break;
			}
	}
	if (!r->failed) {
		xlsx_cell *cc = arena_alloc(r->a, (out.n + 1) * sizeof *cc);
		xlsx_range *mm = arena_alloc(r->a, (n_merged + 1) * sizeof *mm);
		if (out.n)
			memcpy(cc, out.c, out.n * sizeof *cc);
		if (n_merged)
			memcpy(mm, merged, n_merged * sizeof *mm);
		sh->cells = cc;
		sh->n_cells = out.n;
		sh->merged = mm;
		sh->n_merged = n_merged;
	}
	free(out.c);
	free(merged);
	buf_free(&c.v);
	buf_free(&c.is.text);
	buf_free(&data);
}

/* ---- the workbook ---- */

typedef struct sheet_ref {
	const char *name, *rid;
	bool hidden;
} sheet_ref;

static char *attr_rid(xr *x)
{
	for (size_t i = 0; i < 2; i++) {
		xmlChar *v = xmlTextReaderGetAttributeNs(x->rd, (const xmlChar *)"id",
							 (const xmlChar *)rel_attr_ns[i]);
		if (v) {
			char *s = arena_strdup(x->r->a, (const char *)v);
			xmlFree(v);
			return s;
		}
	}
	return NULL;
}

static void read_book(rd *r, xlsx_book *book)
{
	rel *rels;
	size_t n_rels;
	if (!read_rels(r, "", &rels, &n_rels))
		return;
	const rel *od = rel_of_type(rels, n_rels, "officeDocument");
	const char *wb = od ? od->target : "xl/workbook.xml";
	buf data = BUF_INIT;
	int got = read_part(r, wb, &data);
	if (got == 0)
		fail(r, "not an XLSX workbook (no %s)", wb);
	if (got <= 0 || !read_rels(r, wb, &rels, &n_rels)) {
		buf_free(&data);
		return;
	}
	sheet_ref *refs = NULL;
	size_t n = 0, cap = 0;
	xr x;
	if (xr_open(&x, r, wb, &data)) {
		while (!r->failed && xr_next(&x) == 1) {
			if (starts(&x, "workbookPr")) {
				char *v = attr(&x, "date1904");
				r->date1904 = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
			} else if (starts(&x, "sheet")) {
				char *name = attr(&x, "name"), *state = attr(&x, "state");
				if (!name) {
					fail(r, "the part %s names a sheet without a name", wb);
					break;
				}
				if (n == MAX_SHEETS) {
					fail(r, "the workbook has more than %d sheets (refused)",
					     MAX_SHEETS);
					break;
				}
				if (n == cap) {
					cap = cap ? cap * 2 : 8;
					refs = xrealloc(refs, cap * sizeof *refs);
				}
				refs[n++] = (sheet_ref){ name, attr_rid(&x),
					state && (strcmp(state, "hidden") == 0 ||
						  strcmp(state, "veryHidden") == 0) };
			}
		}
		xr_close(&x);
	}
	buf_free(&data);
	const rel *styles = rel_of_type(rels, n_rels, "styles");
	const rel *sst = rel_of_type(rels, n_rels, "sharedStrings");
	if (styles && !r->failed)
		read_styles(r, styles->target);
	if (sst && !r->failed)
		read_sst(r, sst->target);
	xlsx_sheet *sheets = arena_alloc(r->a, (n + 1) * sizeof *sheets);
	for (size_t i = 0; i < n && !r->failed; i++) {
		xlsx_sheet *sh = &sheets[i];
		sh->name = refs[i].name;
		sh->hidden = refs[i].hidden;
		sh->cells = NULL;
		const rel *to = NULL;
		for (size_t j = 0; refs[i].rid && j < n_rels && !to; j++)
			if (strcmp(rels[j].id, refs[i].rid) == 0)
				to = &rels[j];
		if (!to)
			fail(r, "sheet \"%s\": no relationship %s in the workbook's relationships",
			     sh->name, refs[i].rid ? refs[i].rid : "(r:id missing)");
		else if (strcmp(to->type, "worksheet") == 0)
			read_sheet(r, sh, to->target);
	}
	free(refs);
	book->sheets = sheets;
	book->n_sheets = n;
	book->date1904 = r->date1904;
}

xlsx_book *xlsx_read(const char *path, arena *a, diag *d)
{
	rd r = { .path = path, .a = a, .d = d };
	int err = 0;
	xmlInitParser();
	r.z = zip_open(path, ZIP_RDONLY, &err);
	if (!r.z) {
		zip_error_t ze;
		zip_error_init_with_code(&ze, err);
		if (err == ZIP_ER_NOZIP)
			fail(&r, "not an XLSX workbook (not a ZIP archive)");
		else if (err == ZIP_ER_NOENT || err == ZIP_ER_OPEN || err == ZIP_ER_READ || err == ZIP_ER_MEMORY)
			fail(&r, "cannot read the workbook (%s)", zip_error_strerror(&ze));
		else
			fail(&r, "not an XLSX workbook (a damaged ZIP archive: %s)",
			     zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return NULL;
	}
	xlsx_book *book = arena_alloc(a, sizeof *book);
	read_book(&r, book);
	zip_discard(r.z);
	return r.failed ? NULL : book;
}

const xlsx_cell *xlsx_cell_at(const xlsx_sheet *s, unsigned row, unsigned col)
{
	size_t lo = 0, hi = s->n_cells;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const xlsx_cell *c = &s->cells[mid];
		if (c->row < row || (c->row == row && c->col < col))
			lo = mid + 1;
		else if (c->row == row && c->col == col)
			return c;
		else
			hi = mid;
	}
	return NULL;
}

const xlsx_sheet *xlsx_sheet_named(const xlsx_book *b, const char *name)
{
	for (size_t i = 0; i < b->n_sheets; i++)
		if (strcmp(b->sheets[i].name, name) == 0)
			return &b->sheets[i];
	return NULL;
}
