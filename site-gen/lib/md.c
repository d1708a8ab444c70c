#include "md.h"
#include "text.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>

static const char *const bad_schemes[] = { "javascript:", "vbscript:",
					   "file:", "data:", NULL };

/* The start of `url` as a browser reads it: leading white space and control
 * characters skipped, tabs and line breaks anywhere dropped (browsers ignore
 * them), ASCII in lower case. Fills head[0..size) with a string; returns
 * its length. Enough to see a scheme, which is all callers look for. */
static size_t url_head(const char *url, char *head, size_t size)
{
	size_t n = 0;
	const unsigned char *s = (const unsigned char *)url;
	while (*s && *s <= ' ')
		s++;
	for (; *s && n < size - 1; s++) {
		if (*s == '\t' || *s == '\n' || *s == '\r')
			continue;
		/* ASCII lower case by hand: tolower() follows the locale. */
		head[n++] = (char)(*s >= 'A' && *s <= 'Z' ? *s + 32 : *s);
	}
	head[n] = '\0';
	return n;
}

bool md_url_is_dangerous(const char *url)
{
	char head[16];
	url_head(url, head, sizeof head);
	for (size_t i = 0; bad_schemes[i]; i++)
		if (!strncmp(head, bad_schemes[i], strlen(bad_schemes[i])))
			return true;
	return false;
}

static bool is_slash(char c)
{
	return c == '/' || c == '\\';   /* browsers read a backslash as "/" */
}

bool md_url_is_remote(const char *url)
{
	char head[40];
	size_t n = url_head(url, head, sizeof head), i = 0;
	if (n >= 2 && is_slash(head[0]) && is_slash(head[1]))
		return true;
	/* scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":" */
	while (i < n && ((head[i] >= 'a' && head[i] <= 'z') ||
			 (i && strchr("0123456789+-.", head[i]))))
		i++;
	return i > 0 && head[i] == ':';
}

typedef struct nodes {
	cmark_node **v;
	size_t n, cap;
} nodes;

static void nodes_push(nodes *l, cmark_node *node)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 16;
		l->v = xrealloc(l->v, l->cap * sizeof *l->v);
	}
	l->v[l->n++] = node;
}

typedef struct found {
	nodes unsafe;      /* links and images with a dangerous URL */
	nodes remote;      /* other images from another host */
	nodes headings;
} found;

static void found_free(found *f)
{
	free(f->unsafe.v);
	free(f->remote.v);
	free(f->headings.v);
}

/* Collect first, change afterwards: cmark's iterator must not see a tree
 * that changes under it. */
static void collect(cmark_node *doc, found *f)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		cmark_node_type t = cmark_node_get_type(node);
		if ((t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE) &&
		    md_url_is_dangerous(cmark_node_get_url(node)))
			nodes_push(&f->unsafe, node);
		else if (t == CMARK_NODE_IMAGE &&
			 md_url_is_remote(cmark_node_get_url(node)))
			nodes_push(&f->remote, node);
		else if (t == CMARK_NODE_HEADING)
			nodes_push(&f->headings, node);
	}
	cmark_iter_free(it);
}

/* Move `from`'s children to the end of `to` (or before `to` when
 * `before`), in order. */
static void move_children(cmark_node *from, cmark_node *to, bool before)
{
	cmark_node *c;
	while ((c = cmark_node_first_child(from))) {
		cmark_node_unlink(c);
		if (before)
			cmark_node_insert_before(to, c);
		else
			cmark_node_append_child(to, c);
	}
}

/* Replace a link or image by its text (an image's children are its alt
 * text). */
static void unwrap(cmark_node *node)
{
	move_children(node, node, true);
	cmark_node_free(node);
}

/* An image from another host becomes a link to it, its alt text the
 * link's text: the page itself then makes no request to that host. */
static void image_to_link(cmark_node *img)
{
	cmark_node *link = cmark_node_new(CMARK_NODE_LINK);
	cmark_node_set_url(link, cmark_node_get_url(img));
	cmark_node_set_title(link, cmark_node_get_title(img));
	move_children(img, link, false);
	cmark_node_replace(img, link);
	cmark_node_free(img);
}

/* cmark cannot put attributes on a heading, so the heading becomes a
 * custom block holding a custom inline that carries the tags; the
 * heading's inline children move into it and are rendered (and escaped) by
 * cmark as before. */
static void anchor_heading(cmark_node *h, int shift, const md_opts *o,
			   size_t n)
{
	int level = cmark_node_get_heading_level(h) + shift;
	level = level < 1 ? 1 : level > 6 ? 6 : level;
	buf open = BUF_INIT, close = BUF_INIT;
	buf_printf(&open, "<h%d id=\"", level);
	if (o->id_prefix && *o->id_prefix) {
		buf_put_html(&open, o->id_prefix, strlen(o->id_prefix));
		buf_putc(&open, '-');
	}
	buf_printf(&open, "h%zu\">", n);
	buf_printf(&close, "</h%d>", level);
	cmark_node *block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
	cmark_node *inl = cmark_node_new(CMARK_NODE_CUSTOM_INLINE);
	cmark_node_set_on_enter(inl, buf_cstr(&open));
	cmark_node_set_on_exit(inl, buf_cstr(&close));
	move_children(h, inl, false);
	cmark_node_append_child(block, inl);
	cmark_node_replace(h, block);
	cmark_node_free(h);
	buf_free(&open);
	buf_free(&close);
}

void md_render(const char *src, size_t len, const md_opts *o, buf *out)
{
	static const md_opts none = { NULL, 0 };
	if (!o)
		o = &none;
	cmark_node *doc = cmark_parse_document(src, len, CMARK_OPT_DEFAULT);
	found f = { 0 };
	collect(doc, &f);
	for (size_t i = 0; i < f.unsafe.n; i++)
		unwrap(f.unsafe.v[i]);
	for (size_t i = 0; i < f.remote.n; i++)
		image_to_link(f.remote.v[i]);
	int top = 6;
	for (size_t i = 0; i < f.headings.n; i++)
		if (cmark_node_get_heading_level(f.headings.v[i]) < top)
			top = cmark_node_get_heading_level(f.headings.v[i]);
	int shift = o->top_level ? o->top_level - top : 0;
	for (size_t i = 0; i < f.headings.n; i++)
		anchor_heading(f.headings.v[i], shift, o, i + 1);
	char *html = cmark_render_html(doc, CMARK_OPT_DEFAULT);
	buf_puts(out, html);
	free(html);
	found_free(&f);
	cmark_node_free(doc);
}

/* cmark counts lines from the start of the body and columns in bytes;
 * diagnostics count lines in the whole file and columns in characters.
 * Images come in document order, so each look-up goes on from the last. */
typedef struct lines {
	const char *text;
	size_t len, body;
	unsigned first;      /* the file's line where the body starts */
	unsigned line;       /* a line of the body, and */
	size_t at;           /* the offset where it starts */
} lines;

static void locate_node(lines *ls, cmark_node *node, unsigned *line,
			unsigned *col)
{
	unsigned want = (unsigned)cmark_node_get_start_line(node);
	if (want < ls->line) {
		ls->line = 1;
		ls->at = ls->body;
	}
	for (; ls->at < ls->len && ls->line < want; ls->at++)
		ls->line += text_is_line_end(ls->text, ls->len, ls->at);
	size_t bytes = (size_t)cmark_node_get_start_column(node) - 1;
	if (bytes > ls->len - ls->at)
		bytes = ls->len - ls->at;
	*line = ls->first + ls->line - 1;
	*col = (unsigned)utf8_chars(ls->text + ls->at, bytes) + 1;
}

size_t md_check(const char *path, const char *text, size_t len, size_t body,
		diag *d)
{
	cmark_node *doc = cmark_parse_document(text + body, len - body,
					       CMARK_OPT_DEFAULT);
	found f = { 0 };
	collect(doc, &f);
	unsigned first, unused;
	text_position(text, len, body, &first, &unused);
	lines ls = { text, len, body, first, 1, body };
	for (size_t i = 0; i < f.remote.n; i++) {
		unsigned line, col;
		locate_node(&ls, f.remote.v[i], &line, &col);
		diag_warn(d, path, line, col,
			  "image from another host (%s) is shown as a link to "
			  "it: the site makes no requests to other hosts",
			  cmark_node_get_url(f.remote.v[i]));
	}
	size_t n = f.remote.n;
	found_free(&f);
	cmark_node_free(doc);
	return n;
}
