/* tmpl_render.c - rendering a template: walk its node tree with a context
 * stack, a chain of block overrides and an indentation transform, all kept
 * on the C stack (tmpl_int.h says how indentation works).
 */
#include "tmpl_int.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static size_t common_prefix(const char *a, size_t na, const char *b, size_t nb)
{
	size_t i = 0;
	while (i < na && i < nb && a[i] == b[i])
		i++;
	return i;
}

typedef struct ctx {              /* the context stack, innermost first */
	const cJSON *v;
	const struct ctx *up;
} ctx;

typedef struct ovr {              /* blocks passed by enclosing parent tags */
	const tmpl_node *parent;  /* its kids are all blocks */
	const tmpl *t;            /* the template holding that parent tag */
	const struct ovr *up;     /* the next parent tag further out */
} ovr;

/* At each line start: skip the longest common prefix with `strip`, then
 * write `add`. NULL stands for "change nothing". */
typedef struct xform {
	const char *strip, *add;
	size_t slen, alen;
} xform;

typedef struct frame {
	const tmpl *t;            /* the template the nodes come from */
	const ctx *c;
	const ovr *o;
	const xform *x;
} frame;

/* The first line of a passed block: it may start mid-line where expanded,
 * so it gets its own rules (see render_block). */
typedef struct first_line {
	int pending, add;
	const char *strip;
	size_t slen;
} first_line;

typedef struct rstate {
	const tmpl_set *set;
	buf *out;
	size_t out_start;    /* out->len when rendering began */
	diag *d;
	int depth, pdepth, failed;
	first_line first;
} rstate;

static void render_list(rstate *rs, const frame *fr, const tmpl_nlist *l);

__attribute__((format(printf, 4, 5)))
static void rerr(rstate *rs, const frame *fr, const tmpl_node *n,
		 const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	tmpl_verror(rs->d, fr->t->path, n->line, n->col, fmt, ap);
	va_end(ap);
	rs->failed = 1;
}

/* Count one more level of nesting; a hostile template or data must not be
 * able to exhaust the C stack. */
static int enter(rstate *rs, const frame *fr, const tmpl_node *n)
{
	if (rs->depth >= TMPL_MAX_RENDER_DEPTH) {
		rerr(rs, fr, n, "rendering nested deeper than %d levels",
		     TMPL_MAX_RENDER_DEPTH);
		return 0;
	}
	rs->depth++;
	return 1;
}

/* Start a node: write the indentation if it starts a line, and say how
 * much leading whitespace a text node drops. */
static void start_node(rstate *rs, const xform *x, int bol,
		       const char **strip, size_t *slen)
{
	*strip = NULL;
	*slen = 0;
	if (rs->first.pending) {
		rs->first.pending = 0;
		if (rs->first.add && x)
			buf_put(rs->out, x->add, x->alen);
		if (bol) {
			*strip = rs->first.strip;
			*slen = rs->first.slen;
		}
		return;
	}
	if (!bol || !x)
		return;
	buf_put(rs->out, x->add, x->alen);
	*strip = x->strip;
	*slen = x->slen;
}

static void render_text(rstate *rs, const frame *fr, const tmpl_node *n)
{
	const char *s = n->str, *end = s + n->len, *strip;
	size_t slen;
	if (!fr->x && !rs->first.pending) {
		buf_put(rs->out, s, n->len);    /* the common, fast case */
		return;
	}
	start_node(rs, fr->x, n->bol, &strip, &slen);
	for (;;) {
		s += common_prefix(s, (size_t)(end - s), strip, slen);
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		if (!nl || !fr->x) {
			buf_put(rs->out, s, (size_t)(end - s));
			return;
		}
		buf_put(rs->out, s, (size_t)(nl + 1 - s));
		s = nl + 1;
		if (s == end)
			return;   /* the next line starts with the next node */
		buf_put(rs->out, fr->x->add, fr->x->alen);
		strip = fr->x->strip;
		slen = fr->x->slen;
	}
}

/* Shortest text that reads back as the same double: 85, 1.21, 1e+300. */
static void put_number(buf *out, double v)
{
	char tmp[40];
	if (!isfinite(v))
		return;
	if (v == floor(v) && fabs(v) < 1e17) {
		snprintf(tmp, sizeof tmp, "%.0f", v);
	} else {
		for (int prec = 1; prec <= 17; prec++) {
			snprintf(tmp, sizeof tmp, "%.*g", prec, v);
			if (strtod(tmp, NULL) == v)
				break;
		}
	}
	buf_puts(out, tmp);
}

/* An object's member by exact name. Names are looked up through every
 * frame of the stack, so most comparisons fail: the first byte decides
 * most of them without a call (10 % of a build's time went to strcmp). */
static const cJSON *member(const tmpl_set *set, const cJSON *o,
			   const char *key)
{
	if (!cJSON_IsObject(o))
		return NULL;
	for (size_t i = 0; i < set->n_idx; i++)
		if (o->child == set->idx[i].first)
			return smap_get(&set->idx[i].names, key);
	for (const cJSON *m = o->child; m; m = m->next)
		if (m->string && m->string[0] == key[0] && !strcmp(m->string, key))
			return m;
	return NULL;
}

/* Resolve a name: its first part against the context stack, innermost
 * first; the other parts only against the value found so far. */
static const cJSON *lookup(const tmpl_set *set, const ctx *c,
			   const tmpl_node *n)
{
	if (n->nparts == 0)
		return c ? c->v : NULL;
	const char *key = n->parts;
	const cJSON *v = NULL;
	for (; c && !v; c = c->up)
		v = member(set, c->v, key);
	for (unsigned i = 1; v && i < n->nparts; i++) {
		key += strlen(key) + 1;
		v = member(set, v, key);
	}
	return v;
}

/* The spec's "!!data": as in JavaScript, "" and 0 are falsey too. */
static int truthy(const cJSON *v)
{
	if (!v || cJSON_IsFalse(v) || cJSON_IsNull(v) || cJSON_IsInvalid(v))
		return 0;
	if (cJSON_IsArray(v))
		return v->child != NULL;
	if (cJSON_IsString(v))
		return v->valuestring && *v->valuestring;
	if (cJSON_IsNumber(v))
		return v->valuedouble != 0;
	return 1;
}

static void render_var(rstate *rs, const frame *fr, const tmpl_node *n)
{
	const char *strip;
	size_t slen;
	start_node(rs, fr->x, n->bol, &strip, &slen);
	const cJSON *v = lookup(rs->set, fr->c, n);
	if (cJSON_IsString(v) && v->valuestring) {
		size_t len = strlen(v->valuestring);
		if (n->kind == TMPL_VAR)
			buf_put_html(rs->out, v->valuestring, len);
		else
			buf_put(rs->out, v->valuestring, len);
	} else if (cJSON_IsNumber(v)) {
		put_number(rs->out, v->valuedouble);
	} else if (cJSON_IsBool(v)) {
		buf_puts(rs->out, cJSON_IsTrue(v) ? "true" : "false");
	}
}

static void render_section(rstate *rs, const frame *fr, const tmpl_node *n)
{
	const char *strip;
	size_t slen;
	if (!n->standalone)  /* else its content has the first line */
		start_node(rs, fr->x, n->bol, &strip, &slen);
	const cJSON *v = lookup(rs->set, fr->c, n);
	int yes = truthy(v);
	if (n->kind == TMPL_INVERTED ? yes : !yes)
		return;
	if (!enter(rs, fr, n))
		return;
	if (n->kind == TMPL_INVERTED) {
		render_list(rs, fr, &n->kids);
	} else {
		ctx c = { v, fr->c };
		frame f = *fr;
		f.c = &c;
		if (!cJSON_IsArray(v))
			render_list(rs, &f, &n->kids);
		else
			for (c.v = v->child; c.v && !rs->failed; c.v = c.v->next)
				render_list(rs, &f, &n->kids);
	}
	rs->depth--;
}

/* The transform for lines rendered through `in` inside lines rendered
 * through `o`: line -> o.add + strip(o.strip, in.add + strip(in.strip,
 * line)). Strings are kept in `store`. Returns NULL for "no change". */
static const xform *compose(const xform *o, const xform *in, xform *res,
			    buf *store)
{
	if (!o) {
		*res = *in;
		return in->slen || in->alen ? res : NULL;
	}
	size_t c = common_prefix(in->add, in->alen, o->strip, o->slen), alen;
	buf_put(store, o->add, o->alen);
	if (c == o->slen || c < in->alen) {
		/* in.add survives o's strip (partly): o.add + rest of it */
		buf_put(store, in->add + c, in->alen - c);
		alen = store->len;
		buf_put(store, in->strip, in->slen);
	} else {
		/* o strips all of in.add and more from the line itself */
		alen = store->len;
		buf_put(store, in->strip, in->slen);
		buf_put(store, o->strip + c, o->slen - c);
	}
	res->add = store->ptr;
	res->alen = alen;
	res->strip = store->ptr + alen;
	res->slen = store->len - alen;
	return res->alen || res->slen ? res : NULL;
}

/* {{>name}} and {{<name}}...{{/name}}. A standalone tag indents every line
 * of the included template by the tag's indentation. */
static void render_partial(rstate *rs, const frame *fr, const tmpl_node *n)
{
	const char *strip;
	size_t slen;
	if (!n->standalone)  /* else its content has the first line */
		start_node(rs, fr->x, n->bol, &strip, &slen);
	const tmpl *t = tmpl_find(rs->set, n->str, n->len);
	if (!t && n->kind == TMPL_PARENT)
		rerr(rs, fr, n, "parent template '%.*s' not found",
		     (int)n->len, n->str);
	if (!t)
		return;     /* a missing partial renders as nothing (spec) */
	if (rs->pdepth >= TMPL_MAX_PARTIAL_DEPTH) {
		rerr(rs, fr, n, "partials nested deeper than %d levels "
		     "(does '%.*s' include itself?)", TMPL_MAX_PARTIAL_DEPTH,
		     (int)n->len, n->str);
		return;
	}
	if (!enter(rs, fr, n))
		return;
	buf store = BUF_INIT;
	xform in = { "", n->indent, 0, n->indent_len }, x;
	ovr o = { n, fr->t, fr->o };
	frame f = { t, fr->c, n->kind == TMPL_PARENT ? &o : fr->o, NULL };
	if (n->standalone)
		f.x = compose(fr->x, &in, &x, &store);
	rs->pdepth++;
	render_list(rs, &f, &t->root);
	rs->pdepth--;
	rs->depth--;
	buf_free(&store);
}

/* The block passed for `n` by the outermost parent tag that passes one:
 * "top-level substitutions take precedence". */
static const tmpl_node *find_override(const ovr *o, const tmpl_node *n,
				       const tmpl **t)
{
	const tmpl_node *found = NULL;
	for (; o; o = o->up) {
		for (size_t i = 0; i < o->parent->kids.n; i++) {
			const tmpl_node *b = &o->parent->kids.v[i];
			if (b->len == n->len && !memcmp(b->str, n->str, n->len)) {
				found = b;
				*t = o->t;
				break;
			}
		}
	}
	return found;
}

/* {{$name}}...{{/name}}: the passed block if there is one, else the
 * default content. A passed block is reindented: its own indentation is
 * stripped and this block's added. Its first line starts mid-line unless
 * this tag stands alone, so then it only loses its own indentation. */
static void render_block(rstate *rs, const frame *fr, const tmpl_node *n)
{
	const char *strip;
	size_t slen;
	if (!n->standalone)  /* else its content has the first line */
		start_node(rs, fr->x, n->bol, &strip, &slen);
	const tmpl *dt = NULL;
	const tmpl_node *def = find_override(fr->o, n, &dt);
	if (!enter(rs, fr, n))
		return;
	if (!def) {
		render_list(rs, fr, &n->kids);
		rs->depth--;
		return;
	}
	buf store = BUF_INIT;
	xform in = { def->indent, n->indent, def->indent_len, n->indent_len }, x;
	frame f = { dt, fr->c, fr->o, fr->x };
	if (in.slen != in.alen || memcmp(in.strip, in.add, in.slen))
		f.x = compose(fr->x, &in, &x, &store);
	rs->first = (first_line){ 1, n->standalone, def->indent,
				  def->indent_len };
	if (n->standalone) {
		rs->first.strip = f.x ? f.x->strip : NULL;
		rs->first.slen = f.x ? f.x->slen : 0;
	}
	render_list(rs, &f, &def->kids);
	rs->first.pending = 0;
	rs->depth--;
	buf_free(&store);
}

static void render_node(rstate *rs, const frame *fr, const tmpl_node *n)
{
	/* Nested sections over lists multiply: a few lines of template can
	 * ask for gigabytes. */
	if (rs->out->len - rs->out_start > TMPL_MAX_OUTPUT) {
		rerr(rs, fr, n, "output larger than %d MiB",
		     TMPL_MAX_OUTPUT / (1024 * 1024));
		return;
	}
	switch (n->kind) {
	case TMPL_TEXT: render_text(rs, fr, n); break;
	case TMPL_VAR: case TMPL_RAW: render_var(rs, fr, n); break;
	case TMPL_SECTION: case TMPL_INVERTED: render_section(rs, fr, n); break;
	case TMPL_PARTIAL: case TMPL_PARENT: render_partial(rs, fr, n); break;
	case TMPL_BLOCK: render_block(rs, fr, n); break;
	default: break;
	}
}

static void render_list(rstate *rs, const frame *fr, const tmpl_nlist *l)
{
	for (size_t i = 0; i < l->n && !rs->failed; i++)
		render_node(rs, fr, &l->v[i]);
	if (l->tail_bol && !rs->failed) {
		const char *strip;
		size_t slen;
		start_node(rs, fr->x, 1, &strip, &slen);
	}
}

int tmpl_render(const tmpl_set *set, const char *name, const cJSON *data,
		buf *out, diag *d)
{
	const tmpl *t = tmpl_find(set, name, strlen(name));
	if (!t) {
		diag_error(d, NULL, 0, 0, "template '%s' not found", name);
		return -1;
	}
	ctx c = { data, NULL };
	rstate rs;
	memset(&rs, 0, sizeof rs);
	rs.set = set;
	rs.out = out;
	rs.out_start = out->len;
	rs.d = d;
	frame f = { t, &c, NULL, NULL };
	buf_put(out, "", 0);  /* out->ptr is a string even if nothing is output */
	render_list(&rs, &f, &t->root);
	return rs.failed ? -1 : 0;
}
