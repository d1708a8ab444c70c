#include "site.h"
#include "arena.h"
#include "buf.h"
#include "feed.h"
#include "digest.h"
#include "links.h"
#include "route.h"
#include "search.h"
#include "tmpl.h"
#include "view.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static char *join(const char *dir, const char *name)
{
	buf b = BUF_INIT;
	buf_printf(&b, "%s/%s", dir, name);
	return buf_detach(&b);
}

/* ---- templates ------------------------------------------------------ */

/* The theme's templates, then site.yaml's `layouts` (read and checked by
 * load_content), then --layouts: later ones replace earlier ones of the
 * same name. */
static tmpl_set *load_templates(const model *m, const site_opts *o,
				diag *d)
{
	tmpl_set *set = tmpl_set_new();
	char *dir = join(o->theme_dir, "templates");
	int rc = tmpl_set_load_dir(set, dir, d);
	free(dir);
	for (size_t i = 0; rc == 0 && i < m->n_layouts; i++) {
		const layout *t = &m->layouts[i];
		rc = tmpl_set_add(set, t->name, t->path, t->text, t->len, d);
	}
	if (rc == 0 && o->layouts_dir)
		rc = tmpl_set_load_dir(set, o->layouts_dir, d);
	if (rc != 0) {
		tmpl_set_free(set);
		return NULL;
	}
	return set;
}

static int check_templates(const tmpl_set *set, const view *v,
			   const char *theme, diag *d)
{
	int rc = 0;
	for (size_t i = 0; i < view_count(v); i++) {
		const char *name = view_page_at(v, i)->template;
		/* Pages of one kind are next to each other: report once. */
		if (i && !strcmp(name, view_page_at(v, i - 1)->template))
			continue;
		if (!tmpl_set_has(set, name)) {
			diag_error(d, theme, 0, 0, "the theme has no template "
				   "'%s' (templates/%s.mustache)", name, name);
			rc = -1;
		}
	}
	return rc;
}

/* ---- pages, rendered by a pool of threads --------------------------- */

typedef struct job {
	const view *v;
	const tmpl_set *set;
	pub *p;
	links *lk;
	diag *d;
	size_t *order;           /* pages by when to render them */
	int (*data_wait)(void *arg);
	void *data_arg;
	atomic_size_t next;
	atomic_int failed;
} job;

static int render_page(job *j, size_t i, buf *out)
{
	const view_page *pg = view_page_at(j->v, i);
	if (j->data_wait && view_needs_data(pg) && j->data_wait(j->data_arg))
		return -1;       /* export failed and said why */
	arena *a = arena_new();
	cJSON *data = view_build(j->v, i, a);
	buf_clear(out);
	int rc = tmpl_render(j->set, pg->template, data, out, j->d);
	arena_free(a);           /* the model with it */
	if (rc != 0)
		return -1;
	links_scan(j->lk, i, pg->path, buf_cstr(out), out->len);
	return pub_write(j->p, pg->path, buf_cstr(out), out->len);
}

/* Each worker takes the next page until none is left or one failed. Every
 * page depends only on the view, so the order does not change a byte. */
static void *worker(void *arg)
{
	job *j = arg;
	buf out = BUF_INIT;
	size_t n = view_count(j->v), k;
	while (!atomic_load(&j->failed) && (k = atomic_fetch_add(&j->next, 1)) < n)
		if (render_page(j, j->order[k], &out) != 0)
			atomic_store(&j->failed, 1);
	buf_free(&out);
	return NULL;
}

/* Pages that wait for the data files go last, so that no thread waits
 * while others could work. */
static size_t *page_order(const view *v, bool data_last)
{
	size_t n = view_count(v), k = 0;
	size_t *order = xcalloc(n ? n : 1, sizeof *order);
	for (int late = 0; late < 2; late++)
		for (size_t i = 0; i < n; i++)
			if ((data_last && view_needs_data(view_page_at(v, i))) == late)
				order[k++] = i;
	return order;
}

static int render_pages(job *j, unsigned threads)
{
	pthread_t tid[16];
	unsigned started = 0;
	if (threads > 16)
		threads = 16;
	/* The calling thread is one of the workers. */
	while (started + 1 < threads &&
	       pthread_create(&tid[started], NULL, worker, j) == 0)
		started++;
	worker(j);
	for (unsigned k = 0; k < started; k++)
		pthread_join(tid[k], NULL);
	return atomic_load(&j->failed) ? -1 : 0;
}

/* ---- assets, sitemap, robots ------------------------------------------ */

static void put_attr_url(buf *b, const char *s)
{
	buf_put_html(b, s, strlen(s));
}

/* Every language page, with its alternates in every language. */
static int write_sitemap(const view *v, const words_set *s, pub *p)
{
	buf b = BUF_INIT, url = BUF_INIT;
	buf_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns="
		 "\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml="
		 "\"http://www.w3.org/1999/xhtml\">\n");
	for (size_t i = 0; i < view_count(v); i++) {
		const view_page *pg = view_page_at(v, i);
		if (pg->kind == VIEW_ROOT || pg->kind == VIEW_NOT_FOUND)
			continue;
		buf_clear(&url);
		view_url(v, pg, &url);
		buf_puts(&b, "<url><loc>");
		put_attr_url(&b, buf_cstr(&url));
		buf_puts(&b, "</loc>");
		for (size_t l = 0; l < s->n; l++) {
			buf_clear(&url);
			view_url(v, view_page_at(v, i - pg->lang + l), &url);
			buf_puts(&b, "<xhtml:link rel=\"alternate\" hreflang=\"");
			put_attr_url(&b, cJSON_GetObjectItem(s->v[l], "html_lang")->valuestring);
			buf_puts(&b, "\" href=\"");
			put_attr_url(&b, buf_cstr(&url));
			buf_puts(&b, "\"/>");
		}
		buf_puts(&b, "</url>\n");
	}
	buf_puts(&b, "</urlset>\n");
	int rc = pub_write(p, "sitemap.xml", b.ptr, b.len);
	buf_free(&b);
	buf_free(&url);
	return rc;
}

static int write_robots(const model *m, pub *p)
{
	buf b = BUF_INIT;
	buf_puts(&b, "User-agent: *\nAllow: /\n\nSitemap: ");
	route_url(&b, m, NULL, "sitemap.xml");
	buf_putc(&b, '\n');
	int rc = pub_write(p, "robots.txt", b.ptr, b.len);
	buf_free(&b);
	return rc;
}

/* ---- evidence files ------------------------------------------------------ */

/* Each report's evidence files, beside its task's page in every language.
 * Read again here, they must still be the bytes load checked (type, GPS,
 * size) and hashed: a file changed since is an error, not published. */
static int write_evidence(const model *m, pub *p, diag *d)
{
	buf data = BUF_INIT, path = BUF_INIT;
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < m->n_reports; i++) {
		const progress *r = &m->reports[i];
		for (size_t k = 0; rc == 0 && k < r->n_evidence; k++) {
			const evidence *e = &r->evidence[k];
			if (e->kind != EVIDENCE_FILE)
				continue;
			char hex[DIGEST_SHA256_HEX] = "";
			buf_clear(&data);
			if (buf_read_file(&data, e->path) != 0) {
				diag_error(d, e->path, 0, 0, "cannot read: %s",
					   strerror(errno));
				rc = -1;
				break;
			}
			digest_sha256_hex(data.ptr, data.len, hex);
			if (strcmp(hex, e->sha256)) {
				diag_error(d, e->path, 0, 0, "changed during the "
					   "build; build again");
				rc = -1;
				break;
			}
			for (size_t l = 0; rc == 0 && l < m->site.languages.n;
			     l++) {
				buf_clear(&path);
				route_evidence(&path, m->site.languages.v[l],
					       r->task_id, e->file);
				rc = pub_write(p, buf_cstr(&path), data.ptr,
					       data.len);
			}
		}
	}
	buf_free(&data);
	buf_free(&path);
	return rc;
}

/* ---- everything --------------------------------------------------------- */

static int publish(const model *m, const site_opts *o, const words_set *s,
		   const tmpl_set *set, pub *p, diag *d)
{
	view_opts vo = { .data = o->data, .banner = o->banner,
			 .ref_day = o->ref_day,
			 .history = o->history, .snapshots = o->snapshots,
			 .strings = (const cJSON *const *)s->v };
	view *v = view_new(m, &vo);
	links *lk = links_new(view_count(v));
	job j = { .v = v, .set = set, .p = p, .lk = lk, .d = d,
		  .order = page_order(v, o->data_wait != NULL),
		  .data_wait = o->data_wait, .data_arg = o->data_arg };
	char *static_dir = join(o->theme_dir, "static");
	int rc = check_templates(set, v, o->theme_dir, d);
	if (rc == 0)
		rc = render_pages(&j, o->threads ? o->threads : SITE_THREADS);
	if (rc == 0)
		rc = pub_copy_tree(p, static_dir, "assets", NULL, NULL);
	if (rc == 0)
		rc = write_evidence(m, p, d);
	if (rc == 0)
		rc = write_sitemap(v, s, p);
	if (rc == 0)
		rc = write_robots(m, p);
	if (rc == 0 && links_check(lk, p, d))
		rc = -1;
	free(static_dir);
	free(j.order);
	links_free(lk);
	view_free(v);
	return rc;
}

int site_render(const model *m, const site_opts *o, pub *p, diag *d)
{
	const words_set *s = o->words;
	tmpl_set *set = load_templates(m, o, d);
	int rc = set ? 0 : -1;
	for (size_t l = 0; rc == 0 && l < s->n; l++)
		tmpl_set_index(set, s->v[l]);   /* looked up on every page */
	/* Feeds before the pages, whose link check needs them written. */
	if (rc == 0 && o->history)
		rc = feed_write(m, o->history, (const cJSON *const *)s->v, p, d);
	if (rc == 0)
		rc = search_write(m, (const cJSON *const *)s->v, p, d);
	if (rc == 0)
		rc = publish(m, o, s, set, p, d);
	tmpl_set_free(set);
	return rc;
}
