/* repo_state.c - uncommitted changes, and the state of the repository
 * for change detection (repo_int.h). */
#include "repo_int.h"

#include <sys/stat.h>

/* Can HEAD's files be read? An unborn HEAD has none to read. */
static bool head_readable(repo *r, diag *d)
{
	git_oid oid;
	int rc = git_reference_name_to_id(&oid, r->git, "HEAD");
	if (rc == GIT_ENOTFOUND || rc == GIT_EUNBORNBRANCH)
		return true;
	char id[GIT_OID_HEXSZ + 1];
	git_oid_tostr(id, sizeof id, &oid);
	git_tree *t = NULL;
	rc = rc == 0 ? repo_obj_content_tree(r, id, false, &t, d) : -1;
	git_tree_free(t);
	return rc == 0;
}

bool repo_has_uncommitted(repo *r, diag *d)
{
	if (!head_readable(r, d))
		return false;
	git_status_options opts;
	git_status_options_init(&opts, GIT_STATUS_OPTIONS_VERSION);
	opts.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
	opts.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED |
		     GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS |
		     GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
	char *spec = r->prefix;
	if (*r->prefix) {
		opts.pathspec.strings = &spec;
		opts.pathspec.count = 1;
	}
	git_status_list *list;
	if (git_status_list_new(&list, r->git, &opts) != 0) {
		repo_warn_git(d, r->dir, "cannot compare the work tree with HEAD");
		return false;
	}
	bool dirty = git_status_list_entrycount(list) > 0;
	git_status_list_free(list);
	return dirty;
}

static int put_ref(git_reference *ref, void *payload)
{
	buf *out = payload;
	git_reference *res = NULL;
	if (git_reference_resolve(&res, ref) == 0) {
		char id[GIT_OID_HEXSZ + 1];
		git_oid_tostr(id, sizeof id, git_reference_target(res));
		buf_printf(out, "%s %s\n", git_reference_name(ref), id);
	}
	git_reference_free(res);
	git_reference_free(ref);
	return 0;
}

static void put_stat(buf *out, const char *dir, const char *name)
{
	struct stat st;
	buf path = BUF_INIT;
	buf_printf(&path, "%s%s", dir, name);
	if (stat(buf_cstr(&path), &st) == 0)
		buf_printf(out, "%s %lld %lld.%09ld\n", name, (long long)st.st_size,
			   (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
	buf_free(&path);
}

void repo_state(repo *r, buf *out)
{
	git_reference *head = NULL;
	if (git_repository_head(&head, r->git) == 0)
		put_ref(head, out);
	git_reference_foreach(r->git, put_ref, out);
	put_stat(out, git_repository_path(r->git), "index");
	buf_printf(out, "shallow %d\nmailmap\n", repo_is_shallow(r));
	repo_mailmap_source(r, out);
}
