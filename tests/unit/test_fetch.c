/* Unit tests: fetch.c (commits read ahead on a thread of their own) on a
 * real git repository made with git in a temporary folder. */
#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "fetch.h"
#include "repo.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N_COMMITS 40

static char root[] = "/tmp/sg-test-fetch-XXXXXX";

static int sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int sh(const char *fmt, ...)
{
	buf cmd = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_printf(&cmd, "cd %s && ", root);
	buf_vprintf(&cmd, fmt, ap);
	va_end(ap);
	int rc = system(cmd.ptr);
	buf_free(&cmd);
	return rc;
}

/* Commit i writes progress/t<i>.zh.md ("report i") and, every fifth
 * commit, touches notes.txt instead, which fetch is not asked to read. */
static int make_repo(void)
{
	if (sh("git init -q . && git config user.name T && "
	       "git config user.email t@example.org && mkdir -p content/progress"))
		return -1;
	for (int i = 0; i < N_COMMITS; i++) {
		int rc = i % 5 == 4
			? sh("echo %d >content/notes.txt", i)
			: sh("echo 'report %d' >content/progress/t%02d.zh.md", i, i);
		if (rc || sh("git add -A && git commit -qm 'c%d'", i))
			return -1;
	}
	return 0;
}

static bool wanted(const char *path)
{
	return !strncmp(path, "progress/", 9);
}

/* Every commit comes out once, in order, with its change and content. */
static void test_all_in_order(repo *r, const char **ids, size_t n)
{
	diag *d = diag_new();
	fetch *f = fetch_start(r, ids, n, NULL, wanted, d);
	size_t got = 0, bad = 0, read = 0;
	for (fetch_commit *c; (c = fetch_next(f)); fetch_commit_free(c), got++) {
		char want[64];
		bool notes = got % 5 == 4;
		snprintf(want, sizeof want, notes ? "notes.txt" : "progress/t%02zu.zh.md",
			 got);
		if (c->id != ids[got] || c->rc || c->n != 1 || !c->has_info ||
		    strcmp(c->changes[0].path, want) ||
		    c->blob_ok[0] == notes)
			bad++;
		if (c->blob_ok[0]) {
			snprintf(want, sizeof want, "report %zu\n", got);
			read++;
			bad += strcmp(buf_cstr(&c->blobs[0]), want) != 0;
		}
		if (c->has_info && strcmp(c->info.author, "T"))
			bad++;
	}
	fetch_finish(f);
	is_int(got, n, "every commit comes out once");
	is_int(bad, 0, "in order, with its change, details and wanted content");
	is_int(read, n - n / 5, "content read only where wanted");
	is_int(diag_count(d), 0, "nothing reported");
	diag_free(d);
}

/* Stopping early: the reader thread stops and what it read is freed
 * (AddressSanitizer's leak check runs this too). */
static void test_stop_early(repo *r, const char **ids, size_t n)
{
	diag *d = diag_new();
	fetch *f = fetch_start(r, ids, n, NULL, wanted, d);
	fetch_commit *c = fetch_next(f);
	ok(c && c->id == ids[0], "the first commit");
	fetch_commit_free(c);
	fetch_finish(f);
	ok(1, "finishing before the end returns");
	diag_free(d);
}

/* Against a commit before the first: only the changes since. */
static void test_first_prev(repo *r, const char **ids, size_t n)
{
	diag *d = diag_new();
	fetch *f = fetch_start(r, ids + n - 1, 1, ids[0], wanted, d);
	fetch_commit *c = fetch_next(f);
	is_int(c ? c->n : 0, N_COMMITS - 1 - N_COMMITS / 5 + 1,
	       "one commit against an old one: every file changed since");
	fetch_commit_free(c);
	ok(!fetch_next(f), "then the end");
	fetch_finish(f);
	diag_free(d);
}

int main(void)
{
	if (!mkdtemp(root) || make_repo()) {
		skip("git is not available", "fetch on a real repository");
		return done_testing();
	}
	diag *d = diag_new();
	bool missing;
	buf dir = BUF_INIT;
	buf_printf(&dir, "%s/content", root);
	repo *r = repo_open(dir.ptr, d, &missing);
	arena *a = arena_new();
	const char **ids = NULL;
	size_t n = 0;
	if (r)
		repo_first_parents(r, NULL, a, &ids, &n, d);
	is_int(n, N_COMMITS, "the repository has its commits");
	if (n == N_COMMITS) {
		test_all_in_order(r, ids, n);
		test_stop_early(r, ids, n);
		test_first_prev(r, ids, n);
	}
	free(ids);
	arena_free(a);
	repo_free(r);
	buf_free(&dir);
	diag_free(d);
	sh("rm -rf %s", root);
	return done_testing();
}
