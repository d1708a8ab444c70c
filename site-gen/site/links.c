#include "links.h"
#include "hash.h"

#include <stdbool.h>

#include <stdlib.h>
#include <string.h>

typedef struct slot {
	char *page;
	char **hrefs;        /* distinct, in order of first appearance */
	size_t n;
	char *text;          /* what hrefs point into */
} slot;

struct links {
	slot *slots;
	size_t n;
};

links *links_new(size_t n_pages)
{
	links *l = xcalloc(1, sizeof *l);
	l->slots = xcalloc(n_pages, sizeof *l->slots);
	l->n = n_pages;
	return l;
}

static void slot_clear(slot *s)
{
	free(s->hrefs);
	free(s->text);
	free(s->page);
	*s = (slot){ 0 };
}

void links_free(links *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		slot_clear(&l->slots[i]);
	free(l->slots);
	free(l);
}

static bool is_space(char c)
{
	return c == ' ' || c == '\n' || c == '\t';
}

/* Is html[eq] the '=' of ` href=` or ` src=`? */
static bool is_link_attr(const char *html, size_t eq)
{
	return (eq >= 5 && !memcmp(html + eq - 4, "href", 4) &&
		is_space(html[eq - 5])) ||
	       (eq >= 4 && !memcmp(html + eq - 3, "src", 3) &&
		is_space(html[eq - 4]));
}

/* Find the next ` href="…"` or ` src="…"` at or after *pos; the value is
 * [*start, *start + *len). Returns false when there is none. Pages are
 * megabytes at scale: the scan goes from '=' to '=' (memchr). */
static bool next_attr(const char *html, size_t len, size_t *pos,
		      size_t *start, size_t *vlen)
{
	for (size_t i = *pos; i < len;) {
		const char *eq = memchr(html + i, '=', len - i);
		if (!eq)
			return false;
		size_t e = (size_t)(eq - html);
		i = e + 1;
		if (e + 1 >= len || !is_link_attr(html, e) ||
		    (html[e + 1] != '"' && html[e + 1] != '\''))
			continue;
		const char *v = html + e + 2;
		const char *end = memchr(v, html[e + 1], len - (e + 2));
		if (!end)
			return false;
		*start = e + 2;
		*vlen = (size_t)(end - v);
		*pos = *start + *vlen + 1;
		return true;
	}
	return false;
}

typedef struct span {
	size_t start, len;
} span;

/* Keep the first of equal values: an open-addressing set of indices into
 * `v` (a page repeats its links: the menu, the language switch). */
static size_t dedupe(const char *html, span *v, size_t n)
{
	size_t cap = 16;
	while (cap < 2 * n)
		cap *= 2;
	size_t *set = xcalloc(cap, sizeof *set), kept = 0; /* index + 1 */
	for (size_t i = 0; i < n; i++) {
		size_t h = (size_t)hash_bytes(html + v[i].start, v[i].len);
		for (h &= cap - 1; set[h]; h = (h + 1) & (cap - 1)) {
			const span *o = &v[set[h] - 1];
			if (o->len == v[i].len &&
			    !memcmp(html + o->start, html + v[i].start, o->len))
				break;
		}
		if (!set[h]) {
			v[kept] = v[i];
			set[h] = ++kept;
		}
	}
	free(set);
	return kept;
}

void links_scan(links *l, size_t i, const char *page, const char *html,
		size_t len)
{
	slot *s = &l->slots[i];
	slot_clear(s);
	s->page = xstrdup(page);
	/* Room for a link per 256 bytes at first: a list page of megabytes
	 * grown from nothing reallocates (and copies) a dozen times. */
	size_t n = 0, cap = 32 + len / 256, pos = 0, start, vlen, bytes = 0;
	span *v = xmalloc(cap * sizeof *v);
	while (next_attr(html, len, &pos, &start, &vlen)) {
		if (n == cap)
			v = xrealloc(v, (cap *= 2) * sizeof *v);
		v[n++] = (span){ start, vlen };
	}
	n = dedupe(html, v, n);
	for (size_t k = 0; k < n; k++)
		bytes += v[k].len + 1;
	s->text = xmalloc(bytes + 1);
	s->hrefs = xmalloc((n + 1) * sizeof *s->hrefs);
	for (size_t k = 0, at = 0; k < n; k++) {
		s->hrefs[k] = memcpy(s->text + at, html + v[k].start, v[k].len);
		s->hrefs[k][v[k].len] = '\0';
		at += v[k].len + 1;
	}
	s->n = n;
	free(v);
}

static int has_scheme(const char *href)
{
	size_t n = strcspn(href, ":/?#");
	return href[n] == ':' && n > 0;
}

/* Append one path segment to `out`, resolving "." and "..". */
static int push_segment(buf *out, const char *seg, size_t n)
{
	if (n == 0 || (n == 1 && seg[0] == '.'))
		return 0;
	if (n == 2 && seg[0] == '.' && seg[1] == '.') {
		if (!out->len)
			return -1;
		char *slash = memrchr(out->ptr, '/', out->len);
		buf_truncate(out, slash ? (size_t)(slash - out->ptr) : 0);
		return 0;
	}
	if (out->len)
		buf_putc(out, '/');
	buf_put(out, seg, n);
	return 0;
}

static int push_path(buf *out, const char *path, size_t len)
{
	size_t i = 0;
	while (i < len) {
		const char *slash = memchr(path + i, '/', len - i);
		size_t n = slash ? (size_t)(slash - (path + i)) : len - i;
		if (push_segment(out, path + i, n) != 0)
			return -1;
		i += n + 1;
	}
	return 0;
}

/* Does the path end in "/", "." or ".." (a folder: its index.html)? */
static int names_folder(const char *path, size_t len)
{
	const char *slash = memrchr(path, '/', len);
	const char *last = slash ? slash + 1 : path;
	size_t n = len - (size_t)(last - path);
	return n == 0 || (n == 1 && last[0] == '.') ||
	       (n == 2 && last[0] == '.' && last[1] == '.');
}

link_kind links_resolve(const char *page, const char *href, buf *out)
{
	buf_clear(out);
	size_t plen = strcspn(href, "?#");
	if (has_scheme(href) || !strncmp(href, "//", 2) || plen == 0)
		return LINK_SKIP;
	if (href[0] == '/')
		return LINK_ROOTED;
	const char *dir_end = strrchr(page, '/');
	if (dir_end && push_path(out, page, (size_t)(dir_end - page)) != 0)
		return LINK_OUTSIDE;
	if (push_path(out, href, plen) != 0)
		return LINK_OUTSIDE;
	if (names_folder(href, plen))
		push_segment(out, "index.html", 10);
	return LINK_INTERNAL;
}

static size_t check_slot(const slot *s, pub *p, buf *target, diag *d)
{
	size_t broken = 0;
	for (size_t k = 0; k < s->n; k++) {
		const char *href = s->hrefs[k];
		switch (links_resolve(s->page, href, target)) {
		case LINK_SKIP:
			continue;
		case LINK_INTERNAL:
			if (pub_exists(p, buf_cstr(target)))
				continue;
			diag_error(d, s->page, 0, 0, "broken link '%s': nothing is "
				   "published at %s", href, buf_cstr(target));
			break;
		case LINK_OUTSIDE:
			diag_error(d, s->page, 0, 0, "broken link '%s': it leads "
				   "outside the site", href);
			break;
		case LINK_ROOTED:
			diag_error(d, s->page, 0, 0, "link '%s' starts with '/': "
				   "it breaks when the site is served under a "
				   "sub-path or opened from disk; use a relative "
				   "link", href);
			break;
		}
		broken++;
	}
	return broken;
}

size_t links_check(const links *l, pub *p, diag *d)
{
	buf target = BUF_INIT;
	size_t broken = 0;
	for (size_t i = 0; i < l->n; i++)
		if (l->slots[i].page)
			broken += check_slot(&l->slots[i], p, &target, d);
	buf_free(&target);
	return broken;
}
