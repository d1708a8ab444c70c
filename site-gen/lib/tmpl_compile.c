/* tmpl_compile.c - compiling a template to a node tree (tmpl_int.h).
 *
 * Compiling is four passes over one template:
 *   1. tokenize: split the source into text and tags, following delimiter
 *      changes, and check tag syntax (tmpl_lex.c);
 *   2. match: pair section/block/parent tags with their closing tags;
 *   3. standalone: decide which tags stand alone on their line and cut the
 *      whitespace and newline around them out of the neighbouring text;
 *   4. build: turn the tokens into a tree of nodes.
 */
#include "tmpl_int.h"

#include <stdlib.h>
#include <string.h>

static int is_blank(char c) { return c == ' ' || c == '\t'; }
static int is_opener(tmpl_kind k)
{
	return k == TMPL_SECTION || k == TMPL_INVERTED || k == TMPL_PARENT ||
	       k == TMPL_BLOCK;
}

/* ---- pass 2: match open and close tags ---------------------------------- */

static int same_name(const tmpl_parser *p, const tmpl_tok *a,
		     const tmpl_tok *b)
{
	return a->name_len == b->name_len &&
	       !memcmp(p->src + a->name, p->src + b->name, a->name_len);
}

/* A closing tag that does not close the innermost open section: report it.
 * Returns the stack index of an outer section it does close (everything
 * inside that is then taken as closed too), or TMPL_NONE to ignore the tag. */
static size_t mismatch(tmpl_parser *p, const size_t *stack, size_t depth,
		       size_t i)
{
	tmpl_tok *t = &p->t[i], *top = &p->t[stack[depth - 1]];
	tmpl_lex_error(p, t->line, t->col,
		       "closing tag '%.*s' does not match open section '%.*s' "
		       "(opened at %u:%u)", (int)t->name_len, p->src + t->name,
		       (int)top->name_len, p->src + top->name, top->line,
		       top->col);
	for (size_t j = depth; j-- > 0;)
		if (same_name(p, &p->t[stack[j]], t))
			return j;
	return TMPL_NONE;
}

/* Pair closing tag i with the open tag on the stack that it closes.
 * Returns the depth of the stack once that tag is closed, or TMPL_NONE when
 * the tag closes nothing (it is then ignored). */
static size_t close_tag(tmpl_parser *p, const size_t *stack, size_t depth,
			size_t i)
{
	tmpl_tok *t = &p->t[i];
	if (depth == 0) {
		tmpl_lex_error(p, t->line, t->col,
			       "closing tag '%.*s' without an open section",
			       (int)t->name_len, p->src + t->name);
		return TMPL_NONE;
	}
	size_t j = depth - 1;
	if (!same_name(p, &p->t[stack[j]], t) &&
	    (j = mismatch(p, stack, depth, i)) == TMPL_NONE)
		return TMPL_NONE;
	t->pair = stack[j];
	p->t[stack[j]].pair = i;
	return j;
}

/* Pair tags, and record for every token the innermost open tag around it
 * (`enclosing`; for a closing tag, the one around its section). */
static void match(tmpl_parser *p)
{
	size_t stack[TMPL_MAX_NESTING];
	size_t depth = 0;
	for (size_t i = 0; i < p->n; i++) {
		tmpl_tok *t = &p->t[i];
		if (t->kind == TMPL_CLOSE) {
			size_t j = close_tag(p, stack, depth, i);
			if (j == TMPL_NONE)
				continue;
			depth = j;
		}
		t->enclosing = depth ? stack[depth - 1] : TMPL_NONE;
		if (!is_opener(t->kind))
			continue;
		if (depth == TMPL_MAX_NESTING) {
			tmpl_lex_error(p, t->line, t->col,
				       "sections nested deeper than %d levels",
				       TMPL_MAX_NESTING);
			return;
		}
		stack[depth++] = i;
	}
	for (size_t j = 0; j < depth; j++) {
		tmpl_tok *t = &p->t[stack[j]];
		tmpl_lex_error(p, t->line, t->col, "unclosed section '%.*s'",
			       (int)t->name_len, p->src + t->name);
	}
}

/* ---- pass 3: standalone lines ------------------------------------------- */

/* Inside a parent tag only blocks count: the text around them is ignored,
 * so it neither makes nor breaks a standalone line. This is what lets
 * "{{<parent}}{{$block}}\n" and "{{/block}}{{/parent}}\n" stand alone. */
static int in_parent(const tmpl_parser *p, size_t open)
{
	return open != TMPL_NONE && p->t[open].kind == TMPL_PARENT;
}

static int ignored_before(const tmpl_parser *p, size_t i)
{
	const tmpl_tok *t = &p->t[i];
	return in_parent(p, t->kind == TMPL_CLOSE ? t->pair : t->enclosing);
}

static int ignored_after(const tmpl_parser *p, size_t i)
{
	const tmpl_tok *t = &p->t[i];
	return in_parent(p, is_opener(t->kind) ? i : t->enclosing);
}

/* Is tag i first on its line? *cut = where the blanks before it start. */
static int clear_left(const tmpl_parser *p, size_t i, size_t *cut)
{
	if (i == 0 || ignored_before(p, i))
		return 1;
	const tmpl_tok *pv = &p->t[i - 1];
	if (pv->kind != TMPL_TEXT)
		return 0;
	size_t k = pv->end;
	while (k > pv->start && is_blank(p->src[k - 1]))
		k--;
	if (k == pv->start ? i - 1 != 0 : p->src[k - 1] != '\n')
		return 0;
	*cut = k;
	return 1;
}

/* Is tag i last on its line? *cut = where the text after it resumes (past
 * the newline, or at the end of input). */
static int clear_right(const tmpl_parser *p, size_t i, size_t *cut)
{
	if (i + 1 == p->n || ignored_after(p, i))
		return 1;
	const tmpl_tok *nx = &p->t[i + 1];
	if (nx->kind != TMPL_TEXT)
		return 0;
	size_t k = nx->start;
	while (k < nx->end && is_blank(p->src[k]))
		k++;
	if (k == nx->end) {
		*cut = k;
		return i + 2 == p->n;
	}
	if (p->src[k] == '\r' && k + 1 < nx->end && p->src[k + 1] == '\n')
		k++;
	*cut = k + 1;
	return p->src[k] == '\n';
}

/* Decide which tags stand alone. A parent's opening and closing tags stand
 * alone as a pair: the first opens its line and the last ends its line. */
static void find_standalone(tmpl_parser *p)
{
	for (size_t i = 0; i < p->n; i++) {
		tmpl_tok *t = &p->t[i];
		if (t->kind == TMPL_TEXT || t->kind == TMPL_VAR ||
		    t->kind == TMPL_RAW)
			continue;
		size_t l = TMPL_NONE, r = TMPL_NONE, other;
		int st = clear_left(p, i, &l) && clear_right(p, i, &r);
		if (t->kind == TMPL_PARENT)
			st = st && clear_right(p, t->pair, &other);
		else if (t->kind == TMPL_CLOSE && in_parent(p, t->pair))
			st = st && clear_left(p, t->pair, &other);
		t->standalone = st;
		t->ind = l;
		t->rcut = r;
	}
}

/* Cut the lines of standalone tags out of the text around them. The cuts
 * of two tags never overlap: one ends at a newline, the next starts after
 * the last newline of the same text. */
static void cut_standalone(tmpl_parser *p)
{
	for (size_t i = 0; i < p->n; i++) {
		tmpl_tok *t = &p->t[i];
		if (!t->standalone)
			continue;
		if (t->ind != TMPL_NONE) {
			t->ind_len = p->t[i - 1].end - t->ind;
			p->t[i - 1].end = t->ind;
		} else {
			t->ind = t->ind_len = 0;
		}
		if (t->rcut != TMPL_NONE)
			p->t[i + 1].start = t->rcut;
	}
}

/* ---- pass 4: build the tree --------------------------------------------- */

static void push_node(tmpl_nlist *l, size_t *cap, const tmpl_node *n)
{
	if (l->n == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		l->v = xrealloc(l->v, *cap * sizeof *l->v);
	}
	l->v[l->n++] = *n;
}

/* "a.b.c" -> "a\0b\0c" with nparts 3, so lookups need no copying. */
static void split_name(tmpl_node *n)
{
	if (n->len == 1 && n->str[0] == '.')
		return;
	n->parts = xstrndup(n->str, n->len);
	n->nparts = 1;
	for (char *c = n->parts; (c = strchr(c, '.')); c++) {
		*c = '\0';
		n->nparts++;
	}
}

/* A block's indentation: stripped from its lines when it is passed to a
 * parent, added when a passed block is expanded in its place. With a
 * standalone opening tag it is that of the first line of content (the tag's
 * own if there is no content), else that of the line the tag is on. */
static void block_indent(const tmpl_parser *p, const tmpl_tok *t, tmpl_node *n)
{
	const char *s = p->src;
	if (t->standalone && n->kids.n == 0) {
		n->indent = s + t->ind;
		n->indent_len = t->ind_len;
		return;
	}
	if (t->standalone) {
		const tmpl_node *k = &n->kids.v[0];
		size_t m = 0;
		while (k->kind == TMPL_TEXT && m < k->len &&
		       is_blank(k->str[m]))
			m++;
		n->indent = k->str;
		n->indent_len = m;
		return;
	}
	size_t ls = t->start, e;
	while (ls > 0 && s[ls - 1] != '\n')
		ls--;
	for (e = ls; e < t->start && is_blank(s[e]); e++)
		;
	n->indent = s + ls;
	n->indent_len = e - ls;
}

static size_t build_list(tmpl_parser *p, size_t i, tmpl_nlist *out,
			 int *bol, int parent);

/* Build the node of tag i (one that makes a node) into *n, which has its
 * kind and position. `bol` as for build_one. Returns the last token used:
 * the tag, or the closing tag of a section, block or parent. */
static size_t build_tag(tmpl_parser *p, size_t i, tmpl_node *n, int *bol)
{
	const tmpl_tok *t = &p->t[i];
	int include = t->kind == TMPL_PARTIAL || t->kind == TMPL_PARENT;
	n->str = p->src + t->name;
	n->len = t->name_len;
	n->bol = (unsigned char)(t->standalone ? 0 : *bol);
	if (!include && t->kind != TMPL_BLOCK)
		split_name(n);
	if (t->standalone && include) {
		n->indent = p->src + t->ind;
		n->indent_len = t->ind_len;
	}
	*bol = t->standalone;
	if (!is_opener(t->kind))
		return i;
	size_t close = build_list(p, i + 1, &n->kids, bol,
				  t->kind == TMPL_PARENT);
	n->kids.tail_bol = *bol && !p->t[close].standalone &&
			   t->kind != TMPL_PARENT;
	if (t->kind == TMPL_BLOCK)
		block_indent(p, t, n);
	*bol = p->t[close].standalone;
	return close;
}

/* Build the node for token i into *n. `bol` says whether we are at the start
 * of a line, and is updated. Returns the last token used, or TMPL_NONE when
 * the token makes no node (empty text, comments, delimiter changes). */
static size_t build_one(tmpl_parser *p, size_t i, tmpl_node *n, int *bol)
{
	const tmpl_tok *t = &p->t[i];
	memset(n, 0, sizeof *n);
	n->kind = t->kind;
	n->line = t->line;
	n->col = t->col;
	n->standalone = (unsigned char)t->standalone;
	if (t->kind == TMPL_TEXT) {
		if (t->end == t->start)
			return TMPL_NONE;
		n->str = p->src + t->start;
		n->len = t->end - t->start;
		n->bol = (unsigned char)*bol;
		*bol = n->str[n->len - 1] == '\n';
		return i;
	}
	if (t->kind == TMPL_COMMENT || t->kind == TMPL_DELIM) {
		/* Inline, they leave `bol` alone: the indentation of their
		 * line belongs to whatever follows them. */
		*bol = *bol || t->standalone;
		return TMPL_NONE;
	}
	return build_tag(p, i, n, bol);
}

/* Build nodes from token i up to the closing tag that ends the list (or the
 * end); returns that tag's index. Inside a parent (`parent`) only blocks are
 * kept: everything else there is ignored, as the spec says. */
static size_t build_list(tmpl_parser *p, size_t i, tmpl_nlist *out,
			 int *bol, int parent)
{
	size_t cap = 0;
	for (; i < p->n && p->t[i].kind != TMPL_CLOSE; i++) {
		tmpl_node n;
		if (parent && p->t[i].kind != TMPL_BLOCK) {
			if (is_opener(p->t[i].kind))
				i = p->t[i].pair;
			continue;
		}
		size_t last = build_one(p, i, &n, bol);
		if (last == TMPL_NONE)
			continue;
		push_node(out, &cap, &n);
		i = last;
	}
	return i;
}

int tmpl_compile_tree(tmpl *t, diag *d)
{
	tmpl_parser p;
	memset(&p, 0, sizeof p);
	p.src = t->src;
	p.len = t->len;
	p.path = t->path;
	p.d = d;
	p.otag = "{{";
	p.ctag = "}}";
	p.olen = p.clen = 2;
	p.line = 1;
	tmpl_lex_tokenize(&p);
	if (!p.fatal)
		match(&p);
	if (!p.errors) {
		int bol = 1;
		find_standalone(&p);
		cut_standalone(&p);
		build_list(&p, 0, &t->root, &bol, 0);
	}
	free(p.t);
	return p.errors ? -1 : 0;
}
