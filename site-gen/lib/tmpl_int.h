/* tmpl_int.h - inside the tmpl module (tmpl.h is its public face). Only
 * tmpl*.c include this.
 *
 * The parts and who owns what:
 *   tmpl.c           the set: the public API but rendering, the table of
 *                    templates by name (tmpl_find), the name indexes of
 *                    shared objects, loading a folder.
 *   tmpl_lex.c       compiling, pass 1: split the source into text and
 *                    tags, following delimiter changes; check bytes and tag
 *                    syntax.
 *   tmpl_compile.c   compiling, passes 2-4: pair opening and closing tags,
 *                    cut standalone lines, build the node tree.
 *   tmpl_render.c    tmpl_render: walk the tree with a context stack, block
 *                    overrides and the indentation transform.
 *
 * Indentation. The spec defines partial indentation by rewriting the
 * partial's source ("prepend the indentation to each line"). We compile
 * once, so instead every node remembers whether it starts a line of its
 * template (`bol`), and at render time a transform (strip this prefix, add
 * that one) is applied at each such line start. Block reindentation (the
 * newer ~inheritance tests) is the same transform: strip the block's
 * indentation where it was defined, add the indentation of the place it is
 * expanded.
 *
 * Ownership: the set owns its templates, a template its source and node
 * tree; node and token strings point into the template's source. Nothing
 * here fails but as said: out of memory aborts (buf.h), syntax errors go
 * to the parser's diag.
 */
#ifndef SG_TMPL_INT_H
#define SG_TMPL_INT_H

#include <stdarg.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "diag.h"
#include "smap.h"
#include "tmpl.h"

#define TMPL_NONE ((size_t)-1)    /* no token */

typedef enum tmpl_kind {
	TMPL_TEXT, TMPL_VAR, TMPL_RAW, TMPL_SECTION, TMPL_INVERTED, TMPL_CLOSE,
	TMPL_COMMENT, TMPL_PARTIAL, TMPL_PARENT, TMPL_BLOCK, TMPL_DELIM
} tmpl_kind;

/* ---- compiled form ---------------------------------------------------- */

typedef struct tmpl_node tmpl_node;

typedef struct tmpl_nlist {
	tmpl_node *v;
	size_t n;
	int tail_bol;   /* the closing tag starts a line (and is not removed) */
} tmpl_nlist;

struct tmpl_node {
	tmpl_kind kind;
	unsigned line, col;
	unsigned char bol;         /* starts a line of its template */
	unsigned char standalone;
	const char *str;           /* text, or the tag name (into tmpl.src) */
	size_t len;
	char *parts;               /* names split at dots, NUL-separated */
	unsigned nparts;           /* 0 for the implicit iterator "." */
	const char *indent;        /* partial/parent: standalone indentation; */
	size_t indent_len;         /* block: its indentation (see block_indent) */
	tmpl_nlist kids;
};

typedef struct tmpl {
	char *name, *path, *src;
	size_t name_len, len;
	tmpl_nlist root;
	struct tmpl *next;         /* hash chain */
} tmpl;

/* A name index of a long-lived object (tmpl_set_index), known by its
 * first member: a reference to the object shares it. */
typedef struct tmpl_index {
	const cJSON *first;
	smap names;               /* member name → member */
} tmpl_index;

struct tmpl_set {
	tmpl **tab;
	size_t cap, n;
	tmpl_index *idx;
	size_t n_idx;
};

/* ---- the set (tmpl.c) --------------------------------------------------- */

/* The template called name[0, len) in `set`, or NULL. Borrowed from the
 * set. */
const tmpl *tmpl_find(const tmpl_set *set, const char *name, size_t len);

/* Report an error at path:line:col of a template to `d`, its message
 * printf'd from `fmt` and `ap` (the parser's and the renderer's errors). */
__attribute__((format(printf, 5, 0)))
void tmpl_verror(diag *d, const char *path, unsigned line, unsigned col,
		 const char *fmt, va_list ap);

/* ---- compiling (tmpl_lex.c, tmpl_compile.c) ----------------------------- */

typedef struct tmpl_tok {
	tmpl_kind kind;
	size_t start, end;         /* text span, or the whole tag */
	size_t name, name_len;     /* tag content, trimmed */
	unsigned line, col;
	size_t pair;               /* matching open/close tag */
	size_t enclosing;          /* innermost open tag around it (see match) */
	int standalone;
	size_t ind, ind_len;       /* whitespace removed before a standalone tag */
	size_t rcut;               /* standalone: next text resumes here */
} tmpl_tok;

/* One compilation of one template; its tokens are malloc'd (t). */
typedef struct tmpl_parser {
	const char *src, *path;
	size_t len;
	diag *d;
	tmpl_tok *t;
	size_t n, cap;
	int errors;
	int fatal;                 /* tokenizing stopped early */
	const char *otag, *ctag;   /* current delimiters */
	size_t olen, clen;
	unsigned line;             /* line of `line_start` */
	size_t line_start;
} tmpl_parser;

/* Report a syntax error at line:col of the template and count it in
 * p->errors. */
__attribute__((format(printf, 4, 5)))
void tmpl_lex_error(tmpl_parser *p, unsigned line, unsigned col,
		    const char *fmt, ...);

/* Pass 1 over p->src: report a NUL byte and the first byte that is not
 * UTF-8, then append the text and tag tokens to p->t, reporting bad tags.
 * An unclosed tag ends tokenizing and sets p->fatal. `p` must have its
 * source, path, diag, the default delimiters and line 1 set. */
void tmpl_lex_tokenize(tmpl_parser *p);

/* Compile t->src into t->root. Returns 0, or -1 after reporting every
 * syntax error it found to `d` (t->root is then empty). */
int tmpl_compile_tree(tmpl *t, diag *d);

#endif
