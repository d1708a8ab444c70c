/* Unit tests: ydoc.c (YAML through libyaml) and front matter splitting. */
#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "load.h"
#include "tap.h"
#include "ydoc.h"

static ynode *parse(arena *a, const char *s, diag *d)
{
	return ydoc_parse(a, "f.yaml", s, strlen(s), 0, d);
}

static void test_parse(arena *a)
{
	diag *d = diag_new();
	ynode *r = parse(a, "a: 1\nb:\n  zh: 中\n  en: \"x\"\nc: [p, q]\n", d);
	ok(r && r->kind == YNODE_MAP && r->n == 3, "mapping");
	is_str(ydoc_get(ydoc_get(r, "b"), "zh")->value, "中", "nested value");
	ok(ydoc_get(ydoc_get(r, "b"), "en")->quoted, "quoted scalar flagged");
	is_int(ydoc_get(r, "c")->n, 2, "flow sequence");
	is_int(ydoc_get(r, "c")->line, 5, "node line");
	ok(ydoc_is_null(parse(a, "~", d)), "null scalar");
	ok(parse(a, "", d) && parse(a, "", d)->kind == YNODE_MAP, "empty document");
	is_int(diag_count(d), 0, "no diagnostics so far");
	diag_free(d);
}

static void test_refused(arena *a)
{
	diag *d = diag_new();
	ok(!parse(a, "a: &x [1]\nb: *x\n", d), "aliases refused");
	ok(strstr(diag_get(d, 0)->msg, "aliases") != NULL, "alias message");
	ok(!parse(a, "a: 1\na: 2\n", d), "duplicate key refused");
	is_int(diag_get(d, 1)->line, 2, "duplicate key line");
	buf deep = BUF_INIT;
	for (int i = 0; i < 1000; i++)
		buf_putc(&deep, '[');
	ok(!parse(a, deep.ptr, d), "1000-level nesting refused");
	buf_free(&deep);
	ok(!parse(a, "a: [1\n", d), "malformed YAML refused");
	ok(strstr(diag_get(d, 3)->msg, "malformed YAML") != NULL,
	   "malformed message");
	diag_free(d);
}

/* An entry written back reads as the same tree: texts, quoting, order. */
static void test_emit(arena *a)
{
	diag *d = diag_new();
	const char *src = "evidence:\n  - url: https://a.example/x?y=1#z\n"
			  "    caption_zh: \"说明: 甲 # 乙\"\n"
			  "  - file: a.pdf\n    caption_en: '10'\n";
	ynode *r = parse(a, src, d);
	buf b = BUF_INIT;
	is_int(ydoc_emit_entry("evidence", ydoc_get(r, "evidence"), &b), 0,
	       "emit: written");
	is_str(b.ptr, "evidence:\n- url: https://a.example/x?y=1#z\n"
	       "  caption_zh: \"说明: 甲 # 乙\"\n- file: a.pdf\n"
	       "  caption_en: \"10\"\n", "emit: block style, quoted stay quoted");
	ynode *back = parse(a, b.ptr, d);
	const ynode *ev = ydoc_get(back, "evidence");
	ok(ev && ev->kind == YNODE_SEQ && ev->n == 2, "emit: reads back as a list");
	is_str(ydoc_get(ev->items[0], "caption_zh")->value, "说明: 甲 # 乙",
	       "emit: a text with ': ' and ' #' comes back the same");
	ok(ydoc_get(ev->items[1], "caption_en")->quoted,
	   "emit: a quoted number stays a text");
	is_int(diag_count(d), 0, "emit: no diagnostics");
	buf_free(&b);
	diag_free(d);
}

static void test_front_matter(void)
{
	const char *yaml, *body;
	size_t n;
	is_int(load_split_front_matter("---\na: 1\n---\nbody\n", &yaml, &n, &body),
	       1, "front matter found");
	ok(n == 5 && !strncmp(yaml, "a: 1\n", 5), "front matter text");
	is_str(body, "body\n", "body after front matter");
	is_int(load_split_front_matter("---\r\na: 1\r\n---\r\nb", &yaml, &n, &body),
	       1, "CRLF front matter");
	is_str(body, "b", "CRLF body");
	is_int(load_split_front_matter("just text", &yaml, &n, &body), 0,
	       "no front matter");
	is_int(load_split_front_matter("---\na: 1\n", &yaml, &n, &body), -1,
	       "unclosed front matter");
}

int main(void)
{
	arena *a = arena_new();
	test_parse(a);
	test_refused(a);
	test_emit(a);
	test_front_matter();
	arena_free(a);
	return done_testing();
}
