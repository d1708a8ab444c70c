/* ydoc.h - YAML documents as small trees with positions (wraps libyaml).
 *
 * A text holds one document: a second one ('---') is an error, and so is
 * an unclosed quote or bracket (reported where it opens). Aliases are
 * refused (they
 * buy nothing in content files and make "billion laughs" bombs possible),
 * and nesting deeper than YDOC_MAX_DEPTH is an error. All nodes and strings
 * belong to the arena passed to ydoc_parse.
 */
#ifndef SG_YDOC_H
#define SG_YDOC_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "diag.h"

struct arena;

#define YDOC_MAX_DEPTH 32
#define YDOC_MAX_KEYS 4096

typedef enum { YNODE_SCALAR, YNODE_MAP, YNODE_SEQ } ynode_kind;

typedef struct ynode {
	ynode_kind kind;
	unsigned line, col;
	const char *value;       /* scalar text (NUL-terminated) */
	bool quoted;             /* scalar was quoted: always a string */
	struct ynode **keys;     /* map: n keys (scalars) */
	struct ynode **items;    /* map: n values; seq: n items */
	size_t n;
} ynode;

/* Parse YAML text. `line_offset` is added to every line number (for front
 * matter that starts below line 1). Returns the root node, an empty map for
 * an empty document, or NULL after reporting errors for `path` to `d`. */
ynode *ydoc_parse(struct arena *a, const char *path, const char *data,
		  size_t len, unsigned line_offset, diag *d);

/* Value for `key` in a map, or NULL. */
const ynode *ydoc_get(const ynode *map, const char *key);

/* Append `key` and its value `value` as one entry of a block mapping in
 * YAML ("key:\n- a: b\n"), written by libyaml: texts come back as the
 * same texts, quoted ones stay quoted. Returns 0, or -1 when libyaml
 * refuses (out of memory); `out` may then hold part of it. */
int ydoc_emit_entry(const char *key, const ynode *value, buf *out);

/* Is this a plain (unquoted) scalar meaning null: "", "~", "null"? */
bool ydoc_is_null(const ynode *n);

#endif
