#include "links.h"
#include "smap.h"

#include <stdlib.h>
#include <string.h>

typedef struct slot {
	char *page;
	char **hrefs;        /* distinct, in order of first appearance */
	size_t n;
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
	for (size_t k = 0; k < s->n; k++)
		free(s->hrefs[k]);
	free(s->hrefs);
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

/* Find the next ` href="…"` or ` src="…"` at or after *pos; the value is
 * [*start, *start + *len). Returns 0 when there is none. */
static int next_attr(const char *html, size_t len, size_t *pos,
		     size_t *start, size_t *vlen)
{
	static const char *const names[] = { "href=", "src=" };
	for (size_t i = *pos; i + 5 < len; i++) {
		if (html[i] != ' ' && html[i] != '\n' && html[i] != '\t')
			continue;
		for (size_t k = 0; k < 2; k++) {
			size_t nl = strlen(names[k]);
			if (i + 1 + nl >= len || strncmp(html + i + 1, names[k], nl))
				continue;
			char q = html[i + 1 + nl];
			if (q != '"' && q != '\'')
				continue;
			const char *v = html + i + 2 + nl;
			const char *end = memchr(v, q, len - (size_t)(v - html));
			if (!end)
				return 0;
			*start = (size_t)(v - html);
			*vlen = (size_t)(end - v);
			*pos = *start + *vlen + 1;
			return 1;
		}
	}
	return 0;
}

void links_scan(links *l, size_t i, const char *page, const char *html,
		size_t len)
{
	slot *s = &l->slots[i];
	slot_clear(s);
	s->page = xstrdup(page);
	smap seen = SMAP_INIT;
	size_t pos = 0, start, vlen, cap = 0;
	while (next_attr(html, len, &pos, &start, &vlen)) {
		char *href = xstrndup(html + start, vlen);
		if (smap_get(&seen, href)) {
			free(href);
			continue;
		}
		if (s->n == cap) {
			cap = cap ? 2 * cap : 32;
			s->hrefs = xrealloc(s->hrefs, cap * sizeof *s->hrefs);
		}
		s->hrefs[s->n++] = href;
		smap_put(&seen, href, href);
	}
	smap_free(&seen);
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
