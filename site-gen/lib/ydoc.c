#include "ydoc.h"
#include "arena.h"
#include "buf.h"

#include <string.h>
#include <yaml.h>

struct yparse {
	yaml_parser_t parser;
	struct arena *a;
	const char *path;
	unsigned line_offset;
	diag *d;
};

static void mark_error(struct yparse *y, const yaml_mark_t *m, const char *msg)
{
	diag_error(y->d, y->path, (unsigned)m->line + 1 + y->line_offset,
		   (unsigned)m->column + 1, "%s", msg);
}

static void parser_error(struct yparse *y)
{
	yaml_parser_t *p = &y->parser;
	/* An unclosed quote or bracket is only noticed at the end of the
	 * text; where it opened is what the editor needs. */
	bool unclosed = p->problem && p->context &&
			strstr(p->problem, "end of stream");
	const yaml_mark_t *m = p->problem && !unclosed ? &p->problem_mark
						       : &p->context_mark;
	buf b = BUF_INIT;
	buf_printf(&b, "malformed YAML: %s", p->problem ? p->problem : "error");
	if (p->context)
		buf_printf(&b, " (%s)", p->context);
	mark_error(y, m, buf_cstr(&b));
	buf_free(&b);
}

static ynode *new_node(struct yparse *y, ynode_kind kind, const yaml_mark_t *m)
{
	ynode *n = arena_alloc(y->a, sizeof *n);
	n->kind = kind;
	n->line = (unsigned)m->line + 1 + y->line_offset;
	n->col = (unsigned)m->column + 1;
	return n;
}

static ynode *parse_node(struct yparse *y, yaml_event_t *ev, int depth);

/* Duplicate keys are almost always an editing mistake (two `status:`
 * lines); the key count is bounded so the check stays cheap. */
static bool check_key(struct yparse *y, const ynode *map, const ynode *key)
{
	if (map->n >= YDOC_MAX_KEYS) {
		diag_error(y->d, y->path, key->line, key->col,
			   "more than %d keys in one YAML mapping", YDOC_MAX_KEYS);
		return false;
	}
	for (size_t i = 0; i < map->n; i++)
		if (strcmp(map->keys[i]->value, key->value) == 0) {
			diag_error(y->d, y->path, key->line, key->col,
				   "duplicate key '%s' (first at line %u)",
				   key->value, map->keys[i]->line);
			return false;
		}
	return true;
}

/* Read children until the closing event; maps alternate key and value. */
static ynode *parse_children(struct yparse *y, ynode *n, int depth)
{
	size_t cap = 0;
	for (;;) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&y->parser, &ev)) {
			parser_error(y);
			return NULL;
		}
		if (ev.type == YAML_MAPPING_END_EVENT ||
		    ev.type == YAML_SEQUENCE_END_EVENT) {
			yaml_event_delete(&ev);
			return n;
		}
		ynode *child = parse_node(y, &ev, depth + 1);
		yaml_event_delete(&ev);
		if (!child)
			return NULL;
		if (n->n == cap) {
			size_t ncap = cap ? cap * 2 : 8;
			n->items = arena_grow(y->a, n->items, cap, ncap, sizeof(ynode *));
			if (n->kind == YNODE_MAP)
				n->keys = arena_grow(y->a, n->keys, cap, ncap,
						     sizeof(ynode *));
			cap = ncap;
		}
		if (n->kind == YNODE_SEQ) {
			n->items[n->n++] = child;
		} else if (!n->keys[n->n]) {
			if (child->kind != YNODE_SCALAR) {
				diag_error(y->d, y->path, child->line, child->col,
					   "a mapping key must be a plain value");
				return NULL;
			}
			if (!check_key(y, n, child))
				return NULL;
			n->keys[n->n] = child;
		} else {
			n->items[n->n++] = child;
		}
	}
}

static ynode *parse_node(struct yparse *y, yaml_event_t *ev, int depth)
{
	if (depth > YDOC_MAX_DEPTH) {
		mark_error(y, &ev->start_mark, "YAML nested too deeply");
		return NULL;
	}
	switch (ev->type) {
	case YAML_SCALAR_EVENT: {
		ynode *n = new_node(y, YNODE_SCALAR, &ev->start_mark);
		n->value = arena_strndup(y->a, (const char *)ev->data.scalar.value,
					 ev->data.scalar.length);
		n->quoted = ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
		return n;
	}
	case YAML_MAPPING_START_EVENT:
		return parse_children(y, new_node(y, YNODE_MAP, &ev->start_mark),
				      depth);
	case YAML_SEQUENCE_START_EVENT:
		return parse_children(y, new_node(y, YNODE_SEQ, &ev->start_mark),
				      depth);
	case YAML_ALIAS_EVENT:
		mark_error(y, &ev->start_mark,
			   "YAML aliases (*name) are not allowed in content files");
		return NULL;
	default:
		mark_error(y, &ev->start_mark, "unexpected YAML structure");
		return NULL;
	}
}

/* Skip stream and document starts; return the root or an empty map. */
static ynode *parse_root(struct yparse *y)
{
	for (;;) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&y->parser, &ev)) {
			parser_error(y);
			return NULL;
		}
		yaml_event_type_t type = ev.type;
		if (type == YAML_STREAM_START_EVENT ||
		    type == YAML_DOCUMENT_START_EVENT) {
			yaml_event_delete(&ev);
			continue;
		}
		ynode *n = NULL;
		if (type == YAML_STREAM_END_EVENT || type == YAML_DOCUMENT_END_EVENT)
			n = new_node(y, YNODE_MAP, &ev.start_mark);
		else
			n = parse_node(y, &ev, 0);
		yaml_event_delete(&ev);
		return n;
	}
}

/* After the root: only the end of the stream may follow. A second
 * document would otherwise be dropped without a word. */
static bool single_document(struct yparse *y)
{
	for (;;) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&y->parser, &ev)) {
			parser_error(y);
			return false;
		}
		yaml_event_type_t type = ev.type;
		yaml_mark_t at = ev.start_mark;
		yaml_event_delete(&ev);
		if (type == YAML_STREAM_END_EVENT || type == YAML_NO_EVENT)
			return true;
		if (type == YAML_DOCUMENT_START_EVENT) {
			mark_error(y, &at, "a second YAML document starts here "
				   "(a file holds one; remove the '---' line)");
			return false;
		}
	}
}

ynode *ydoc_parse(struct arena *a, const char *path, const char *data,
		  size_t len, unsigned line_offset, diag *d)
{
	struct yparse y = { .a = a, .path = path, .line_offset = line_offset,
			    .d = d };
	if (!yaml_parser_initialize(&y.parser)) {
		diag_error(d, path, 0, 0, "cannot initialise the YAML parser");
		return NULL;
	}
	yaml_parser_set_input_string(&y.parser, (const unsigned char *)data, len);
	yaml_parser_set_encoding(&y.parser, YAML_UTF8_ENCODING);
	ynode *root = parse_root(&y);
	if (root && !single_document(&y))
		root = NULL;
	yaml_parser_delete(&y.parser);
	return root;
}

const ynode *ydoc_get(const ynode *map, const char *key)
{
	if (!map || map->kind != YNODE_MAP)
		return NULL;
	for (size_t i = 0; i < map->n; i++)
		if (strcmp(map->keys[i]->value, key) == 0)
			return map->items[i];
	return NULL;
}

bool ydoc_is_null(const ynode *n)
{
	return n && n->kind == YNODE_SCALAR && !n->quoted &&
	       (!*n->value || !strcmp(n->value, "~") || !strcmp(n->value, "null"));
}

/* ---- writing ------------------------------------------------------------ */

static int emit_out(void *data, unsigned char *s, size_t n)
{
	buf_put(data, s, n);
	return 1;
}

static int emit_scalar(yaml_emitter_t *e, const char *v, bool quoted)
{
	yaml_event_t ev;
	return yaml_scalar_event_initialize(&ev, NULL, NULL,
		(yaml_char_t *)v, (int)strlen(v), !quoted, 1,
		quoted ? YAML_DOUBLE_QUOTED_SCALAR_STYLE
		       : YAML_ANY_SCALAR_STYLE) &&
	       yaml_emitter_emit(e, &ev);
}

static int emit_node(yaml_emitter_t *e, const ynode *n)
{
	yaml_event_t ev;
	if (n->kind == YNODE_SCALAR)
		return emit_scalar(e, n->value, n->quoted);
	int ok = n->kind == YNODE_MAP
		? yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
						      YAML_BLOCK_MAPPING_STYLE)
		: yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
						       YAML_BLOCK_SEQUENCE_STYLE);
	ok = ok && yaml_emitter_emit(e, &ev);
	for (size_t i = 0; ok && i < n->n; i++) {
		if (n->kind == YNODE_MAP)
			ok = emit_node(e, n->keys[i]);
		ok = ok && emit_node(e, n->items[i]);
	}
	if (!ok)
		return 0;
	ok = n->kind == YNODE_MAP ? yaml_mapping_end_event_initialize(&ev)
				  : yaml_sequence_end_event_initialize(&ev);
	return ok && yaml_emitter_emit(e, &ev);
}

int ydoc_emit_entry(const char *key, const ynode *value, buf *out)
{
	yaml_emitter_t e;
	yaml_event_t ev;
	if (!yaml_emitter_initialize(&e))
		return -1;
	yaml_emitter_set_output(&e, emit_out, out);
	yaml_emitter_set_unicode(&e, 1);
	yaml_emitter_set_width(&e, -1);
	int ok = yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING) &&
		 yaml_emitter_emit(&e, &ev) &&
		 yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1) &&
		 yaml_emitter_emit(&e, &ev) &&
		 yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
						     YAML_BLOCK_MAPPING_STYLE) &&
		 yaml_emitter_emit(&e, &ev) &&
		 emit_scalar(&e, key, false) && emit_node(&e, value) &&
		 yaml_mapping_end_event_initialize(&ev) &&
		 yaml_emitter_emit(&e, &ev) &&
		 yaml_document_end_event_initialize(&ev, 1) &&
		 yaml_emitter_emit(&e, &ev) &&
		 yaml_stream_end_event_initialize(&ev) &&
		 yaml_emitter_emit(&e, &ev) && yaml_emitter_flush(&e);
	yaml_emitter_delete(&e);
	return ok ? 0 : -1;
}
