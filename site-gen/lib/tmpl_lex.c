/* tmpl_lex.c - compiling a template, pass 1: split the source into text and
 * tags, following delimiter changes, and check tag syntax (tmpl_int.h).
 */
#include "tmpl_int.h"
#include "utf8.h"

#include <stdarg.h>
#include <string.h>

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' ||
	       c == '\f';
}

void tmpl_lex_error(tmpl_parser *p, unsigned line, unsigned col,
		    const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	tmpl_verror(p->d, p->path, line, col, fmt, ap);
	va_end(ap);
	p->errors++;
}

static tmpl_tok *push_tok(tmpl_parser *p, tmpl_kind k, size_t start, size_t end)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 64;
		p->t = xrealloc(p->t, p->cap * sizeof *p->t);
	}
	tmpl_tok *t = &p->t[p->n++];
	memset(t, 0, sizeof *t);
	t->kind = k;
	t->start = start;
	t->end = end;
	t->pair = t->enclosing = TMPL_NONE;
	return t;
}

/* Move the line counter over src[from, to). */
static void count_lines(tmpl_parser *p, size_t from, size_t to)
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
 * must itself come at or after `from`. Returns its offset or TMPL_NONE. */
static size_t find_close(const tmpl_parser *p, size_t from, char pre)
{
	size_t at = from + (pre ? 1 : 0);
	while (at <= p->len && p->len - at >= p->clen) {
		const char *c = memmem(p->src + at, p->len - at, p->ctag, p->clen);
		if (!c)
			return TMPL_NONE;
		size_t k = (size_t)(c - p->src);
		if (!pre || p->src[k - 1] == pre)
			return k;
		at = k + 1;
	}
	return TMPL_NONE;
}

static tmpl_kind sigil_kind(char c)
{
	switch (c) {
	case '#': return TMPL_SECTION;
	case '^': return TMPL_INVERTED;
	case '/': return TMPL_CLOSE;
	case '!': return TMPL_COMMENT;
	case '>': return TMPL_PARTIAL;
	case '<': return TMPL_PARENT;
	case '$': return TMPL_BLOCK;
	case '&': case '{': return TMPL_RAW;
	case '=': return TMPL_DELIM;
	default: return TMPL_VAR;
	}
}

/* Check a tag's name: non-empty, no whitespace, and for data names no empty
 * part between dots ("a..b", ".a"); "." alone is the implicit iterator. */
static void check_name(tmpl_parser *p, const tmpl_tok *t)
{
	const char *s = p->src + t->name;
	size_t n = t->name_len;
	if (n == 0) {
		tmpl_lex_error(p, t->line, t->col, "empty tag name");
		return;
	}
	for (size_t i = 0; i < n; i++) {
		if (is_space(s[i])) {
			tmpl_lex_error(p, t->line, t->col,
				       "invalid tag name '%.*s'", (int)n, s);
			return;
		}
	}
	int data = t->kind == TMPL_VAR || t->kind == TMPL_RAW ||
		   t->kind == TMPL_SECTION || t->kind == TMPL_INVERTED ||
		   t->kind == TMPL_CLOSE;
	if (!data || (n == 1 && s[0] == '.'))
		return;
	for (size_t i = 0; i < n; i++) {
		int edge = i == 0 || i == n - 1 || s[i + 1] == '.';
		if (s[i] == '.' && edge) {
			tmpl_lex_error(p, t->line, t->col,
				       "invalid name '%.*s'", (int)n, s);
			return;
		}
	}
}

/* {{=<% %>=}}: the content must be two delimiters separated by whitespace,
 * neither containing whitespace or '='. Keeps the old ones on error. */
static void set_delims(tmpl_parser *p, const tmpl_tok *t)
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
		tmpl_lex_error(p, t->line, t->col,
			       "invalid delimiter change '%.*s': expected two "
			       "delimiters separated by whitespace, without "
			       "'=' or whitespace in them",
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
 * after it, or TMPL_NONE if it is not closed (which ends tokenizing). */
static size_t scan_tag(tmpl_parser *p, size_t at)
{
	unsigned col = (unsigned)(at - p->line_start + 1);
	size_t c0 = at + p->olen;
	if (c0 >= p->len) {
		tmpl_lex_error(p, p->line, col, "unclosed tag at end of input");
		return TMPL_NONE;
	}
	tmpl_kind k = sigil_kind(p->src[c0]);
	char pre = p->src[c0] == '{' ? '}' : p->src[c0] == '=' ? '=' : 0;
	size_t from = k == TMPL_VAR ? c0 : c0 + 1;
	size_t close = find_close(p, from, pre);
	if (close == TMPL_NONE) {
		tmpl_lex_error(p, p->line, col,
			       "unclosed tag: no closing '%s%.*s'",
			       pre == '}' ? "}" : pre == '=' ? "=" : "",
			       (int)p->clen, p->ctag);
		return TMPL_NONE;
	}
	size_t end = close + p->clen;
	tmpl_tok *t = push_tok(p, k, at, end);
	t->line = p->line;
	t->col = col;
	size_t nb = from, ne = pre ? close - 1 : close;
	trim(p->src, &nb, &ne);
	t->name = nb;
	t->name_len = ne - nb;
	if (k == TMPL_DELIM)
		set_delims(p, t);
	else if (k != TMPL_COMMENT)
		check_name(p, t);
	return end;
}

static void perr_at(tmpl_parser *p, size_t off, const char *msg)
{
	tmpl_parser q = *p;           /* a scratch line counter */
	q.line = 1;
	q.line_start = 0;
	count_lines(&q, 0, off);
	tmpl_lex_error(p, q.line, (unsigned)(off - q.line_start + 1), "%s",
		       msg);
}

/* A template is text: its output is UTF-8 HTML, and a stray byte would
 * reach every page unseen. */
static void report_bad_bytes(tmpl_parser *p)
{
	const char *z = memchr(p->src, '\0', p->len);
	if (z)
		perr_at(p, (size_t)(z - p->src), "NUL byte in template");
	size_t bad = utf8_check(p->src, p->len);
	if (bad < p->len)
		perr_at(p, bad, "template is not valid UTF-8 (bad or truncated "
			"byte sequence); save it again as UTF-8");
}

void tmpl_lex_tokenize(tmpl_parser *p)
{
	size_t pos = 0;
	report_bad_bytes(p);
	while (pos < p->len) {
		const char *o = memmem(p->src + pos, p->len - pos, p->otag,
				       p->olen);
		size_t at = o ? (size_t)(o - p->src) : p->len;
		if (at > pos)
			push_tok(p, TMPL_TEXT, pos, at);
		count_lines(p, pos, at);
		if (!o)
			return;
		size_t end = scan_tag(p, at);
		if (end == TMPL_NONE) {
			p->fatal = 1;
			return;
		}
		count_lines(p, at, end);
		pos = end;
	}
}
