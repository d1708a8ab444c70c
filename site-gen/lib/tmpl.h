/* tmpl.h - Mustache templates (the official spec, without lambdas).
 *
 * A `tmpl_set` is a named collection of compiled templates: the theme's
 * templates, their partials ({{>name}}) and parents ({{<name}}) all live in
 * one set and refer to each other by name. Templates are compiled once, when
 * added, into a node tree; rendering only walks that tree.
 *
 * Supported: interpolation ({{x}} HTML-escaped, {{{x}}} and {{&x}} raw),
 * dotted names, the implicit iterator {{.}}, sections, inverted sections,
 * comments, set delimiters, standalone lines, partials (with the indentation
 * of standalone partials), and inheritance: blocks {{$name}}...{{/name}} and
 * parents {{<name}}...{{/name}}, including block reindentation.
 * Not supported: lambdas and dynamic names ({{>*name}}).
 *
 * Data is cJSON. Falsey values: missing, null, false, "", 0 and the empty
 * array (the spec's "!!data", as in JavaScript); everything else is truthy.
 * Numbers print in their shortest round-trip form (85, 1.21); true and false
 * print as "true" and "false"; arrays and objects print as nothing.
 *
 * Threads: a set is read-only once loaded. tmpl_render may be called from
 * several threads at once on the same set; tmpl_set_add, tmpl_set_load_dir
 * and tmpl_set_free must not run concurrently with anything else on the set.
 *
 * Errors go to a `diag` as path:line:col (1-based, col in bytes), e.g.
 *     themes/default/base.mustache:3:5: error: unclosed section 'items'
 */
#ifndef SG_TMPL_H
#define SG_TMPL_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "buf.h"
#include "diag.h"

/* Limits; exceeding one is an error, never a crash. */
#define TMPL_MAX_NESTING 100        /* sections/blocks/parents in a template */
#define TMPL_MAX_PARTIAL_DEPTH 100  /* partials/parents inside each other */
#define TMPL_MAX_RENDER_DEPTH 1000  /* all of the above while rendering */
#define TMPL_MAX_OUTPUT (64 * 1024 * 1024)  /* bytes of one rendering */

typedef struct tmpl_set tmpl_set;

/* A new, empty set. Free it with tmpl_set_free. Never returns NULL (out of
 * memory aborts, as everywhere in site-gen). */
tmpl_set *tmpl_set_new(void);

/* Free the set and every template in it. NULL is allowed. */
void tmpl_set_free(tmpl_set *set);

/* Compile `src` (`len` bytes, need not be NUL-terminated) and store it as
 * `name`, replacing a template of that name if there is one: this is how a
 * site overrides one theme template. The set copies `name`, `path` and `src`.
 * `path` names the file in error messages (it may be NULL: then `name` is
 * used).
 * Returns 0, or -1 after reporting every syntax error it can find to `d`
 * (unclosed tag, unclosed section, mismatched or stray closing tag, bad
 * delimiter change, empty or invalid tag name, nesting deeper than
 * TMPL_MAX_NESTING, NUL byte, the first byte that is not UTF-8). On failure
 * the set is left unchanged, so an existing template of that name stays. */
int tmpl_set_add(tmpl_set *set, const char *name, const char *path,
		 const char *src, size_t len, diag *d);

/* Add every *.mustache file under `dir`, recursively, named by its path
 * relative to `dir` without the extension ("base", "partials/header").
 * Files and directories whose name starts with '.' are skipped. Files are
 * added in sorted (byte-wise) order of their names, so the result and the
 * order of diagnostics do not depend on the file system.
 * Returns 0, or -1 if any file could not be read or compiled (everything
 * that could be is still added; all problems are reported to `d`). */
int tmpl_set_load_dir(tmpl_set *set, const char *dir, diag *d);

/* Index the members of `obj`, an object every rendering shares (a theme's
 * strings), so that looking a name up in it, or in a reference to it
 * (cJSON_AddItemReferenceToObject), does not scan its members. `obj` must
 * stay unchanged and alive as long as the set is used; the set only
 * reads it. */
void tmpl_set_index(tmpl_set *set, const cJSON *obj);

/* 1 if the set holds a template called `name`, else 0. */
int tmpl_set_has(const tmpl_set *set, const char *name);

/* Render template `name` with `data` as the root context (NULL renders with
 * an empty context), appending to `out`. Partials and parents are looked up
 * in the same set. A missing partial renders as nothing (as the spec says);
 * a missing template `name`, a missing parent, partials nested deeper than
 * TMPL_MAX_PARTIAL_DEPTH (e.g. a partial that includes itself whatever the
 * data), rendering deeper than TMPL_MAX_RENDER_DEPTH and output larger
 * than TMPL_MAX_OUTPUT are errors.
 * Returns 0, or -1 with one error reported to `d` naming the file and line
 * of the offending tag; `out` then holds the output produced before the
 * error. `data` is only read. Thread-safe (see above). */
int tmpl_render(const tmpl_set *set, const char *name, const cJSON *data,
		buf *out, diag *d);

#endif
