/* md: Markdown to safe HTML. */
#include "diag.h"
#include "md.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>

static char *render(const char *src, const char *prefix, int shift)
{
	buf out = BUF_INIT;
	md_opts o = { prefix, shift };
	md_render(src, strlen(src), &o, &out);
	return buf_detach(&out);
}

static int has(const char *s, const char *part)
{
	return strstr(s, part) != NULL;
}

static void test_raw_html(void)
{
	char *h = render("a <script>alert(1)</script> b\n\n<div onclick=x>blk</div>\n"
			 "\n<img src=x onerror=alert(1)>\n", NULL, 0);
	ok(!has(h, "<script") && !has(h, "<div") && !has(h, "<img"),
	   "raw HTML, inline and block, is omitted");
	ok(has(h, "a ") && has(h, " b"), "text around raw HTML stays");
	free(h);
}

static void test_dangerous_links(void)
{
	static const char *const bad[] = {
		"[x](javascript:alert(1))", "[x](JavaScript:alert(1))",
		"[x](vbscript:msgbox)", "[x](file:///etc/passwd)",
		"[x](data:text/html,hi)", "![x](data:image/png;base64,AAAA)",
		"[x](<java\tscript:alert(1)>)", "[x](jav&#x61;script:alert(1))",
		"<javascript:alert(1)>",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		char *h = render(bad[i], NULL, 0);
		/* An autolink's text is its URL: plain text is harmless. */
		ok(!has(h, "href") && !has(h, "src=") && !has(h, "<a") &&
		   !has(h, "<img"), "dangerous URL removed: %s", bad[i]);
		free(h);
	}
	char *h = render("[the text](javascript:x) and ![alt words](data:x)", NULL, 0);
	ok(has(h, "the text") && has(h, "alt words"),
	   "the text of a removed link or image stays");
	free(h);
	h = render("[ok](https://example.org/a?b=1&c=2) [rel](../x/index.html) "
		   "[m](mailto:a@example.org)", NULL, 0);
	ok(has(h, "href=\"https://example.org/a?b=1&amp;c=2\"") &&
	   has(h, "href=\"../x/index.html\"") && has(h, "href=\"mailto:"),
	   "safe links are kept");
	free(h);
}

/* No request to another host: such images become links to them. */
static void test_remote_images(void)
{
	static const char *const remote[] = {
		"![a](https://example.org/x.png)", "![a](HTTP://example.org/x.png)",
		"![a](//example.org/x.png)", "![a](ftp://example.org/x.png)",
		"![a](<\thttps://example.org/x.png>)", "![a](\\\\\\\\example.org/x.png)",
		"![a][r]\n\n[r]: https://example.org/x.png",
		"<p>x</p>\n\n[![a](https://example.org/x.png)](https://example.org/)",
	};
	for (size_t i = 0; i < sizeof remote / sizeof *remote; i++) {
		char *h = render(remote[i], NULL, 0);
		ok(!has(h, "<img") && has(h, "<a href=") && has(h, ">a</a>"),
		   "remote image %zu becomes a link", i + 1);
		free(h);
	}
	char *h = render("![alt *text*](https://example.org/x.png \"T\")", NULL, 0);
	is_str(h, "<p><a href=\"https://example.org/x.png\" title=\"T\">alt "
		  "<em>text</em></a></p>\n", "the link keeps URL, title and alt text");
	free(h);
	h = render("![a](img/x.png) ![b](/x.png) ![c](x:y/z.png)", NULL, 0);
	ok(has(h, "<img src=\"img/x.png\" alt=\"a\"") &&
	   has(h, "<img src=\"/x.png\" alt=\"b\""), "local images stay images");
	ok(!has(h, "src=\"x:"), "any scheme is another host");
	free(h);
	ok(md_url_is_remote("https://x") && md_url_is_remote(" \x01//x") &&
	   md_url_is_remote("/\\x") && md_url_is_remote("a+b-c.d:x") &&
	   md_url_is_remote("h\ntt\tps://x"), "md_url_is_remote: remote");
	ok(!md_url_is_remote("x.png") && !md_url_is_remote("/x.png") &&
	   !md_url_is_remote("./a:b") && !md_url_is_remote("1a:b") &&
	   !md_url_is_remote(":x") && !md_url_is_remote("#x") &&
	   !md_url_is_remote("") && !md_url_is_remote("x/y:z"),
	   "md_url_is_remote: local");
}

static void test_check(void)
{
	const char *text = "---\nstatus: x\n---\n# T\n\n江海 ![a](https://e/x.png) "
			   "![b](y.png)\r> q ![c](//h/z.png)\n\n![d](data:x)\n";
	diag *d = diag_new();
	size_t body = strlen("---\nstatus: x\n---\n");
	is_int(md_check("p.md", text, strlen(text), body, d), 2,
	       "two remote images");
	const diag_item *a = diag_get(d, 0), *b = diag_get(d, 1);
	ok(a && a->level == DIAG_WARNING && a->line == 6 && a->col == 4,
	   "first at 6:4 (file lines, characters)");
	ok(b && b->line == 7 && b->col == 5, "second at 7:5, after a lone CR");
	ok(a && strstr(a->msg, "(https://e/x.png)") && strstr(a->msg, "link"),
	   "the message names the URL and what happens");
	diag_free(d);
}

static void test_headings(void)
{
	char *h = render("# Title *em*\n\ntext\n\n## Sub <b>x</b>\n\n### Third\n",
			 "kt-01", 2);
	ok(has(h, "<h2 id=\"kt-01-h1\">Title <em>em</em></h2>"),
	   "heading anchored, top level 2");
	ok(has(h, "<h3 id=\"kt-01-h2\">Sub"), "second heading numbered");
	ok(has(h, "<h4 id=\"kt-01-h3\">Third</h4>"), "third heading");
	ok(!has(h, "<b>"), "raw HTML in a heading is omitted");
	free(h);
	h = render("### a\n\n###### deep\n", NULL, 3);
	ok(has(h, "<h3 id=\"h1\">a</h3>") && has(h, "<h6 id=\"h2\">deep</h6>"),
	   "levels follow the top one, capped at 6; no prefix");
	free(h);
	h = render("### a\n", NULL, 0);
	ok(has(h, "<h3 id=\"h1\">a</h3>"), "top level 0 keeps levels");
	free(h);
	h = render("# 标题\n", "a\"b", 0);
	ok(has(h, "id=\"a&quot;b-h1\""), "prefix is escaped");
	free(h);
}

static void test_deterministic(void)
{
	const char *src = "# A\n\n[x](javascript:y) *b*\n\n## C\n";
	char *a = render(src, "p", 0), *b = render(src, "p", 0);
	is_str(a, b, "same input, same output");
	free(a);
	free(b);
	ok(md_url_is_dangerous("  \x01JAVASCRIPT:x") && !md_url_is_dangerous("javascripts:x") &&
	   !md_url_is_dangerous("https://x") && !md_url_is_dangerous("dat"),
	   "md_url_is_dangerous");
}

int main(void)
{
	test_raw_html();
	test_dangerous_links();
	test_remote_images();
	test_check();
	test_headings();
	test_deterministic();
	return done_testing();
}
