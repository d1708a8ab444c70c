/* load.h - read a content folder into a model.
 *
 * load_content reads site.yaml, the CSV tables, plan/, progress/ and the
 * notes, checking each file on its own terms: encoding, columns, required
 * values, id syntax and uniqueness, value syntax (dates, numbers, statuses).
 * Cross-file references are checked afterwards by check_model (check.h).
 *
 * It reports every problem to `d` and goes on, so one run shows them all.
 * It always returns a model (free it with model_free), which may be partial
 * when `d` holds errors. Only files inside `dir` are read: a symbolic link
 * that leads out of it is an error.
 */
#ifndef SG_LOAD_H
#define SG_LOAD_H

#include "buf.h"
#include "diag.h"
#include "model.h"

model *load_content(const char *dir, diag *d);

/* Read one file of the content folder `content_dir` under the rules of
 * load_content (inside the folder through links, a regular file, at most
 * 64 MiB, UTF-8). Returns 1 with its bytes in `b` and the offset of the
 * text after any BOM in *start, 0 when it does not exist, -1 after an
 * error in `d`. */
int load_file_text(const char *content_dir, const char *path, buf *b,
		   long *start, diag *d);

/* A file of plan/ or progress/ given as text instead of read from disk:
 * `relpath` is relative to the content folder ("progress/t001.zh.md"),
 * `text` holds `len` bytes, checked like the file's (encoding, BOM). */
typedef struct load_text {
	const char *relpath;
	const char *text;
	size_t len;
} load_text;

/* load_content as if the files of `over` (n of them, which need not
 * exist) held their texts: how `site-gen report` checks a report before
 * writing it. The model copies the texts. */
model *load_content_with(const char *dir, const load_text *over, size_t n,
			 diag *d);

/* The theme folder site.yaml's `theme` names, as <content_dir>/<theme>
 * (malloc'd), or NULL when it names none (or an absolute path, which
 * load_content refuses). Reads only that setting and reports nothing:
 * load_content checks it (a folder inside the content folder). */
char *load_site_theme(const char *content_dir);

/* Split "---\n<yaml>\n---\n<body>" front matter. On success sets *yaml,
 * *yaml_len, *body (pointers into `text`) and returns 1; returns 0 when the
 * text has no front matter (body = text), -1 when it is not closed. */
int load_split_front_matter(const char *text, const char **yaml,
			    size_t *yaml_len, const char **body);

/* Fill the texts of each derived language (site.yaml's `from`/`convert`)
 * that content does not give by hand: each is its written language's
 * text converted (hanconv.h). Conversions saved in `cache_dir` (NULL:
 * none) are reused. Sets `st`: the texts filled, and how many distinct
 * ones OpenCC converted (the rest came from the cache or repeat). Returns
 * 0, or -1 with an error in `d` at the language's entry in site.yaml
 * when OpenCC cannot convert. */
typedef struct load_derive_stats {
	size_t texts, converted;
} load_derive_stats;
int load_derive(model *m, const char *cache_dir, diag *d,
		load_derive_stats *st);
/* Save the conversions of this build to `cache_dir` when any was new
 * (after the build, which may convert history too); errors are ignored:
 * it is a cache. */
void load_derive_save(const model *m, const char *cache_dir);

#endif
