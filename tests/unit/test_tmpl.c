/* test_tmpl.c - unit tests for the Mustache module (tmpl.h). The full
 * spec runs in test_mustache_spec.c; these cover our own API and errors. */
#include "tap.h"
#include "tmpl.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int add(tmpl_set *set, const char *name, const char *src, diag *d)
{
	return tmpl_set_add(set, name, name, src, strlen(src), d);
}

/* Render `src` with JSON `json`; returns a static copy of the output, or
 * "ERROR" when compiling or rendering failed. */
static const char *render(const char *src, const char *json)
{
	static char result[4096];
	tmpl_set *set = tmpl_set_new();
	diag *d = diag_new();
	cJSON *data = cJSON_Parse(json);
	buf out = BUF_INIT;
	int rc = add(set, "t", src, d);
	if (rc == 0)
		rc = tmpl_render(set, "t", data, &out, d);
	snprintf(result, sizeof result, "%s", rc ? "ERROR" : buf_cstr(&out));
	buf_free(&out);
	cJSON_Delete(data);
	diag_free(d);
	tmpl_set_free(set);
	return result;
}

/* Compile `src` as file "t.mustache" and return the first error as
 * "path:line:col: message", or "" if it compiled. */
static const char *first_error(const char *src, size_t len)
{
	static char msg[512];
	tmpl_set *set = tmpl_set_new();
	diag *d = diag_new();
	int rc = tmpl_set_add(set, "t", "t.mustache", src, len, d);
	const diag_item *it = diag_get(d, 0);
	if (it)
		snprintf(msg, sizeof msg, "%s:%u:%u: %s", it->file, it->line,
			 it->col, it->msg);
	else
		msg[0] = '\0';
	if ((rc < 0) != (it != NULL))
		snprintf(msg, sizeof msg, "return code disagrees with diag");
	diag_free(d);
	tmpl_set_free(set);
	return msg;
}

static void test_escaping(void)
{
	is_str(render("{{x}}", "{\"x\":\"<a href='/'>&\\\"</a>\"}"),
	       "&lt;a href=&#39;/&#39;&gt;&amp;&quot;&lt;/a&gt;",
	       "{{x}} escapes & < > \" '");
	is_str(render("{{{x}}}|{{&x}}", "{\"x\":\"<b>\"}"), "<b>|<b>",
	       "{{{x}}} and {{&x}} are raw");
	is_str(render("{{n}} {{f}} {{big}} {{neg}} {{t}}",
		      "{\"n\":85,\"f\":1.21,\"big\":1e300,\"neg\":-0.5,"
		      "\"t\":true}"),
	       "85 1.21 1e+300 -0.5 true", "numbers: shortest round trip");
	is_str(render("[{{missing}}][{{a.b.c}}]", "{\"a\":{}}"), "[][]",
	       "missing names render as nothing");
}

static void test_sections(void)
{
	is_str(render("{{#list}}<li>{{name}}</li>{{/list}}",
		      "{\"list\":[{\"name\":\"a\"},{\"name\":\"b\"}]}"),
	       "<li>a</li><li>b</li>", "section over an array");
	is_str(render("{{#o}}{{k}}-{{top}}{{/o}}",
		      "{\"o\":{\"k\":1},\"top\":\"T\"}"),
	       "1-T", "section over an object sees outer context");
	is_str(render("{{#e}}x{{/e}}{{^e}}none{{/e}}", "{\"e\":[]}"), "none",
	       "empty array is falsey");
	is_str(render("{{#s}}x{{/s}}{{^s}}empty{{/s}}|{{#z}}x{{/z}}{{^z}}0{{/z}}",
		      "{\"s\":\"\",\"z\":0}"),
	       "empty|0", "\"\" and 0 are falsey");
	is_str(render("<ul>\n  {{#l}}\n  <li>{{.}}</li>\n  {{/l}}\n</ul>\n",
		      "{\"l\":[1,2]}"),
	       "<ul>\n  <li>1</li>\n  <li>2</li>\n</ul>\n",
	       "standalone section lines vanish");
	is_str(render("{{=<% %>=}}<% x %>{{x}}", "{\"x\":1}"), "1{{x}}",
	       "set delimiters");
}

static void test_partials(void)
{
	tmpl_set *set = tmpl_set_new();
	diag *d = diag_new();
	buf out = BUF_INIT;
	add(set, "page", "<p>\n  {{>header}}\n</p>\n", d);
	add(set, "header", "<h1>Theme</h1>\n<hr>\n", d);
	tmpl_render(set, "page", NULL, &out, d);
	is_str(buf_cstr(&out), "<p>\n  <h1>Theme</h1>\n  <hr>\n</p>\n",
	       "standalone partial is indented");
	ok(add(set, "header", "<h1>Site</h1>\n", d) == 0,
	   "adding the same name again works");
	buf_clear(&out);
	tmpl_render(set, "page", NULL, &out, d);
	is_str(buf_cstr(&out), "<p>\n  <h1>Site</h1>\n</p>\n",
	       "second tmpl_set_add replaces the partial");
	ok(add(set, "header", "{{#broken}}", d) < 0,
	   "a broken replacement is refused");
	buf_clear(&out);
	tmpl_render(set, "page", NULL, &out, d);
	is_str(buf_cstr(&out), "<p>\n  <h1>Site</h1>\n</p>\n",
	       "... and the previous template stays");
	ok(tmpl_set_has(set, "header") && !tmpl_set_has(set, "nope"),
	   "tmpl_set_has");
	buf_free(&out);
	diag_free(d);
	tmpl_set_free(set);
}

static void test_inheritance(void)
{
	tmpl_set *set = tmpl_set_new();
	diag *d = diag_new();
	buf out = BUF_INIT;
	add(set, "base", "<title>{{$title}}Site{{/title}}</title>\n"
			 "<main>\n  {{$main}}\n  default\n  {{/main}}\n</main>\n",
	    d);
	add(set, "page", "{{<base}}\n{{$title}}{{t}}{{/title}}\n{{$main}}\n"
			 "<p>body</p>\n{{/main}}\n{{/base}}\n", d);
	cJSON *data = cJSON_Parse("{\"t\":\"Home\"}");
	tmpl_render(set, "page", data, &out, d);
	cJSON_Delete(data);
	is_str(buf_cstr(&out),
	       "<title>Home</title>\n<main>\n  <p>body</p>\n</main>\n",
	       "parent with blocks, reindented");
	buf_clear(&out);
	add(set, "orphan", "{{<nobase}}{{/nobase}}", d);
	ok(tmpl_render(set, "orphan", NULL, &out, d) < 0,
	   "missing parent is an error");
	const diag_item *it = diag_get(d, diag_count(d) - 1);
	is_str(it ? it->msg : NULL, "parent template 'nobase' not found",
	       "... with a message");
	ok(it && !strcmp(it->file, "orphan") && it->line == 1 && it->col == 1,
	   "... at the tag");
	ok(tmpl_render(set, "nothere", NULL, &out, d) < 0,
	   "rendering a missing template is an error");
	buf_free(&out);
	diag_free(d);
	tmpl_set_free(set);
}

static void test_errors(void)
{
	static const struct { const char *src, *want; } cases[] = {
		{ "a\n  {{#items}}\nx\n",
		  "t.mustache:2:3: unclosed section 'items'" },
		{ "{{#a}}\n{{/b}}",
		  "t.mustache:2:1: closing tag 'b' does not match open "
		  "section 'a' (opened at 1:1)" },
		{ "x {{/a}}", "t.mustache:1:3: closing tag 'a' without an "
			      "open section" },
		{ "ab\ncd {{name", "t.mustache:2:4: unclosed tag: no closing "
				   "'}}'" },
		{ "{{{raw}}", "t.mustache:1:1: unclosed tag: no closing '}}}'" },
		{ "text {{", "t.mustache:1:6: unclosed tag at end of input" },
		{ "{{=<% %>=}}\n<%x", "t.mustache:2:1: unclosed tag: no "
				      "closing '%>'" },
		{ "{{= x =}}", "t.mustache:1:1: invalid delimiter change 'x': "
			       "expected two delimiters separated by "
			       "whitespace, without '=' or whitespace in them" },
		{ "{{=garbage", "t.mustache:1:1: unclosed tag: no closing "
				"'=}}'" },
		{ "{{ }}", "t.mustache:1:1: empty tag name" },
		{ "{{a b}}", "t.mustache:1:1: invalid tag name 'a b'" },
		{ "{{a..b}}", "t.mustache:1:1: invalid name 'a..b'" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		is_str(first_error(cases[i].src, strlen(cases[i].src)),
		       cases[i].want, "malformed template %zu", i + 1);
	is_str(first_error("ok\n\nx\0y", 7), "t.mustache:3:2: NUL byte in "
					     "template", "NUL byte");
	/* "\xE6\xB1" is 江 cut short; columns count bytes here */
	is_str(first_error("<p>\n\xE6\xB5\xB7 \xE6\xB1<b>", 13),
	       "t.mustache:2:5: template is not valid UTF-8 (bad or truncated "
	       "byte sequence); save it again as UTF-8", "invalid UTF-8");
	is_str(first_error("{{x}}\xC0\xAF", 7), "t.mustache:1:6: template is "
	       "not valid UTF-8 (bad or truncated byte sequence); save it again "
	       "as UTF-8", "overlong UTF-8");
	is_str(first_error("\xE6\xB5\xB7 {{x}}", 9), "", "valid UTF-8 compiles");

	/* All errors are reported, not just the first. */
	diag *d = diag_new();
	tmpl_set *set = tmpl_set_new();
	add(set, "t", "{{ }}\n{{#a}}{{/b}}\n{{#c}}", d);
	is_int(diag_errors(d), 4, "several errors in one template");
	tmpl_set_free(set);
	diag_free(d);
}

static void test_limits(void)
{
	buf src = BUF_INIT;
	for (int i = 0; i < 101; i++)
		buf_puts(&src, "{{#a}}");
	for (int i = 0; i < 101; i++)
		buf_puts(&src, "{{/a}}");
	is_str(first_error(src.ptr, src.len),
	       "t.mustache:1:601: sections nested deeper than 100 levels",
	       "101 nested sections rejected");
	buf_truncate(&src, 0);
	for (int i = 0; i < 100; i++)
		buf_puts(&src, "{{#a}}");
	for (int i = 0; i < 100; i++)
		buf_puts(&src, "{{/a}}");
	is_str(first_error(src.ptr, src.len), "", "100 nested sections ok");
	buf_free(&src);

	tmpl_set *set = tmpl_set_new();
	diag *d = diag_new();
	buf out = BUF_INIT;
	add(set, "loop", "x{{>loop}}", d);
	ok(tmpl_render(set, "loop", NULL, &out, d) < 0,
	   "endless partial recursion is an error");
	const diag_item *it = diag_get(d, 0);
	is_str(it ? it->msg : NULL, "partials nested deeper than 100 levels "
	       "(does 'loop' include itself?)", "... with a message");
	buf_free(&out);
	diag_free(d);
	tmpl_set_free(set);
}

/* Nested loops multiply: 10^4 copies of 1 MiB would be 10 GiB. */
static void test_output_cap(void)
{
	tmpl_set *set = tmpl_set_new();
	diag *d = diag_new();
	buf out = BUF_INIT;
	add(set, "bomb", "{{#l}}{{#l}}{{#l}}{{#l}}{{{big}}}{{/l}}{{/l}}{{/l}}{{/l}}", d);
	cJSON *data = cJSON_CreateObject(), *l = cJSON_AddArrayToObject(data, "l");
	for (int i = 0; i < 10; i++)
		cJSON_AddItemToArray(l, cJSON_CreateNumber(i));
	char *big = xmalloc(1024 * 1024 + 1);
	memset(big, 'x', 1024 * 1024);
	big[1024 * 1024] = '\0';
	cJSON_AddStringToObject(data, "big", big);
	free(big);
	ok(tmpl_render(set, "bomb", data, &out, d) < 0, "output bomb stopped");
	ok(out.len <= TMPL_MAX_OUTPUT + 2 * 1024 * 1024, "output bounded");
	const diag_item *it = diag_get(d, 0);
	ok(it && strstr(it->msg, "output larger than 64 MiB"), "... with a message");
	cJSON_Delete(data);
	buf_free(&out);
	diag_free(d);
	tmpl_set_free(set);
}

/* Every prefix of a template using every feature must fail cleanly or
 * compile; under ASan this catches reads past the end. */
static void test_truncated(void)
{
	const char *src = "a {{#s}}{{x}}{{{y}}}{{&z}}{{! c }}{{^i}}{{>p}}"
			  "{{/i}}{{/s}}\n{{=<% %>=}}<%<par%><%$b%>d<%/b%>"
			  "<%/par%>\n";
	size_t n = strlen(src), bad = 0;
	for (size_t len = 0; len <= n; len++) {
		char *copy = xstrndup(src, len);   /* exact-size allocation */
		tmpl_set *set = tmpl_set_new();
		diag *d = diag_new();
		buf out = BUF_INIT;
		int rc = tmpl_set_add(set, "t", "t", copy, len, d);
		if ((rc < 0) != (diag_errors(d) > 0))
			bad++;
		if (rc == 0)   /* may fail: there is no parent "par" */
			tmpl_render(set, "t", NULL, &out, d);
		buf_free(&out);
		diag_free(d);
		tmpl_set_free(set);
		free(copy);
	}
	is_int(bad, 0, "all %zu prefixes compile or report an error", n + 1);
}

struct job {
	const tmpl_set *set;
	const cJSON *data;
	char *out;
};

static void *render_job(void *arg)
{
	struct job *j = arg;
	buf out = BUF_INIT;
	diag *d = diag_new();
	for (int i = 0; i < 200; i++) {
		buf_clear(&out);
		tmpl_render(j->set, "page", j->data, &out, d);
	}
	j->out = buf_detach(&out);
	diag_free(d);
	return NULL;
}

static void test_threads(void)
{
	tmpl_set *set = tmpl_set_new();
	diag *d = diag_new();
	add(set, "page", "{{<base}}{{$body}}\n{{#items}}\n  {{>item}}\n"
			 "{{/items}}\n{{/body}}{{/base}}", d);
	add(set, "base", "<html>\n  {{$body}}\n  {{/body}}\n</html>\n", d);
	add(set, "item", "<li>{{name}}</li>\n", d);
	cJSON *data = cJSON_Parse("{\"items\":[{\"name\":\"a\"},"
				  "{\"name\":\"<b>\"}]}");
	struct job a = { set, data, NULL }, b = { set, data, NULL };
	pthread_t ta, tb;
	pthread_create(&ta, NULL, render_job, &a);
	pthread_create(&tb, NULL, render_job, &b);
	pthread_join(ta, NULL);
	pthread_join(tb, NULL);
	const char *want = "<html>\n    <li>a</li>\n    <li>&lt;b&gt;</li>\n"
			   "</html>\n";
	is_str(a.out, want, "thread 1 output");
	is_str(b.out, want, "thread 2 output is identical");
	free(a.out);
	free(b.out);
	cJSON_Delete(data);
	diag_free(d);
	tmpl_set_free(set);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static void test_load_dir(void)
{
	char dir[] = "/tmp/test_tmpl_XXXXXX";
	if (!mkdtemp(dir)) {
		skip("mkdtemp failed", "load_dir");
		return;
	}
	buf p = BUF_INIT;
	buf_printf(&p, "%s/partials", dir);
	mkdir(p.ptr, 0700);
	buf_clear(&p);
	buf_printf(&p, "%s/base.mustache", dir);
	write_file(p.ptr, "[{{>partials/header}}]");
	buf_clear(&p);
	buf_printf(&p, "%s/partials/header.mustache", dir);
	write_file(p.ptr, "H");
	buf_clear(&p);
	buf_printf(&p, "%s/bad.mustache", dir);
	write_file(p.ptr, "ok\n{{#x}}");
	buf_clear(&p);
	buf_printf(&p, "%s/notes.txt", dir);
	write_file(p.ptr, "not a template");

	tmpl_set *set = tmpl_set_new();
	diag *d = diag_new();
	buf out = BUF_INIT;
	ok(tmpl_set_load_dir(set, dir, d) < 0, "load_dir reports the bad file");
	ok(tmpl_set_has(set, "base") && tmpl_set_has(set, "partials/header") &&
	   !tmpl_set_has(set, "bad") && !tmpl_set_has(set, "notes"),
	   "templates named by relative path without extension");
	const diag_item *it = diag_get(d, 0);
	buf_clear(&p);
	buf_printf(&p, "%s/bad.mustache", dir);
	ok(it && !strcmp(it->file, p.ptr) && it->line == 2 && it->col == 1,
	   "error names the file and line");
	tmpl_render(set, "base", NULL, &out, d);
	is_str(buf_cstr(&out), "[H]", "loaded templates render");
	ok(tmpl_set_load_dir(set, "/nonexistent/dir", d) < 0,
	   "missing directory is an error");

	const char *names[] = { "base.mustache", "partials/header.mustache",
				"bad.mustache", "notes.txt", "partials", "" };
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		buf_clear(&p);
		buf_printf(&p, "%s/%s", dir, names[i]);
		if (i >= 4)
			rmdir(p.ptr);
		else
			unlink(p.ptr);
	}
	buf_free(&p);
	buf_free(&out);
	diag_free(d);
	tmpl_set_free(set);
}

/* An indexed shared object renders as the same object unindexed: through
 * a reference, from inside a loop (found in an outer frame), the first of
 * two equal names, and a name it does not have. */
static void test_index(void)
{
	static const char *src = "{{#items}}{{t.hello}}{{t.dup}}[{{t.none}}]"
				 "{{/items}}";
	cJSON *t = cJSON_Parse("{\"hello\":\"你好\",\"dup\":\"1\"}");
	cJSON_AddStringToObject(t, "dup", "2");
	for (int i = 0; i < 40; i++) {  /* enough members to matter */
		char k[16];
		snprintf(k, sizeof k, "k%d", i);
		cJSON_AddStringToObject(t, k, k);
	}
	const char *got[2];
	for (int indexed = 0; indexed < 2; indexed++) {
		diag *d = diag_new();
		tmpl_set *set = tmpl_set_new();
		add(set, "page", src, d);
		if (indexed)
			tmpl_set_index(set, t);
		cJSON *data = cJSON_Parse("{\"items\":[{\"x\":1},{\"y\":2}]}");
		cJSON_AddItemReferenceToObject(data, "t", t);
		buf out = BUF_INIT;
		tmpl_render(set, "page", data, &out, d);
		got[indexed] = buf_detach(&out);
		cJSON_Delete(data);
		tmpl_set_free(set);
		diag_free(d);
	}
	is_str(got[0], "你好1[]你好1[]", "unindexed lookups");
	is_str(got[1], got[0], "indexed: the same output");
	free((char *)got[0]);
	free((char *)got[1]);
	cJSON_Delete(t);
}

/* A set grows past its first table (64 slots, three quarters full): a
 * theme with many partials. Every template is found and renders itself;
 * a redefined one replaces the old. */
static void test_many(void)
{
	diag *d = diag_new();
	tmpl_set *set = tmpl_set_new();
	char name[16], src[32];
	for (int i = 0; i < 200; i++) {
		snprintf(name, sizeof name, "t%d", i);
		snprintf(src, sizeof src, "<%d>", i);
		add(set, name, src, d);
	}
	add(set, "t7", "<seven>", d);
	size_t missing = 0, wrong = 0;
	for (int i = 0; i < 200; i++) {
		snprintf(name, sizeof name, "t%d", i);
		snprintf(src, sizeof src, i == 7 ? "<seven>" : "<%d>", i);
		buf out = BUF_INIT;
		if (!tmpl_set_has(set, name))
			missing++;
		else if (tmpl_render(set, name, NULL, &out, d) != 0 ||
			 strcmp(buf_cstr(&out), src))
			wrong++;
		buf_free(&out);
	}
	is_int(missing, 0, "200 templates: each is found");
	is_int(wrong, 0, "and renders its own text (t7 as redefined)");
	ok(!tmpl_set_has(set, "t200"), "a name never added is not found");
	is_int(diag_count(d), 0, "no diagnostics");
	tmpl_set_free(set);
	diag_free(d);
}

int main(void)
{
	test_many();
	test_escaping();
	test_sections();
	test_partials();
	test_inheritance();
	test_errors();
	test_limits();
	test_output_cap();
	test_truncated();
	test_threads();
	test_load_dir();
	test_index();
	return done_testing();
}
