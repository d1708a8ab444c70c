/* tmpl.c - Mustache templates: compile to a node tree, render by walking it.
 *
 * Compiling is four passes over one template:
 *   1. tokenize: split the source into text and tags, following delimiter
 *      changes, and check tag syntax;
 *   2. match: pair section/block/parent tags with their closing tags;
 *   3. standalone: decide which tags stand alone on their line and cut the
 *      whitespace and newline around them out of the neighbouring text;
 *   4. build: turn the tokens into a tree of nodes.
 * Rendering walks the tree with a context stack, a chain of block overrides
 * and an indentation transform, all kept on the C stack.
 *
 * Indentation. The spec defines partial indentation by rewriting the
 * partial's source ("prepend the indentation to each line"). We compile once,
 * so instead every node remembers whether it starts a line of its template
 * (`bol`), and at render time a transform (strip this prefix, add that one)
 * is applied at each such line start. Block reindentation (the newer
 * ~inheritance tests) is the same transform: strip the block's indentation
 * where it was defined, add the indentation of the place it is expanded.
 */
#include "tmpl.h"
#include "smap.h"
#include "dir.h"
#include "hash.h"
#include "text.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define NONE ((size_t)-1)

enum kind {
	K_TEXT, K_VAR, K_RAW, K_SECTION, K_INVERTED, K_CLOSE, K_COMMENT,
	K_PARTIAL, K_PARENT, K_BLOCK, K_DELIM
};

/* ---- compiled form ---------------------------------------------------- */

typedef struct node node;

typedef struct nlist {
	node *v;
	size_t n;
	int tail_bol;   /* the closing tag starts a line (and is not removed) */
} nlist;

struct node {
	enum kind kind;
	unsigned line, col;
	unsigned char bol;         /* starts a line of its template */
	unsigned char standalone;
	const char *str;           /* text, or the tag name (into tmpl.src) */
	size_t len;
	char *parts;               /* names split at dots, NUL-separated */
	unsigned nparts;           /* 0 for the implicit iterator "." */
	const char *indent;        /* partial/parent: standalone indentation; */
	size_t indent_len;         /* block: its indentation (see block_indent) */
	nlist kids;
};

typedef struct tmpl {
	char *name, *path, *src;
	size_t name_len, len;
	nlist root;
	struct tmpl *next;         /* hash chain */
} tmpl;

/* A name index of a long-lived object (tmpl_set_index), known by its
 * first member: a reference to the object shares it. */
typedef struct obj_index {
	const cJSON *first;
	smap names;               /* member name → member */
} obj_index;

struct tmpl_set {
	tmpl **tab;
	size_t cap, n;
	obj_index *idx;
	size_t n_idx;
};

/* ---- small helpers ---------------------------------------------------- */

static int is_blank(char c) { return c == ' ' || c == '\t'; }
static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' ||
	       c == '\f';
}

static int is_opener(enum kind k)
{
	return k == K_SECTION || k == K_INVERTED || k == K_PARENT ||
	       k == K_BLOCK;
}

static size_t common_prefix(const char *a, size_t na, const char *b, size_t nb)
{
	size_t i = 0;
	while (i < na && i < nb && a[i] == b[i])
		i++;
	return i;
}

/* ---- the set ------------------------------------------------------------ */

tmpl_set *tmpl_set_new(void)
{
	tmpl_set *set = xcalloc(1, sizeof *set);
	set->cap = 64;
	set->tab = xcalloc(set->cap, sizeof *set->tab);
	return set;
}

static void free_list(nlist *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].parts);
		free_list(&l->v[i].kids);
	}
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

static void free_tmpl(tmpl *t)
{
	free_list(&t->root);
	free(t->name);
	free(t->path);
	free(t->src);
	free(t);
}

void tmpl_set_free(tmpl_set *set)
{
	if (!set)
		return;
	for (size_t i = 0; i < set->cap; i++) {
		tmpl *t = set->tab[i];
		while (t) {
			tmpl *next = t->next;
			free_tmpl(t);
			t = next;
		}
	}
	free(set->tab);
	for (size_t i = 0; i < set->n_idx; i++)
		smap_free(&set->idx[i].names);
	free(set->idx);
	free(set);
}

void tmpl_set_index(tmpl_set *set, const cJSON *obj)
{
	if (!cJSON_IsObject(obj) || !obj->child)
		return;
	set->idx = xrealloc(set->idx, (set->n_idx + 1) * sizeof *set->idx);
	obj_index *x = &set->idx[set->n_idx++];
	*x = (obj_index){ .first = obj->child, .names = SMAP_INIT };
	for (const cJSON *m = obj->child; m; m = m->next)
		if (m->string && !smap_get(&x->names, m->string))
			smap_put(&x->names, m->string, (void *)m);
}

static tmpl **find_slot(const tmpl_set *set, const char *name, size_t len)
{
	tmpl **p = &set->tab[hash_fnv1a(HASH_FNV_START, name, len) & (set->cap - 1)];
	while (*p && !((*p)->name_len == len && !memcmp((*p)->name, name, len)))
		p = &(*p)->next;
	return p;
}

static const tmpl *find_tmpl(const tmpl_set *set, const char *name, size_t len)
{
	return *find_slot(set, name, len);
}

static void grow_set(tmpl_set *set)
{
	size_t cap = set->cap * 2;
	tmpl **tab = xcalloc(cap, sizeof *tab);
	for (size_t i = 0; i < set->cap; i++) {
		tmpl *t = set->tab[i];
		while (t) {
			tmpl *next = t->next;
			size_t h = hash_fnv1a(HASH_FNV_START, t->name, t->name_len) & (cap - 1);
			t->next = tab[h];
			tab[h] = t;
			t = next;
		}
	}
	free(set->tab);
	set->tab = tab;
	set->cap = cap;
}

/* Insert `t`, freeing a template of the same name. */
static void store(tmpl_set *set, tmpl *t)
{
	tmpl **p = find_slot(set, t->name, t->name_len);
	if (*p) {
		t->next = (*p)->next;
		free_tmpl(*p);
		*p = t;
		return;
	}
	t->next = NULL;
	*p = t;
	if (++set->n > set->cap / 4 * 3)
		grow_set(set);
}

int tmpl_set_has(const tmpl_set *set, const char *name)
{
	return find_tmpl(set, name, strlen(name)) != NULL;
}

/* ---- pass 1: tokenize --------------------------------------------------- */

typedef struct tok {
	enum kind kind;
	size_t start, end;         /* text span, or the whole tag */
	size_t name, name_len;     /* tag content, trimmed */
	unsigned line, col;
	size_t pair;               /* matching open/close tag */
	size_t enclosing;          /* innermost open tag around it (see match) */
	int standalone;
	size_t ind, ind_len;       /* whitespace removed before a standalone tag */
	size_t rcut;               /* standalone: next text resumes here */
} tok;

typedef struct parser {
	const char *src, *path;
	size_t len;
	diag *d;
	tok *t;
	size_t n, cap;
	int errors;
	int fatal;                 /* tokenizing stopped early */
	const char *otag, *ctag;   /* current delimiters */
	size_t olen, clen;
	unsigned line;             /* line of `line_start` */
	size_t line_start;
} parser;

__attribute__((format(printf, 4, 5)))
static void perr(parser *p, unsigned line, unsigned col, const char *fmt, ...)
{
	buf msg = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	diag_error(p->d, p->path, line, col, "%s", buf_cstr(&msg));
	buf_free(&msg);
	p->errors++;
}

static tok *push_tok(parser *p, enum kind k, size_t start, size_t end)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 64;
		p->t = xrealloc(p->t, p->cap * sizeof *p->t);
	}
	tok *t = &p->t[p->n++];
	memset(t, 0, sizeof *t);
	t->kind = k;
	t->start = start;
	t->end = end;
	t->pair = t->enclosing = NONE;
	return t;
}

/* Move the line counter over src[from, to). */
static void count_lines(parser *p, size_t from, size_t to)
{
	const char *s = p->src;
	const char *nl;
	while (from < to && (nl = memchr(s + from, '\n', to - from))) {
		p->line++;
		from = (size_t)(nl - s) + 1;
		p->line_start = from;
	}
}

/* Find the closing delimiter at or after `from`; with `pre` set, it must be
 * preceded by that character ('}' for {{{x}}}, '=' for {{=a b=}}), which
 * must itself come at or after `from`. Returns its offset or NONE. */
static size_t find_close(const parser *p, size_t from, char pre)
{
	size_t at = from + (pre ? 1 : 0);
	while (at <= p->len && p->len - at >= p->clen) {
		const char *c = memmem(p->src + at, p->len - at, p->ctag, p->clen);
		if (!c)
			return NONE;
		size_t k = (size_t)(c - p->src);
		if (!pre || p->src[k - 1] == pre)
			return k;
		at = k + 1;
	}
	return NONE;
}

static enum kind sigil_kind(char c)
{
	switch (c) {
	case '#': return K_SECTION;
	case '^': return K_INVERTED;
	case '/': return K_CLOSE;
	case '!': return K_COMMENT;
	case '>': return K_PARTIAL;
	case '<': return K_PARENT;
	case '$': return K_BLOCK;
	case '&': case '{': return K_RAW;
	case '=': return K_DELIM;
	default: return K_VAR;
	}
}

/* Check a tag's name: non-empty, no whitespace, and for data names no empty
 * part between dots ("a..b", ".a"); "." alone is the implicit iterator. */
static void check_name(parser *p, const tok *t)
{
	const char *s = p->src + t->name;
	size_t n = t->name_len;
	if (n == 0) {
		perr(p, t->line, t->col, "empty tag name");
		return;
	}
	for (size_t i = 0; i < n; i++) {
		if (is_space(s[i])) {
			perr(p, t->line, t->col, "invalid tag name '%.*s'",
			     (int)n, s);
			return;
		}
	}
	int data = t->kind == K_VAR || t->kind == K_RAW ||
		   t->kind == K_SECTION || t->kind == K_INVERTED ||
		   t->kind == K_CLOSE;
	if (!data || (n == 1 && s[0] == '.'))
		return;
	for (size_t i = 0; i < n; i++) {
		int edge = i == 0 || i == n - 1 || s[i + 1] == '.';
		if (s[i] == '.' && edge) {
			perr(p, t->line, t->col, "invalid name '%.*s'",
			     (int)n, s);
			return;
		}
	}
}

/* {{=<% %>=}}: the content must be two delimiters separated by whitespace,
 * neither containing whitespace or '='. Keeps the old ones on error. */
static void set_delims(parser *p, const tok *t)
{
	const char *s = p->src + t->name;
	size_t n = t->name_len, a = 0;
	while (a < n && !is_space(s[a]) && s[a] != '=')
		a++;
	size_t b = a;
	while (b < n && is_space(s[b]))
		b++;
	size_t e = b;
	while (e < n && !is_space(s[e]) && s[e] != '=')
		e++;
	if (a == 0 || b == a || e == b || e != n) {
		perr(p, t->line, t->col,
		     "invalid delimiter change '%.*s': expected two delimiters "
		     "separated by whitespace, without '=' or whitespace in them",
		     (int)(n > 60 ? 60 : n), s);
		return;
	}
	p->otag = s;
	p->olen = a;
	p->ctag = s + b;
	p->clen = e - b;
}

static void trim(const char *s, size_t *from, size_t *to)
{
	while (*from < *to && is_space(s[*from]))
		(*from)++;
	while (*to > *from && is_space(s[*to - 1]))
		(*to)--;
}

/* Scan the tag whose opening delimiter starts at `at`. Returns the offset
 * after it, or NONE if it is not closed (which ends tokenizing). */
static size_t scan_tag(parser *p, size_t at)
{
	unsigned col = (unsigned)(at - p->line_start + 1);
	size_t c0 = at + p->olen;
	if (c0 >= p->len) {
		perr(p, p->line, col, "unclosed tag at end of input");
		return NONE;
	}
	enum kind k = sigil_kind(p->src[c0]);
	char pre = p->src[c0] == '{' ? '}' : p->src[c0] == '=' ? '=' : 0;
	size_t from = k == K_VAR ? c0 : c0 + 1;
	size_t close = find_close(p, from, pre);
	if (close == NONE) {
		perr(p, p->line, col, "unclosed tag: no closing '%s%.*s'",
		     pre == '}' ? "}" : pre == '=' ? "=" : "", (int)p->clen,
		     p->ctag);
		return NONE;
	}
	size_t end = close + p->clen;
	tok *t = push_tok(p, k, at, end);
	t->line = p->line;
	t->col = col;
	size_t nb = from, ne = pre ? close - 1 : close;
	trim(p->src, &nb, &ne);
	t->name = nb;
	t->name_len = ne - nb;
	if (k == K_DELIM)
		set_delims(p, t);
	else if (k != K_COMMENT)
		check_name(p, t);
	return end;
}

static void perr_at(parser *p, size_t off, const char *msg)
{
	parser q = *p;           /* a scratch line counter */
	q.line = 1;
	q.line_start = 0;
	count_lines(&q, 0, off);
	perr(p, q.line, (unsigned)(off - q.line_start + 1), "%s", msg);
}

/* A template is text: its output is UTF-8 HTML, and a stray byte would
 * reach every page unseen. */
static void report_bad_bytes(parser *p)
{
	const char *z = memchr(p->src, '\0', p->len);
	if (z)
		perr_at(p, (size_t)(z - p->src), "NUL byte in template");
	size_t bad = utf8_check(p->src, p->len);
	if (bad < p->len)
		perr_at(p, bad, "template is not valid UTF-8 (bad or truncated "
			"byte sequence); save it again as UTF-8");
}

static void tokenize(parser *p)
{
	size_t pos = 0;
	while (pos < p->len) {
		const char *o = memmem(p->src + pos, p->len - pos, p->otag,
				       p->olen);
		size_t at = o ? (size_t)(o - p->src) : p->len;
		if (at > pos)
			push_tok(p, K_TEXT, pos, at);
		count_lines(p, pos, at);
		if (!o)
			return;
		size_t end = scan_tag(p, at);
		if (end == NONE) {
			p->fatal = 1;
			return;
		}
		count_lines(p, at, end);
		pos = end;
	}
}

/* ---- pass 2: match open and close tags ---------------------------------- */

static int same_name(const parser *p, const tok *a, const tok *b)
{
	return a->name_len == b->name_len &&
	       !memcmp(p->src + a->name, p->src + b->name, a->name_len);
}

/* A closing tag that does not close the innermost open section: report it.
 * Returns the stack index of an outer section it does close (everything
 * inside that is then taken as closed too), or NONE to ignore the tag. */
static size_t mismatch(parser *p, const size_t *stack, size_t depth, size_t i)
{
	tok *t = &p->t[i], *top = &p->t[stack[depth - 1]];
	perr(p, t->line, t->col,
	     "closing tag '%.*s' does not match open section '%.*s' "
	     "(opened at %u:%u)", (int)t->name_len, p->src + t->name,
	     (int)top->name_len, p->src + top->name, top->line, top->col);
	for (size_t j = depth; j-- > 0;)
		if (same_name(p, &p->t[stack[j]], t))
			return j;
	return NONE;
}

/* Pair tags, and record for every token the innermost open tag around it
 * (`enclosing`; for a closing tag, the one around its section). */
static void match(parser *p)
{
	size_t stack[TMPL_MAX_NESTING];
	size_t depth = 0;
	for (size_t i = 0; i < p->n; i++) {
		tok *t = &p->t[i];
		if (t->kind == K_CLOSE) {
			if (depth == 0) {
				perr(p, t->line, t->col,
				     "closing tag '%.*s' without an open section",
				     (int)t->name_len, p->src + t->name);
				continue;
			}
			size_t j = depth - 1;
			if (!same_name(p, &p->t[stack[j]], t) &&
			    (j = mismatch(p, stack, depth, i)) == NONE)
				continue;
			depth = j;
			t->pair = stack[j];
			p->t[stack[j]].pair = i;
		}
		t->enclosing = depth ? stack[depth - 1] : NONE;
		if (!is_opener(t->kind))
			continue;
		if (depth == TMPL_MAX_NESTING) {
			perr(p, t->line, t->col,
			     "sections nested deeper than %d levels",
			     TMPL_MAX_NESTING);
			return;
		}
		stack[depth++] = i;
	}
	for (size_t j = 0; j < depth; j++) {
		tok *t = &p->t[stack[j]];
		perr(p, t->line, t->col, "unclosed section '%.*s'",
		     (int)t->name_len, p->src + t->name);
	}
}

/* ---- pass 3: standalone lines ------------------------------------------- */

/* Inside a parent tag only blocks count: the text around them is ignored,
 * so it neither makes nor breaks a standalone line. This is what lets
 * "{{<parent}}{{$block}}\n" and "{{/block}}{{/parent}}\n" stand alone. */
static int in_parent(const parser *p, size_t open)
{
	return open != NONE && p->t[open].kind == K_PARENT;
}

static int ignored_before(const parser *p, size_t i)
{
	const tok *t = &p->t[i];
	return in_parent(p, t->kind == K_CLOSE ? t->pair : t->enclosing);
}

static int ignored_after(const parser *p, size_t i)
{
	const tok *t = &p->t[i];
	return in_parent(p, is_opener(t->kind) ? i : t->enclosing);
}

/* Is tag i first on its line? *cut = where the blanks before it start. */
static int clear_left(const parser *p, size_t i, size_t *cut)
{
	if (i == 0 || ignored_before(p, i))
		return 1;
	const tok *pv = &p->t[i - 1];
	if (pv->kind != K_TEXT)
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
static int clear_right(const parser *p, size_t i, size_t *cut)
{
	if (i + 1 == p->n || ignored_after(p, i))
		return 1;
	const tok *nx = &p->t[i + 1];
	if (nx->kind != K_TEXT)
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
static void find_standalone(parser *p)
{
	for (size_t i = 0; i < p->n; i++) {
		tok *t = &p->t[i];
		if (t->kind == K_TEXT || t->kind == K_VAR || t->kind == K_RAW)
			continue;
		size_t l = NONE, r = NONE, other;
		int st = clear_left(p, i, &l) && clear_right(p, i, &r);
		if (t->kind == K_PARENT)
			st = st && clear_right(p, t->pair, &other);
		else if (t->kind == K_CLOSE && in_parent(p, t->pair))
			st = st && clear_left(p, t->pair, &other);
		t->standalone = st;
		t->ind = l;
		t->rcut = r;
	}
}

/* Cut the lines of standalone tags out of the text around them. The cuts
 * of two tags never overlap: one ends at a newline, the next starts after
 * the last newline of the same text. */
static void cut_standalone(parser *p)
{
	for (size_t i = 0; i < p->n; i++) {
		tok *t = &p->t[i];
		if (!t->standalone)
			continue;
		if (t->ind != NONE) {
			t->ind_len = p->t[i - 1].end - t->ind;
			p->t[i - 1].end = t->ind;
		} else {
			t->ind = t->ind_len = 0;
		}
		if (t->rcut != NONE)
			p->t[i + 1].start = t->rcut;
	}
}

/* ---- pass 4: build the tree --------------------------------------------- */

static void push_node(nlist *l, size_t *cap, const node *n)
{
	if (l->n == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		l->v = xrealloc(l->v, *cap * sizeof *l->v);
	}
	l->v[l->n++] = *n;
}

/* "a.b.c" -> "a\0b\0c" with nparts 3, so lookups need no copying. */
static void split_name(node *n)
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
static void block_indent(const parser *p, const tok *t, node *n)
{
	const char *s = p->src;
	if (t->standalone && n->kids.n == 0) {
		n->indent = s + t->ind;
		n->indent_len = t->ind_len;
		return;
	}
	if (t->standalone) {
		const node *k = &n->kids.v[0];
		size_t m = 0;
		while (k->kind == K_TEXT && m < k->len && is_blank(k->str[m]))
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

static size_t build_list(parser *p, size_t i, nlist *out, int *bol,
			 int parent);

/* Build the node for token i into *n. `bol` says whether we are at the start
 * of a line, and is updated. Returns the last token used, or NONE when the
 * token makes no node (empty text, comments, delimiter changes). */
static size_t build_one(parser *p, size_t i, node *n, int *bol)
{
	const tok *t = &p->t[i];
	memset(n, 0, sizeof *n);
	n->kind = t->kind;
	n->line = t->line;
	n->col = t->col;
	n->standalone = (unsigned char)t->standalone;
	if (t->kind == K_TEXT) {
		if (t->end == t->start)
			return NONE;
		n->str = p->src + t->start;
		n->len = t->end - t->start;
		n->bol = (unsigned char)*bol;
		*bol = n->str[n->len - 1] == '\n';
		return i;
	}
	if (t->kind == K_COMMENT || t->kind == K_DELIM) {
		/* Inline, they leave `bol` alone: the indentation of their
		 * line belongs to whatever follows them. */
		*bol = *bol || t->standalone;
		return NONE;
	}
	n->str = p->src + t->name;
	n->len = t->name_len;
	n->bol = (unsigned char)(t->standalone ? 0 : *bol);
	if (t->kind != K_PARTIAL && t->kind != K_PARENT && t->kind != K_BLOCK)
		split_name(n);
	if (t->standalone && (t->kind == K_PARTIAL || t->kind == K_PARENT)) {
		n->indent = p->src + t->ind;
		n->indent_len = t->ind_len;
	}
	*bol = t->standalone;
	if (!is_opener(t->kind))
		return i;
	size_t close = build_list(p, i + 1, &n->kids, bol, t->kind == K_PARENT);
	n->kids.tail_bol = *bol && !p->t[close].standalone &&
			   t->kind != K_PARENT;
	if (t->kind == K_BLOCK)
		block_indent(p, t, n);
	*bol = p->t[close].standalone;
	return close;
}

/* Build nodes from token i up to the closing tag that ends the list (or the
 * end); returns that tag's index. Inside a parent (`parent`) only blocks are
 * kept: everything else there is ignored, as the spec says. */
static size_t build_list(parser *p, size_t i, nlist *out, int *bol,
			 int parent)
{
	size_t cap = 0;
	for (; i < p->n && p->t[i].kind != K_CLOSE; i++) {
		node n;
		if (parent && p->t[i].kind != K_BLOCK) {
			if (is_opener(p->t[i].kind))
				i = p->t[i].pair;
			continue;
		}
		size_t last = build_one(p, i, &n, bol);
		if (last == NONE)
			continue;
		push_node(out, &cap, &n);
		i = last;
	}
	return i;
}

static int compile(tmpl *t, diag *d)
{
	parser p;
	memset(&p, 0, sizeof p);
	p.src = t->src;
	p.len = t->len;
	p.path = t->path;
	p.d = d;
	p.otag = "{{";
	p.ctag = "}}";
	p.olen = p.clen = 2;
	p.line = 1;
	report_bad_bytes(&p);
	tokenize(&p);
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

int tmpl_set_add(tmpl_set *set, const char *name, const char *path,
		 const char *src, size_t len, diag *d)
{
	tmpl *t = xcalloc(1, sizeof *t);
	t->name = xstrdup(name);
	t->name_len = strlen(name);
	t->path = xstrdup(path ? path : name);
	t->src = xmalloc(len + 1);
	if (len)
		memcpy(t->src, src, len);
	t->src[len] = '\0';
	t->len = len;
	if (compile(t, d) < 0) {
		free_tmpl(t);
		return -1;
	}
	store(set, t);
	return 0;
}

/* ---- rendering ---------------------------------------------------------- */

typedef struct ctx {              /* the context stack, innermost first */
	const cJSON *v;
	const struct ctx *up;
} ctx;

typedef struct ovr {              /* blocks passed by enclosing parent tags */
	const node *parent;       /* its kids are all blocks */
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

static void render_list(rstate *rs, const frame *fr, const nlist *l);

__attribute__((format(printf, 4, 5)))
static void rerr(rstate *rs, const frame *fr, const node *n,
		 const char *fmt, ...)
{
	buf msg = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	diag_error(rs->d, fr->t->path, n->line, n->col, "%s", buf_cstr(&msg));
	buf_free(&msg);
	rs->failed = 1;
}

/* Count one more level of nesting; a hostile template or data must not be
 * able to exhaust the C stack. */
static int enter(rstate *rs, const frame *fr, const node *n)
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

static void render_text(rstate *rs, const frame *fr, const node *n)
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
			   const node *n)
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

static void render_var(rstate *rs, const frame *fr, const node *n)
{
	const char *strip;
	size_t slen;
	start_node(rs, fr->x, n->bol, &strip, &slen);
	const cJSON *v = lookup(rs->set, fr->c, n);
	if (cJSON_IsString(v) && v->valuestring) {
		size_t len = strlen(v->valuestring);
		if (n->kind == K_VAR)
			buf_put_html(rs->out, v->valuestring, len);
		else
			buf_put(rs->out, v->valuestring, len);
	} else if (cJSON_IsNumber(v)) {
		put_number(rs->out, v->valuedouble);
	} else if (cJSON_IsBool(v)) {
		buf_puts(rs->out, cJSON_IsTrue(v) ? "true" : "false");
	}
}

static void render_section(rstate *rs, const frame *fr, const node *n)
{
	const char *strip;
	size_t slen;
	if (!n->standalone)  /* else its content has the first line */
		start_node(rs, fr->x, n->bol, &strip, &slen);
	const cJSON *v = lookup(rs->set, fr->c, n);
	int yes = truthy(v);
	if (n->kind == K_INVERTED ? yes : !yes)
		return;
	if (!enter(rs, fr, n))
		return;
	if (n->kind == K_INVERTED) {
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
static void render_partial(rstate *rs, const frame *fr, const node *n)
{
	const char *strip;
	size_t slen;
	if (!n->standalone)  /* else its content has the first line */
		start_node(rs, fr->x, n->bol, &strip, &slen);
	const tmpl *t = find_tmpl(rs->set, n->str, n->len);
	if (!t && n->kind == K_PARENT)
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
	frame f = { t, fr->c, n->kind == K_PARENT ? &o : fr->o, NULL };
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
static const node *find_override(const ovr *o, const node *n, const tmpl **t)
{
	const node *found = NULL;
	for (; o; o = o->up) {
		for (size_t i = 0; i < o->parent->kids.n; i++) {
			const node *b = &o->parent->kids.v[i];
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
static void render_block(rstate *rs, const frame *fr, const node *n)
{
	const char *strip;
	size_t slen;
	if (!n->standalone)  /* else its content has the first line */
		start_node(rs, fr->x, n->bol, &strip, &slen);
	const tmpl *dt = NULL;
	const node *def = find_override(fr->o, n, &dt);
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

static void render_node(rstate *rs, const frame *fr, const node *n)
{
	/* Nested sections over lists multiply: a few lines of template can
	 * ask for gigabytes. */
	if (rs->out->len - rs->out_start > TMPL_MAX_OUTPUT) {
		rerr(rs, fr, n, "output larger than %d MiB",
		     TMPL_MAX_OUTPUT / (1024 * 1024));
		return;
	}
	switch (n->kind) {
	case K_TEXT: render_text(rs, fr, n); break;
	case K_VAR: case K_RAW: render_var(rs, fr, n); break;
	case K_SECTION: case K_INVERTED: render_section(rs, fr, n); break;
	case K_PARTIAL: case K_PARENT: render_partial(rs, fr, n); break;
	case K_BLOCK: render_block(rs, fr, n); break;
	default: break;
	}
}

static void render_list(rstate *rs, const frame *fr, const nlist *l)
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
	const tmpl *t = find_tmpl(set, name, strlen(name));
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

/* ---- loading a directory ------------------------------------------------ */

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n > m && !strcmp(s + n - m, suffix);
}

#define EXT ".mustache"

typedef struct load_walk {
	tmpl_set *set;
	diag *d;
	int rc;
} load_walk;

static int load_file(tmpl_set *set, const char *path, const char *rel,
		     diag *d)
{
	buf src = BUF_INIT;
	int rc = -1;
	if (buf_read_file(&src, path) < 0) {
		diag_error(d, path, 0, 0, "cannot read: %s", strerror(errno));
	} else {
		char *name = xstrndup(rel, strlen(rel) - strlen(EXT));
		rc = tmpl_set_add(set, name, path, src.ptr, src.len, d);
		free(name);
	}
	buf_free(&src);
	return rc;
}

static int visit_template(void *walk, const char *path, const char *rel,
			  const struct stat *st)
{
	load_walk *w = walk;
	if (S_ISREG(st->st_mode) && ends_with(rel, EXT) &&
	    load_file(w->set, path, rel, w->d) < 0)
		w->rc = -1;
	return 0;
}

int tmpl_set_load_dir(tmpl_set *set, const char *dir, diag *d)
{
	load_walk w = { set, d, 0 };
	if (dir_walk(dir, visit_template, &w) != 0) {
		diag_error(d, dir, 0, 0, "cannot read the template folder: %s",
			   strerror(errno));
		return -1;
	}
	return w.rc;
}
