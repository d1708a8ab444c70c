/* links: resolving and checking internal links. */
#include "hash.h"
#include "links.h"
#include "tap.h"

#include <stdio.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void resolves(const char *page, const char *href, link_kind want,
		     const char *target)
{
	buf out = BUF_INIT;
	link_kind k = links_resolve(page, href, &out);
	ok(k == want && (!target || !strcmp(buf_cstr(&out), target)),
	   "%s on %s -> %s", href, page, target ? target : "(not checked)");
	buf_free(&out);
}

static void test_resolve(void)
{
	resolves("zh/tasks/t001/index.html", "../../units/a/index.html",
		 LINK_INTERNAL, "zh/units/a/index.html");
	resolves("zh/tasks/t001/index.html", "../../../en/tasks/t001/index.html",
		 LINK_INTERNAL, "en/tasks/t001/index.html");
	resolves("zh/index.html", "../assets/site.css", LINK_INTERNAL, "assets/site.css");
	resolves("zh/index.html", "plan/index.html#kt-01", LINK_INTERNAL,
		 "zh/plan/index.html");
	resolves("zh/index.html", "tasks/", LINK_INTERNAL, "zh/tasks/index.html");
	resolves("zh/index.html", "..", LINK_INTERNAL, "index.html");
	resolves("index.html", "zh/./index.html?x=1", LINK_INTERNAL, "zh/index.html");
	resolves("zh/index.html", "../../x.html", LINK_OUTSIDE, NULL);
	resolves("zh/index.html", "/zh/index.html", LINK_ROOTED, NULL);
	resolves("zh/index.html", "https://example.org/", LINK_SKIP, NULL);
	resolves("zh/index.html", "//cdn.example.org/x.js", LINK_SKIP, NULL);
	resolves("zh/index.html", "mailto:a@example.org", LINK_SKIP, NULL);
	resolves("zh/index.html", "#main", LINK_SKIP, NULL);
}

static void test_check(void)
{
	char dir[] = "/tmp/test_links.XXXXXX";
	if (!mkdtemp(dir)) {
		skip("no temporary folder", "links_check");
		return;
	}
	buf out = BUF_INIT;
	buf_printf(&out, "%s/out", dir);
	diag *d = diag_new();
	pub *p = pub_begin(out.ptr, d);
	const char *html = "<a href=\"../assets/a.css\">x</a> <img src='b.png'>"
			   "<a href=\"missing/index.html\">y</a> <a href=\"#top\">"
			   "<a href=\"https://x.org/\"><a href=\"../assets/a.css\">";
	links *l = links_new(2);
	links_scan(l, 0, "zh/index.html", html, strlen(html));
	links_scan(l, 1, "zh/b/index.html", "<p>no links</p>", 15);
	pub_write(p, "assets/a.css", "x", 1);
	pub_write(p, "zh/b.png", "x", 1);
	is_int(links_check(l, p, d), 1, "one broken link");
	const diag_item *it = diag_count(d) ? diag_get(d, 0) : NULL;
	ok(it && !strcmp(it->file, "zh/index.html") &&
	   strstr(it->msg, "'missing/index.html'") &&
	   strstr(it->msg, "zh/missing/index.html"),
	   "the error names the page, the link and the target");
	links_free(l);
	pub_abort(p);
	diag_free(d);
	buf_free(&out);
	rmdir(dir);
}

/* Broken links on one page of a fresh output folder (made in `dir`). */
static size_t broken_links(const char *dir, const char *html)
{
	buf out = BUF_INIT;
	buf_printf(&out, "%s/out", dir);
	diag *d = diag_new();
	pub *p = pub_begin(out.ptr, d);
	links *l = links_new(1);
	links_scan(l, 0, "zh/index.html", html, strlen(html));
	size_t n = links_check(l, p, d);
	links_free(l);
	pub_abort(p);
	diag_free(d);
	buf_free(&out);
	return n;
}

/* Single quotes are HTML too; and a page's links are deduplicated by
 * value, so a link that is a prefix of another is still its own link:
 * here the longer one is the shorter one and the quote that ends it
 * (`"` may stand in a value in single quotes), the one case where bytes
 * past the shorter value match too. The pair is chosen to share a slot
 * of the dedupe table (16 slots for a page of two links). */
static void test_quotes_and_prefixes(void)
{
	char dir[] = "/tmp/test_links.XXXXXX";
	if (!mkdtemp(dir)) {
		skip("no temporary folder", "quotes and prefixes");
		return;
	}
	is_int(broken_links(dir, "<a href='gone/index.html'>x</a>"), 1,
	       "a broken link in single quotes is found");
	is_int(broken_links(dir, "<img src=\"gone.png\" alt=\"\">"
			    "<script src=\"../gone.js\"></script>"), 2,
	       "a missing image and a missing script (src=) are found");
	is_int(broken_links(dir, "<img data-src=\"gone.png\">"), 0,
	       "data-src is not a link");
	char longer[40], shorter[32];
	for (unsigned i = 0;; i++) {
		snprintf(shorter, sizeof shorter, "gone-%u.html", i);
		snprintf(longer, sizeof longer, "%s\"", shorter);
		if ((hash_bytes(shorter, strlen(shorter)) & 15) ==
		    (hash_bytes(longer, strlen(longer)) & 15))
			break;
	}
	buf html = BUF_INIT;
	buf_printf(&html, "<a href='%s'>a</a><a href=\"%s\">b</a>", longer,
		   shorter);
	is_int(broken_links(dir, html.ptr), 2, "a link that is a prefix of "
	       "another is checked too (%s after %s)", shorter, longer);
	buf_free(&html);
	rmdir(dir);
}

int main(void)
{
	test_resolve();
	test_check();
	test_quotes_and_prefixes();
	return done_testing();
}
