/* repo_diff.c - the files that differ between two commits' content
 * (repo_int.h). */
#include "repo_int.h"

#include <stdlib.h>
#include <string.h>

typedef struct differ {
	repo *r;
	struct arena *a;
	repo_change *v;
	size_t n, cap;
	diag *d;
	int rc;
} differ;

static void add_change(differ *df, const char *path, const git_tree_entry *o,
		       const git_tree_entry *nw)
{
	if (df->n == df->cap)
		df->v = xrealloc(df->v, (df->cap = df->cap ? df->cap * 2 : 32) *
					    sizeof *df->v);
	df->v[df->n++] = (repo_change){
		.path = arena_strdup(df->a, path),
		.old_blob = o ? repo_hex(df->a, git_tree_entry_id(o)) : NULL,
		.new_blob = nw ? repo_hex(df->a, git_tree_entry_id(nw)) : NULL,
	};
}

static void diff_trees(differ *df, const git_tree *o, const git_tree *nw,
		       const char *dir);

static void diff_subtrees(differ *df, const git_tree_entry *o,
			  const git_tree_entry *nw, const char *path)
{
	git_tree *ot = NULL, *nt = NULL;
	if ((repo_entry_is_dir(o) &&
	     repo_obj_tree(df->r, git_tree_entry_id(o), false, &ot, df->d)) ||
	    (repo_entry_is_dir(nw) &&
	     repo_obj_tree(df->r, git_tree_entry_id(nw), true, &nt, df->d))) {
		df->rc = -1;
	} else {
		diff_trees(df, ot, nt, path);
	}
	git_tree_free(ot);
	git_tree_free(nt);
}

/* One entry name present in the old tree, the new one, or both, and
 * changed (diff_trees skips the same name, mode and id). */
static void diff_entry(differ *df, const git_tree_entry *o,
		       const git_tree_entry *nw, const char *dir)
{
	buf path = BUF_INIT;
	buf_printf(&path, "%s%s", dir, *dir ? "/" : "");
	repo_text_put_name(&path, git_tree_entry_name(o ? o : nw));
	if (repo_entry_is_file(o) || repo_entry_is_file(nw))
		add_change(df, path.ptr, repo_entry_is_file(o) ? o : NULL,
			   repo_entry_is_file(nw) ? nw : NULL);
	if (repo_entry_is_dir(o) || repo_entry_is_dir(nw))
		diff_subtrees(df, repo_entry_is_dir(o) ? o : NULL,
			      repo_entry_is_dir(nw) ? nw : NULL, path.ptr);
	buf_free(&path);
}

/* Git's order of tree entries: by name, a folder's name compared as if
 * it ended in '/'. */
static int entry_order(const git_tree_entry *a, const git_tree_entry *b)
{
	const char *x = git_tree_entry_name(a), *y = git_tree_entry_name(b);
	size_t lx = strlen(x), ly = strlen(y), n = lx < ly ? lx : ly;
	int c = memcmp(x, y, n);
	if (c)
		return c;
	int cx = lx > n ? (unsigned char)x[n] : repo_entry_is_dir(a) ? '/' : 0;
	int cy = ly > n ? (unsigned char)y[n] : repo_entry_is_dir(b) ? '/' : 0;
	return cx - cy;
}

/* Same name, mode and id: nothing changed. */
static bool same_entry(const git_tree_entry *a, const git_tree_entry *b)
{
	const char *x = git_tree_entry_name(a), *y = git_tree_entry_name(b);
	return x[0] == y[0] && !git_oid_cmp(git_tree_entry_id(a),
					    git_tree_entry_id(b)) &&
	       git_tree_entry_filemode(a) == git_tree_entry_filemode(b) &&
	       !strcmp(x, y);
}

/* Both trees are sorted (git writes them so), so one merge pass pairs
 * their entries: a name lookup per entry would cost a binary search each,
 * and the progress folder holds two entries per task. A file and a folder
 * of the same name are not paired, which gives the same changes as
 * pairing them would. */
static void diff_trees(differ *df, const git_tree *o, const git_tree *nw,
		       const char *dir)
{
	size_t nn = nw ? git_tree_entrycount(nw) : 0;
	size_t on = o ? git_tree_entrycount(o) : 0;
	for (size_t i = 0, j = 0; i < nn || j < on;) {
		const git_tree_entry *e = i < nn ? git_tree_entry_byindex(nw, i) : NULL;
		const git_tree_entry *f = j < on ? git_tree_entry_byindex(o, j) : NULL;
		if (e && f && same_entry(e, f)) { /* the common case, made cheap */
			i++, j++;
			continue;
		}
		int c = !e ? 1 : !f ? -1 : entry_order(e, f);
		diff_entry(df, c >= 0 ? f : NULL, c <= 0 ? e : NULL, dir);
		i += c <= 0;
		j += c >= 0;
	}
}

static int cmp_change(const void *a, const void *b)
{
	return strcmp(((const repo_change *)a)->path,
		      ((const repo_change *)b)->path);
}

int repo_content_changes(repo *r, const char *old_id, const char *new_id,
			 struct arena *a, repo_change **out, size_t *n,
			 diag *d)
{
	differ df = { .r = r, .a = a, .d = d };
	git_tree *ot = NULL, *nt = NULL;
	repo_obj_trees_free(&r->last);
	r->last = r->cur;
	r->cur = (repo_trees){ 0 };
	if (repo_obj_content_tree(r, old_id, false, &ot, d) ||
	    repo_obj_content_tree(r, new_id, true, &nt, d))
		df.rc = -1;
	else if (!ot || !nt || git_oid_cmp(git_tree_id(ot), git_tree_id(nt)))
		diff_trees(&df, ot, nt, "");
	git_tree_free(ot);
	git_tree_free(nt);
	if (df.n)
		qsort(df.v, df.n, sizeof *df.v, cmp_change);
	*out = df.v;
	*n = df.n;
	return df.rc;
}
