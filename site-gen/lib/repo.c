/* repo.c - opening a repository, and the warnings of every part
 * (repo_int.h). */
#include "repo_int.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* ---- warnings and ids -------------------------------------------------- */

const char *repo_git_message(void)
{
	const git_error *e = git_error_last();
	return e && e->message ? e->message : "unknown git error";
}

void repo_warn_git(diag *d, const char *dir, const char *what)
{
	diag_warn(d, dir, 0, 0, "history: %s: %s", what, repo_git_message());
}

void repo_warn_object(diag *d, repo *r, const char *what, const char *type,
		      const git_oid *id)
{
	char hex[GIT_OID_HEXSZ + 1];
	git_oid_tostr(hex, sizeof hex, id);
	if (smap_get(&r->warned, hex))
		return;
	smap_put(&r->warned, arena_strdup(r->warned_ids, hex), r);
	diag_warn(d, r->dir, 0, 0, "history: cannot read %s: %s %s is missing "
		  "or damaged in the git repository (%s); the history shown is "
		  "incomplete", what, type, hex, repo_git_message());
}

const char *repo_hex(struct arena *a, const git_oid *oid)
{
	char s[GIT_OID_HEXSZ + 1];
	git_oid_tostr(s, sizeof s, oid);
	return arena_strdup(a, s);
}

/* ---- opening ----------------------------------------------------------- */

/* "<work tree>\n<content folder inside it>", or NULL when the folder is
 * not inside the work tree. */
static char *identity_of(const char *dir, const char *workdir)
{
	char *real = realpath(dir, NULL), *top = realpath(workdir, NULL);
	char *out = NULL;
	size_t tl = top ? strlen(top) : 0;
	if (real && top && !strncmp(real, top, tl) &&
	    (real[tl] == '/' || real[tl] == '\0')) {
		buf id = BUF_INIT;
		buf_printf(&id, "%s\n%s", top, real[tl] ? real + tl + 1 : "");
		out = buf_detach(&id);
	}
	free(real);
	free(top);
	return out;
}

/* libgit2 is started once and left running: starting it parses the
 * system's certificate bundle (mbedtls), a tenth of a small build, and a
 * build opens the repository twice (incr.c, then hist.c). */
static pthread_once_t libgit2_once = PTHREAD_ONCE_INIT;

static void libgit2_start(void)
{
	git_libgit2_init();
	/* Hashing every object read cost a quarter of the history walk; git
	 * itself does not re-hash what it reads (zlib's checksum still
	 * catches a damaged pack). */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
}

repo *repo_open(const char *dir, diag *d, bool *missing)
{
	*missing = false;
	pthread_once(&libgit2_once, libgit2_start);
	repo *r = xcalloc(1, sizeof *r);
	r->dir = xstrdup(dir);
	r->warned_ids = arena_new();
	int rc = git_repository_open_ext(&r->git, dir, 0, NULL);
	const char *workdir = rc == 0 ? git_repository_workdir(r->git) : NULL;
	if (rc == GIT_ENOTFOUND || (rc == 0 && !workdir)) {
		*missing = true;
	} else if (rc != 0) {
		repo_warn_git(d, dir, "cannot open the git repository");
	} else if (!(r->identity = identity_of(dir, workdir))) {
		diag_warn(d, dir, 0, 0, "history: the content folder is not "
			  "inside the work tree of %s", workdir);
	} else {
		r->prefix = xstrdup(strchr(r->identity, '\n') + 1);
		if (git_mailmap_from_repository(&r->mailmap, r->git) != 0)
			repo_warn_git(d, dir, "cannot read .mailmap");
		return r;
	}
	repo_free(r);
	return NULL;
}

repo *repo_reopen(const repo *r, diag *d)
{
	bool missing;
	return repo_open(r->dir, d, &missing);
}

void repo_free(repo *r)
{
	if (!r)
		return;
	repo_obj_trees_free(&r->last);
	repo_obj_trees_free(&r->cur);
	smap_free(&r->warned);
	arena_free(r->warned_ids);
	git_mailmap_free(r->mailmap);
	git_repository_free(r->git);
	free(r->dir);
	free(r->prefix);
	free(r->identity);
	free(r);
}

const char *repo_identity(const repo *r) { return r->identity; }
bool repo_is_shallow(const repo *r) { return git_repository_is_shallow(r->git) == 1; }
