/* load_int.h - inside the load module (load.h is its public face). Only
 * load*.c include this.
 *
 * The parts and who owns what:
 *   load.c         the public API (load_content_with runs the parts in
 *                  order), the loading context, and reading any content
 *                  file by the content rules: inside the content folder,
 *                  a regular file, bounded, UTF-8, or its given text.
 *                  Also the helpers the parts share (YAML values, the
 *                  "too precise" number error).
 *   load_tables.c  the CSV tables: the column spec and the rows of each,
 *                  their id indexes and the checks across rows (unit
 *                  names and their lookalikes, glossary duplicates).
 *   load_site.c    site.yaml, the theme and layouts folders it names, and the
 *                  warning for files in the content folder no one reads.
 *   load_md.c      Markdown with front matter: plan/, progress/ and the
 *                  notes (and load_split_front_matter of load.h).
 *   load_convert.c  the derived languages' converters, the kept terms
 *                  of convert-exceptions.csv, and load_derive.
 *   load_evidence.c  a report's evidence: its items, the files of
 *                  progress/<task>/ they name, and those none names.
 *
 * Ownership: everything a part keeps is in the model's arena (l->m), or
 * in the model's own arrays and indexes (model_free frees them). Nothing
 * here returns failure for bad content: each problem is reported to l->d
 * and loading goes on. Out of memory aborts (buf.h).
 */
#ifndef SG_LOAD_INT_H
#define SG_LOAD_INT_H

#include <stdbool.h>

#include "buf.h"
#include "diag.h"
#include "load.h"
#include "model.h"
#include "ydoc.h"

typedef struct load_ctx {
	model *m;            /* NULL in load_file_text: no model, no texts */
	diag *d;
	char *root;          /* realpath of the content folder */
	const load_text *over;   /* files given as text (load_content_with) */
	size_t n_over;
} load_ctx;

/* The kept terms of the derived languages (load_convert.c). */
#define LOAD_CONVERT_FILE "convert-exceptions.csv"

/* No content file is larger; evidence files are limited further, by
 * site.yaml's evidence_max_mib (this by default). */
#define LOAD_MAX_FILE_MIB 64
#define LOAD_EVIDENCE_MAX_MIB 10

/* Append a slot to a malloc'd array whose capacity is implied by its
 * length: it doubles whenever the length reaches a power of two. */
#define LOAD_GROW(arr, n)                                                    \
	(((n) & ((n) - 1)) == 0                                              \
		 ? (void)((arr) = xrealloc((arr), ((n) ? 2 * (n) : 1) *      \
							  sizeof *(arr)))    \
		 : (void)0,                                                  \
	 &(arr)[(n)++])

/* ---- Reading files (load.c) ------------------------------------------- */

/* "a/b", in the model's arena. */
const char *load_path(load_ctx *l, const char *a, const char *b);

/* A copy of `s` in the model's arena. */
const char *load_keep(load_ctx *l, const char *s);

/* Does `path` lead (through symlinks) to somewhere inside the content
 * folder? */
bool load_inside_root(const load_ctx *l, const char *path);

/* Refuse files outside the content folder (through symlinks), files that
 * are not regular and files too large to be content. Returns 1 if present
 * and readable, 0 if absent, -1 after an error. */
int load_check_file(load_ctx *l, const char *path);

/* Read a text file (or its given text) by the rules of load_check_file
 * into `b`; returns the text after any BOM (inside `b`), or NULL when it
 * is absent (an error if `required`) or after an error. */
const char *load_read_text(load_ctx *l, const char *path, buf *b,
			   bool required);

/* Is `v` an absolute http(s) URL with a host, without spaces, control
 * characters, quotes or <>? */
bool load_url_ok(const char *v);

/* Report a number that would not print back as written ("too precise",
 * not "not a number"); `key` names the value. */
void load_too_precise(load_ctx *l, const loc *at, const char *key,
		      const char *v);

/* The value of a YAML scalar, "" for an absent or null node; a map or
 * list is an error (named by `key`) and gives "". Borrowed from `n`. */
const char *load_scalar(load_ctx *l, const char *path, const ynode *n,
			const char *key);

/* Warn about each key of the map `map` not in the NULL-terminated list
 * `known`. Nothing happens when `map` is NULL or not a map. */
void load_warn_unknown_keys(load_ctx *l, const char *path, const ynode *map,
			    const char *const *known);

/* ---- The parts, in the order load_content_with runs them -------------- */

/* site.yaml into l->m->site (load_site.c). */
void load_site_read(load_ctx *l);

/* Check the theme folder site.yaml names, if any, and read and compile
 * the layouts folder it names, if any, into l->m->layouts (load_site.c). */
void load_site_folders(load_ctx *l);

/* Warn about each entry of the content folder no one reads, naming the
 * file it may have meant (load_site.c). */
void load_site_unknown_files(load_ctx *l);

/* The CSV tables into the model's records and id indexes; a table that
 * had errors marks the model incomplete (load_tables.c). */
void load_tables_read(load_ctx *l);

/* plan/ into l->m->plan, sorted by order, and its index (load_md.c). */
void load_md_plan(load_ctx *l);

/* progress/ into l->m->reports (load_md.c). */
void load_md_progress(load_ctx *l);

/* The list `list` of a report's front matter `evidence` (in file `path`)
 * into p->evidence: each item checked, each file read from
 * progress/<task>/ (load_evidence.c). NULL `list`: none. */
void load_evidence_read(load_ctx *l, progress *p, const char *path,
			const ynode *list);

/* Warn about each file in folder `dir` (progress/<task>/, of task `task_id`)
 * that the task's report does not list (load_evidence.c). Call after
 * every report is read. */
void load_evidence_unlisted(load_ctx *l, const char *dir,
			    const char *task_id);

/* The NOTES files into l->m->notes, "" when absent (load_md.c). */
void load_md_notes(load_ctx *l);

/* The converters of the derived languages and their kept terms from
 * convert-exceptions.csv (load_convert.c). */
void load_convert(load_ctx *l);

#endif
