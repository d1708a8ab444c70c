/* md.h - Markdown to safe HTML. The only module that uses cmark.
 *
 * Safety: raw HTML in the source is omitted (cmark's safe default; site-gen
 * never passes CMARK_OPT_UNSAFE), and links or images whose URL uses the
 * javascript:, vbscript:, file: or data: scheme are removed from the tree
 * before rendering: the link text (or the image's alt text) stays as plain
 * text, so the reader loses nothing but the dangerous target.
 *
 * No request to another host: an image whose URL names a host (it has a
 * scheme, "https://...", or starts with "//") is rendered as a link to the
 * image, its alt text the link's text. md_check finds each one, for a
 * check to warn that the page shows a link instead.
 *
 * Headings get id anchors "<prefix>-h<N>", N counting the headings of the
 * document from 1. Counting instead of slugging the heading text keeps the
 * ids short, ASCII and equal in the Chinese and English files of one
 * document (they have the same headings), so an anchor works in both
 * languages.
 */
#ifndef SG_MD_H
#define SG_MD_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "diag.h"

typedef struct md_opts {
	const char *id_prefix;   /* heading ids; NULL or "" gives "h<N>" */
	int top_level;           /* the document's highest heading becomes
				    this level and the others follow (max 6),
				    so the document fits under the page's own
				    headings without gaps; 0 keeps levels */
} md_opts;

/* Render `len` bytes of Markdown (UTF-8) as HTML, appending to `out`.
 * Cannot fail (out of memory aborts, as everywhere in site-gen). */
void md_render(const char *src, size_t len, const md_opts *o, buf *out);

/* Does `url` use a scheme that md_render removes? Leading white space and
 * control characters, and tabs or line breaks inside the scheme (which
 * browsers ignore), do not hide it. */
bool md_url_is_dangerous(const char *url);

/* Does `url` point at another host: does it have a scheme ("https:",
 * "ftp:", any other) or start with "//"? Read as md_url_is_dangerous reads
 * it, and with a backslash counted as "/" as browsers do. A relative URL
 * ("img/a.png", "/a.png", "#x") is not remote. */
bool md_url_is_remote(const char *url);

/* Warn (to `d`, for `path`) about each image md_render would turn into a
 * link because it is remote. `text` is the whole file (`len` bytes, after
 * any byte-order mark) and its Markdown starts at offset `body` (after the
 * front matter), so positions are the file's lines and columns in
 * characters. Returns the number of warnings. */
size_t md_check(const char *path, const char *text, size_t len, size_t body,
		diag *d);

#endif
