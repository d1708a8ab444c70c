#include "feed.h"
#include "buf.h"
#include "histview.h"
#include "route.h"
#include "words.h"

#include <cjson/cJSON.h>

#include <stdlib.h>
#include <string.h>

/* XML text and attribute values; control characters XML 1.0 forbids are
 * dropped rather than written. */
static void put_xml(buf *out, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '&')
			buf_puts(out, "&amp;");
		else if (c == '<')
			buf_puts(out, "&lt;");
		else if (c == '>')
			buf_puts(out, "&gt;");
		else if (c == '"')
			buf_puts(out, "&quot;");
		else if (c >= 0x20 || c == '\n' || c == '\t')
			buf_putc(out, (char)c);
	}
}

static void put_elem(buf *out, const char *indent, const char *name,
		     const char *text)
{
	buf_printf(out, "%s<%s>", indent, name);
	put_xml(out, text);
	buf_printf(out, "</%s>\n", name);
}

/* "tag:<host>,<date>:" - the plan's issue date dates the tagging authority. */
static void tag_prefix(const model *m, buf *out)
{
	const char *u = strstr(m->site.base_url, "://");
	u = u ? u + 3 : m->site.base_url;
	buf_puts(out, "tag:");
	buf_put(out, u, strcspn(u, ":/"));
	buf_printf(out, ",%s:", *m->site.issued ? m->site.issued : "2000-01-01");
}

/* One feed being written: its entries go to `body`. */
typedef struct feed {
	buf body;
	size_t n;
	long long newest;        /* of its entries, when it has any */
} feed;

typedef struct feeds {
	const model *m;
	const hist *h;
	const char *lang;
	size_t lang_index;
	const cJSON *const *all; /* every language's theme strings */
	const cJSON *strings;    /* the language's: all[lang_index] */
	feed site;
	feed *units;             /* one per m->units */
} feeds;

/* The theme's string `key`; check_strings made sure it exists. */
static const char *str(const feeds *f, const char *key)
{
	return words_get(f->strings, key);
}

static void entry_xml(const feeds *f, const histview_entry *e,
		      const buf *summary, const char *first, buf *out)
{
	buf id = BUF_INIT, title = BUF_INIT, time = BUF_INIT, url = BUF_INIT;
	tag_prefix(f->m, &id);
	buf_printf(&id, "change/%s/", e->commit->id);
	buf_printf(&id, *e->task ? "task/%s" : "%s/%s", *e->task ? e->task
		   : e->table, e->record);
	histview_entry_title(f->m, f->all, f->lang_index, e, &title);
	buf_printf(&title, "%s%s", str(f, "feed_entry_sep"), first);
	histview_rfc3339(e->commit->time, f->m->site.utc_offset_min, &time);
	histview_entry_url(f->m, e, f->lang, &url);
	buf_puts(out, "  <entry>\n");
	put_elem(out, "    ", "id", id.ptr);
	put_elem(out, "    ", "title", title.ptr);
	put_elem(out, "    ", "updated", time.ptr);
	buf_puts(out, "    <author>\n");
	put_elem(out, "      ", "name", model_convert(f->m, f->lang_index,
						      e->commit->author));
	buf_puts(out, "    </author>\n    <link rel=\"alternate\" "
		 "type=\"text/html\" href=\"");
	put_xml(out, url.ptr);
	buf_puts(out, "\"/>\n");
	put_elem(out, "    ", "summary", summary->ptr);
	buf_puts(out, "  </entry>\n");
	buf_free(&id);
	buf_free(&title);
	buf_free(&time);
	buf_free(&url);
}

static void add_to(feed *fd, const buf *xml, long long t)
{
	if (fd->n >= FEED_MAX_ENTRIES)
		return;
	buf_put(&fd->body, xml->ptr, xml->len);
	if (!fd->n++ || t > fd->newest)
		fd->newest = t;
}

/* The unit whose feed shows an entry: a task's lead unit (also for a
 * removed task, from its last known row), or the unit itself. */
static const unit *entry_unit(const feeds *f, const histview_entry *e)
{
	const task *t = *e->task ? model_task(f->m, e->task) : NULL;
	if (t)
		return model_unit(f->m, t->lead_id);
	size_t n;
	const hist_removed *r = hist_removed_tasks(f->h, &n);
	for (size_t i = 0; *e->task && i < n; i++)
		for (size_t k = 0; !strcmp(r[i].id, e->task) && k < r[i].n; k++)
			if (!strcmp(r[i].cols[k], "lead"))
				return model_unit(f->m, r[i].vals[k]);
	return !strcmp(e->table, "units") ? model_unit(f->m, e->record) : NULL;
}

static bool add_entry(void *ctx, const histview_entry *e)
{
	feeds *f = ctx;
	/* Feeds keep their newest entries only: once the site's feed and
	 * the entry's unit's are full, it is not worth writing. */
	const unit *u = entry_unit(f, e);
	feed *uf = u ? &f->units[u->index] : NULL;
	if (f->site.n >= FEED_MAX_ENTRIES && (!uf || uf->n >= FEED_MAX_ENTRIES))
		return true;
	size_t n;
	const hist_change *ch = hist_changes(f->h, &n);
	buf summary = BUF_INIT, first = BUF_INIT, xml = BUF_INIT;
	for (size_t i = 0; i < e->n; i++) {
		buf t = BUF_INIT;
		if (histview_change_text(f->h, f->m, f->all, f->lang_index,
					 &ch[e->changes[i]], &t)) {
			if (!first.len)
				buf_puts(&first, t.ptr);
			buf_printf(&summary, "%s%s", summary.len ? "; " : "", t.ptr);
		}
		buf_free(&t);
	}
	if (summary.len) {
		entry_xml(f, e, &summary, first.ptr, &xml);
		add_to(&f->site, &xml, e->commit->time);
		if (uf)
			add_to(uf, &xml, e->commit->time);
	}
	buf_free(&summary);
	buf_free(&first);
	buf_free(&xml);
	return true;
}

/* A feed without entries is still dated: by the newest commit, else by
 * the plan's issue date. */
static void feed_updated(const feeds *f, const feed *fd, buf *out)
{
	size_t n;
	const hist_commit *c = hist_commits(f->h, &n);
	if (fd->n || n)
		histview_rfc3339(fd->n ? fd->newest : c[n - 1].time,
				 f->m->site.utc_offset_min, out);
	else
		buf_printf(out, "%sT00:00:00%s", *f->m->site.issued
			   ? f->m->site.issued : "2000-01-01",
			   f->m->site.utc_offset_min ? f->m->site.time_zone : "Z");
}

static int write_feed(const feeds *f, const feed *fd, const char *path,
		      const char *page, ltext title, pub *p)
{
	const model *m = f->m;
	buf x = BUF_INIT, s = BUF_INIT;
	buf_printf(&x, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
		   "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"%s\">\n",
		   str(f, "html_lang"));
	tag_prefix(m, &s);
	buf_printf(&s, "%s", path);
	put_elem(&x, "  ", "id", s.ptr);
	buf_clear(&s);
	buf_printf(&s, "%s%s", model_text(m, title, f->lang_index),
		   str(f, "feed_title_suffix"));
	put_elem(&x, "  ", "title", s.ptr);
	buf_clear(&s);
	feed_updated(f, fd, &s);
	put_elem(&x, "  ", "updated", s.ptr);
	buf_puts(&x, "  <author>\n");
	put_elem(&x, "    ", "name", model_text(m, m->site.issuer, f->lang_index));
	buf_puts(&x, "  </author>\n  <link rel=\"self\" "
		 "type=\"application/atom+xml\" href=\"");
	buf_clear(&s);
	route_url(&s, m, NULL, path);
	put_xml(&x, s.ptr);
	buf_puts(&x, "\"/>\n  <link rel=\"alternate\" type=\"text/html\" href=\"");
	buf_clear(&s);
	route_url(&s, m, NULL, page);
	put_xml(&x, s.ptr);
	buf_puts(&x, "\"/>\n");
	buf_put(&x, fd->body.ptr, fd->body.len);
	buf_puts(&x, "</feed>\n");
	int rc = pub_write(p, path, x.ptr, x.len);
	buf_free(&x);
	buf_free(&s);
	return rc;
}

static int write_lang(feeds *f, pub *p)
{
	const model *m = f->m;
	buf path = BUF_INIT, page = BUF_INIT;
	histview_each(f->h, add_entry, f);
	route_feed(&path, f->lang, NULL);
	route_page(&page, f->lang, ROUTE_HOME, NULL);
	int rc = write_feed(f, &f->site, path.ptr, page.ptr, m->site.title, p);
	for (size_t i = 0; i < m->n_units && rc == 0; i++) {
		const unit *u = &m->units[i];
		buf_clear(&path);
		buf_clear(&page);
		route_feed(&path, f->lang, u->id);
		route_page(&page, f->lang, ROUTE_UNIT, u->id);
		rc = write_feed(f, &f->units[i], path.ptr, page.ptr, u->name, p);
	}
	buf_free(&path);
	buf_free(&page);
	return rc;
}

int feed_write(const model *m, const hist *h, const cJSON *const *strings,
	       pub *p, diag *d)
{
	(void)d; /* pub_write reports its own failures */
	int rc = 0;
	for (size_t l = 0; l < m->site.languages.n && rc == 0; l++) {
		feeds f = { .m = m, .h = h, .lang = m->site.languages.v[l],
			    .lang_index = l, .all = strings,
			    .strings = strings[l] };
		f.units = xcalloc(m->n_units + 1, sizeof *f.units);
		rc = write_lang(&f, p);
		buf_free(&f.site.body);
		for (size_t i = 0; i < m->n_units; i++)
			buf_free(&f.units[i].body);
		free(f.units);
	}
	return rc;
}
