/* Unit tests: report.c's pure parts (the report file text, today's date)
 * and serve.c's (media types, reload script injection). */
#include "buf.h"
#include "report.h"
#include "serve.h"
#include "tap.h"

static void test_render(void)
{
	report_metric mt[] = { { "t001-m1", "1500" }, { "t001-m2", "12.5" } };
	report_fields f = { "at_risk", "2023-09-30", "60", "agri", mt, 2,
			    "进度放缓。\n", "evidence:\n- url: https://a.example/\n" };
	buf b = BUF_INIT;
	report_render(&f, &b);
	is_str(b.ptr, "---\nstatus: at_risk\nas_of: 2023-09-30\nprogress: 60\n"
	       "reported_by: agri\nmetrics:\n  t001-m1: 1500\n  t001-m2: 12.5\n"
	       "evidence:\n- url: https://a.example/\n---\n进度放缓。\n",
	       "front matter in the fixed key order, the evidence as kept");
	buf_clear(&b);
	report_fields bare = { "not_started", "2023-01-02", "", "", NULL, 0, "",
			       NULL };
	report_render(&bare, &b);
	is_str(b.ptr, "---\nstatus: not_started\nas_of: 2023-01-02\n---\n",
	       "absent keys are left out");
	buf_free(&b);
}

static void test_today(void)
{
	char day[11];
	/* 2023-06-30 20:00 UTC is already July 1st in Beijing (+08:00). */
	time_t t = 1688155200;
	report_today(t, 0, day);
	is_str(day, "2023-06-30", "today in UTC");
	report_today(t, 480, day);
	is_str(day, "2023-07-01", "today at +08:00");
	report_today(t, -600, day);
	is_str(day, "2023-06-30", "today at -10:00");
}

static void test_mime(void)
{
	is_str(serve_mime_type("zh/index.html"), "text/html; charset=utf-8", "html");
	is_str(serve_mime_type("data/tasks.csv"), "text/csv; charset=utf-8", "csv");
	is_str(serve_mime_type("feed.xml"), "application/atom+xml", "feed.xml");
	is_str(serve_mime_type("zh/feed.xml"), "application/atom+xml",
	       "feed.xml in a folder");
	is_str(serve_mime_type("sitemap.xml"), "application/xml", "sitemap.xml");
	is_str(serve_mime_type("a/site.CSS"), "text/css", "extension case");
	is_str(serve_mime_type("a.js"), "text/javascript", "js");
	is_str(serve_mime_type("x.svg"), "image/svg+xml", "svg");
	is_str(serve_mime_type("d.json"), "application/json", "json");
	is_str(serve_mime_type("robots.txt"), "text/plain; charset=utf-8", "txt");
	is_str(serve_mime_type("a.bin"), "application/octet-stream", "unknown");
	is_str(serve_mime_type("Makefile"), "application/octet-stream",
	       "no extension");
}

static void test_inject(void)
{
	buf b = BUF_INIT;
	const char *page = "<html><body><p>x</p></BODY></html>";
	serve_inject(&b, page, strlen(page), 7);
	is_str(b.ptr, "<html><body><p>x</p><script src=\"/__site-gen/reload.js"
	       "?v=7\"></script>\n</BODY></html>", "script before </body>");
	buf_clear(&b);
	serve_inject(&b, "<p>", 3, 1);
	is_str(b.ptr, "<p><script src=\"/__site-gen/reload.js?v=1\"></script>\n",
	       "appended without </body>");
	buf_free(&b);
}

int main(void)
{
	test_render();
	test_today();
	test_mime();
	test_inject();
	return done_testing();
}
