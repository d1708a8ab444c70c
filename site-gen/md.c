#include "md.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>

static const char *const bad_schemes[] = { "javascript:", "vbscript:",
					   "file:", "data:", NULL };

bool md_url_is_dangerous(const char *url)
{
	char scheme[16];
	size_t n = 0;
	const unsigned char *s = (const unsigned char *)url;
	while (*s && *s <= ' ')
		s++;
	for (; *s && n < sizeof scheme - 1; s++) {
		if (*s == '\t' || *s == '\n' || *s == '\r')
			continue;
		/* ASCII lower case by hand: tolower() follows the locale. */
		scheme[n++] = (char)(*s >= 'A' && *s <= 'Z' ? *s + 32 : *s);
		if (*s == ':')
			break;
	}
	scheme[n] = '\0';
	for (size_t i = 0; bad_schemes[i]; i++)
		if (!strcmp(scheme, bad_schemes[i]))
			return true;
	return false;
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

/* Collect first, change afterwards: cmark's iterator must not see a tree
 * that changes under it. */
static void collect(cmark_node *doc, nodes *unsafe, nodes *headings)
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
			nodes_push(unsafe, node);
		else if (t == CMARK_NODE_HEADING)
			nodes_push(headings, node);
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
	nodes unsafe = { 0 }, headings = { 0 };
	collect(doc, &unsafe, &headings);
	for (size_t i = 0; i < unsafe.n; i++)
		unwrap(unsafe.v[i]);
	int top = 6;
	for (size_t i = 0; i < headings.n; i++)
		if (cmark_node_get_heading_level(headings.v[i]) < top)
			top = cmark_node_get_heading_level(headings.v[i]);
	int shift = o->top_level ? o->top_level - top : 0;
	for (size_t i = 0; i < headings.n; i++)
		anchor_heading(headings.v[i], shift, o, i + 1);
	char *html = cmark_render_html(doc, CMARK_OPT_DEFAULT);
	buf_puts(out, html);
	free(html);
	free(unsafe.v);
	free(headings.v);
	cmark_node_free(doc);
}
