/* hist_walk.c - the walk of the commits, each commit's changes applied
 * (hist_int.h). */
#include "hist_int.h"
#include "text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- the version being applied ----------------------------------------- */

static const hist_commit *cur_commit(const hist *h)
{
	return &h->commits[h->n_commits - 1];
}

/* An old version that does not parse is left out: the build is about the
 * current content, which load_content checks on its own. */
void hist_walk_warn_version(hist *h, const char *relpath,
			    const diag *scratch, diag *d)
{
	const diag_item *first = diag_count(scratch) ? diag_get(scratch, 0) : NULL;
	buf path = BUF_INIT;
	buf_printf(&path, "%s/%s", h->content_dir, relpath);
	diag_warn(d, path.ptr, 0, 0, "history: the version in commit %.7s (%s) "
		  "could not be read%s%s; it is left out of the history",
		  cur_commit(h)->id, cur_commit(h)->summary, first ? ": " : "",
		  first ? first->msg : "");
	buf_free(&path);
}

const buf *hist_walk_version_of(hist *h, const repo_change *c)
{
	size_t i = (size_t)(c - h->fetched->changes);
	if (!h->fetched->blob_ok[i])
		return NULL;
	h->stats.blobs_parsed++;
	return &h->fetched->blobs[i];
}

/* ---- one commit -------------------------------------------------------- */

bool hist_walk_progress_name(const char *path, arena *a, const char **id,
			     const char **lang)
{
	size_t n = strlen(path);
	if (strncmp(path, "progress/", 9) || strchr(path + 9, '/') || n < 15 ||
	    strcmp(path + n - 3, ".md"))
		return false;
	const char *dot = memrchr(path + 9, '.', n - 3 - 9);
	if (!dot)
		return false;
	*lang = arena_strndup(a, dot + 1, (size_t)(path + n - 3 - dot - 1));
	*id = arena_strndup(a, path + 9, (size_t)(dot - path - 9));
	return text_is_lang_tag(*lang) && text_is_id(*id);
}

/* Files whose versions are parsed: fetch reads their content. A path
 * that hist_walk_progress_name then refuses costs one needless read, no
 * more. */
static bool wants_content(const char *path)
{
	size_t n = strlen(path);
	return hist_table_of(path) >= 0 ||
	       (!strncmp(path, "progress/", 9) && n > 3 &&
		!strcmp(path + n - 3, ".md"));
}

/* Files that get a per-file event (no field diff). */
static bool is_tracked_file(const char *path)
{
	return !strncmp(path, "plan/", 5) || !strcmp(path, "site.yaml") ||
	       !strcmp(path, "glossary.csv") || !strncmp(path, "NOTES", 5);
}

static void file_version(hist *h, const repo_change *c)
{
	hist_kind k = !c->old_blob ? HIST_ADDED : !c->new_blob ? HIST_REMOVED
							       : HIST_CHANGED;
	hist_event(h, k, "file", c->path, "", "", "", "");
}

static void apply_change(hist *h, const repo_change *c, arena *tmp, diag *d)
{
	smap_put(&h->updated, hist_intern(h, c->path),
		 (void *)(uintptr_t)h->n_commits);
	const char *id, *lang;
	int t = hist_table_of(c->path);
	if (t >= 0)
		hist_table_version(h, t, c, d);
	else if (hist_walk_progress_name(c->path, tmp, &id, &lang))
		hist_report_version(h, c, id, lang, d);
	else if (is_tracked_file(c->path))
		file_version(h, c);
}

/* A report moved unchanged (same blob removed under one name and added
 * under another) is one event, and its parsed state moves with it. */
static bool apply_rename(hist *h, const repo_change *from,
			 const repo_change *to, arena *tmp)
{
	const char *oid, *olang, *nid, *nlang;
	if (!hist_walk_progress_name(from->path, tmp, &oid, &olang) ||
	    !hist_walk_progress_name(to->path, tmp, &nid, &nlang) ||
	    strcmp(olang, nlang))
		return false;
	const char *op = hist_intern(h, from->path);
	const char *np = hist_intern(h, to->path);
	hist_pstate *p = smap_get(&h->progress, op);
	if (!p)
		return false; /* the old version was never read: not a move */
	smap_put(&h->progress, op, NULL);
	hist_report_free(smap_put(&h->progress, np, p));
	hist_event(h, HIST_RENAMED, "progress", nid, nid, "file", op, np);
	smap_put(&h->updated, op, (void *)(uintptr_t)h->n_commits);
	smap_put(&h->updated, np, (void *)(uintptr_t)h->n_commits);
	return true;
}

/* Pair each removed file with the first added one of the same blob that
 * makes a move. The added files are looked up by blob: a commit may add
 * or remove tens of thousands of files. */
static void pair_renames(hist *h, const repo_change *ch, size_t n,
			 arena *tmp, bool *done)
{
	smap first = SMAP_INIT;                    /* blob → added index + 1 */
	size_t *next = xcalloc(n, sizeof *next);   /* same blob, next added */
	for (size_t j = n; j-- > 0;)
		if (!ch[j].old_blob)
			next[j] = (uintptr_t)smap_put(&first, ch[j].new_blob,
						      (void *)(uintptr_t)(j + 1));
	for (size_t i = 0; i < n; i++) {
		if (!ch[i].old_blob || ch[i].new_blob)
			continue;
		uintptr_t k = (uintptr_t)smap_get(&first, ch[i].old_blob);
		for (; k && !done[i]; k = next[k - 1])
			if (!done[k - 1] && apply_rename(h, &ch[i], &ch[k - 1], tmp))
				done[i] = done[k - 1] = true;
	}
	free(next);
	smap_free(&first);
}

static void apply_changes(hist *h, const repo_change *ch, size_t n, arena *tmp,
			  diag *d)
{
	bool *done = xcalloc(n, sizeof *done);
	pair_renames(h, ch, n, tmp, done);
	for (size_t i = 0; i < n; i++)
		if (!done[i])
			apply_change(h, &ch[i], tmp, d);
	free(done);
}

/* Could part of the commit not be read from git (fetch warned which)? */
static bool read_in_part(const fetch_commit *fc)
{
	if (fc->rc != 0 || (fc->n && !fc->has_info))
		return true;
	for (size_t i = 0; i < fc->n; i++)
		if (fc->changes[i].new_blob && wants_content(fc->changes[i].path) &&
		    !fc->blob_ok[i])
			return true;
	return false;
}

/* A commit that touches nothing under content is no part of its history:
 * it gets no entry at all (fetch read no details for it). */
static void walk_commit(hist *h, const fetch_commit *fc, diag *d)
{
	h->stats.commits_walked++;
	h->info.incomplete |= read_in_part(fc);
	if (fc->has_info) {
		const repo_commit *c = &fc->info;
		hist_commit *cm = HIST_GROW(h->commits, h->n_commits,
					    h->cap_commits);
		*cm = (hist_commit){
			.id = hist_intern(h, c->id),
			.summary = hist_intern(h, c->summary),
			.reason = hist_intern(h, c->reason),
			.author = hist_intern(h, c->author),
			.time = c->time, .offset_min = c->offset_min };
		arena *tmp = arena_new();
		h->fetched = fc;
		apply_changes(h, fc->changes, fc->n, tmp, d);
		h->fetched = NULL;
		arena_free(tmp);
	}
	h->head = hist_intern(h, fc->id);
}

/* ---- the walk ---------------------------------------------------------- */

/* Shallow-clone advice only for a shallow clone: for a damaged chain
 * repo_first_parents said what is missing. */
static void warn_walk(hist *h, repo_walk_end end, size_t n, diag *d)
{
	if (end == REPO_WALK_DAMAGED || end == REPO_WALK_ERROR) {
		h->info.truncated = end == REPO_WALK_DAMAGED;
		h->info.incomplete = true;
	} else if (end == REPO_WALK_TRUNCATED || h->info.truncated) {
		h->info.truncated = true;
		diag_warn(d, h->content_dir, 0, 0, "history is truncated (shallow "
			  "clone): it starts at commit %.7s; fetch the full "
			  "history (git fetch --unshallow) to show all of it",
			  h->oldest);
	} else if (end == REPO_WALK_ROOT && !n && !*h->head) {
		diag_warn(d, h->content_dir, 0, 0, "history: the repository has "
			  "no commits yet; pages show no history");
	}
}

void hist_walk_run(hist *h, const char *cache_dir, diag *d)
{
	bin_reader br = { 0 };
	const char *cached = cache_dir ? hist_cache_open(h, cache_dir, &br)
				       : NULL;
	const char **ids;
	size_t n;
	repo_walk_end end = repo_first_parents(h->r, cached, h->a, &ids, &n, d);
	h->stats.cache_hit = end == REPO_WALK_STOPPED &&
			     hist_cache_load(h, &br, cached);
	bin_close(&br);
	if (!h->stats.cache_hit) {
		hist_reset(h);
		buf_clear(&h->cache);
		if (end == REPO_WALK_STOPPED) { /* cache damaged: start over */
			free(ids);
			end = repo_first_parents(h->r, NULL, h->a, &ids, &n, d);
		}
		h->oldest = n ? ids[0] : "";
	}
	fetch *f = fetch_start(h->r, ids, n, h->stats.cache_hit ? cached : NULL,
			       wants_content, d);
	for (fetch_commit *fc; (fc = fetch_next(f)); fetch_commit_free(fc))
		walk_commit(h, fc, d);
	fetch_finish(f);
	free(ids);
	warn_walk(h, end, n, d);
	/* A history with parts left unread is not kept: the next build
	 * reports the damage again, and once it is repaired reads them. */
	if (cache_dir && (n || !h->stats.cache_hit) && !h->info.incomplete)
		hist_cache_save(h, cache_dir, d);
}
