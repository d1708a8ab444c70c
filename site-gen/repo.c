#include "repo.h"
#include "arena.h"
#include "smap.h"
#include "text.h"

#include <ctype.h>
#include <errno.h>
#include <fnmatch.h>
#include <git2.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Blobs larger than this are not history content (load.c has the same
 * limit for files in the work tree). */
#define REPO_MAX_BLOB (64L * 1024 * 1024)

/* Trees read by one diff (repo_content_changes). */
typedef struct tree_set {
	git_tree **v;
	size_t n, cap;
} tree_set;

struct repo {
	git_repository *git;
	git_mailmap *mailmap;
	char *dir;           /* the content folder as given, for messages */
	char *prefix;        /* its path inside the work tree */
	char *identity;
	/* The trees the last diff read on its new side, and those the
	 * current one reads there: walking the history, each diff's old side
	 * is the last one's new side, and reading a large folder's tree
	 * (progress/ holds two entries per task) costs more than diffing it.
	 * libgit2 does not cache trees of more than 4 KiB. */
	tree_set last, cur;
	/* Objects already reported unreadable: a damaged tree is met on both
	 * sides of two diffs, and once more by repo_has_uncommitted. */
	smap warned;
	struct arena *warned_ids;
};

static const char *git_message(void)
{
	const git_error *e = git_error_last();
	return e && e->message ? e->message : "unknown git error";
}

static void warn_git(diag *d, const char *dir, const char *what)
{
	diag_warn(d, dir, 0, 0, "history: %s: %s", what, git_message());
}

/* An object the history needs could not be read: name it, once, so that
 * the repository can be repaired (git fsck lists every such object). */
static void warn_object(diag *d, repo *r, const char *what, const char *type,
			const git_oid *id)
{
	char hex[GIT_OID_HEXSZ + 1];
	git_oid_tostr(hex, sizeof hex, id);
	if (smap_get(&r->warned, hex))
		return;
	smap_put(&r->warned, arena_strdup(r->warned_ids, hex), r);
	diag_warn(d, r->dir, 0, 0, "history: cannot read %s: %s %s is missing "
		  "or damaged in the git repository (%s); the history shown is "
		  "incomplete", what, type, hex, git_message());
}

static void tree_set_free(tree_set *s)
{
	for (size_t i = 0; i < s->n; i++)
		git_tree_free(s->v[i]);
	free(s->v);
	*s = (tree_set){ 0 };
}

/* Look a tree up, in the last diff's new side first; a tree of the new
 * side (`keep`) is remembered for the next diff. -1 after a warning. */
static int tree_get(repo *r, const git_oid *id, bool keep, git_tree **t,
		    diag *d)
{
	*t = NULL;
	for (size_t i = 0; i < r->last.n && !*t; i++)
		if (!git_oid_cmp(git_tree_id(r->last.v[i]), id) &&
		    git_tree_dup(t, r->last.v[i]) != 0)
			return -1;
	if (!*t && git_tree_lookup(t, r->git, id) != 0) {
		warn_object(d, r, "a folder", "tree", id);
		return -1;
	}
	if (keep) {
		tree_set *s = &r->cur;
		if (s->n == s->cap)
			s->v = xrealloc(s->v, (s->cap = s->cap ? s->cap * 2 : 8) *
					       sizeof *s->v);
		if (git_tree_dup(&s->v[s->n], *t) == 0)
			s->n++;
	}
	return 0;
}

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
		warn_git(d, dir, "cannot open the git repository");
	} else if (!(r->identity = identity_of(dir, workdir))) {
		diag_warn(d, dir, 0, 0, "history: the content folder is not "
			  "inside the work tree of %s", workdir);
	} else {
		r->prefix = xstrdup(strchr(r->identity, '\n') + 1);
		if (git_mailmap_from_repository(&r->mailmap, r->git) != 0)
			warn_git(d, dir, "cannot read .mailmap");
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
	tree_set_free(&r->last);
	tree_set_free(&r->cur);
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

static const char *hex(struct arena *a, const git_oid *oid)
{
	char s[GIT_OID_HEXSZ + 1];
	git_oid_tostr(s, sizeof s, oid);
	return arena_strdup(a, s);
}

/* A commit of the chain cannot be read. This libgit2 does not hide the
 * parents of a shallow clone's oldest commits: there, a parent that is not
 * found is the clone's edge. Anything else is damage, and then the walk
 * must not give shallow-clone advice. */
static repo_walk_end broken_chain(repo *r, int rc, const git_oid *id,
				  const char *child, diag *d)
{
	if (!child) {
		warn_object(d, r, "the HEAD commit", "commit", id);
		return REPO_WALK_ERROR;
	}
	char hex[GIT_OID_HEXSZ + 1], *why = xstrdup(git_message());
	git_oid_tostr(hex, sizeof hex, id);
	repo_walk_end end = REPO_WALK_TRUNCATED;
	if (rc != GIT_ENOTFOUND || !repo_is_shallow(r)) {
		diag_warn(d, r->dir, 0, 0, "history: cannot read the parent of "
			  "commit %.7s: commit %s is missing or damaged in the git "
			  "repository (%s); the history shown is incomplete: it "
			  "starts at commit %.7s", child, hex, why, child);
		end = REPO_WALK_DAMAGED;
	}
	free(why);
	return end;
}

/* Walking the parents by hand (rather than with a revwalk) lets the walk
 * stop at the cached head, so an incremental build touches only the new
 * commits, and tells a missing parent (shallow clone, or damage) from a
 * root. */
repo_walk_end repo_first_parents(repo *r, const char *stop_at,
				 struct arena *a, const char ***ids, size_t *n,
				 diag *d)
{
	*ids = NULL;
	*n = 0;
	git_oid oid;
	int rc = git_reference_name_to_id(&oid, r->git, "HEAD");
	if (rc == GIT_ENOTFOUND || rc == GIT_EUNBORNBRANCH)
		return REPO_WALK_ROOT;
	if (rc != 0) {
		warn_git(d, r->dir, "cannot resolve HEAD");
		return REPO_WALK_ERROR;
	}
	size_t cap = 0;
	repo_walk_end end = REPO_WALK_ROOT;
	for (;;) {
		const char *id = hex(a, &oid);
		if (stop_at && !strcmp(id, stop_at)) {
			end = REPO_WALK_STOPPED;
			break;
		}
		git_commit *c;
		if ((rc = git_commit_lookup(&c, r->git, &oid)) != 0) {
			end = broken_chain(r, rc, &oid, *n ? (*ids)[*n - 1] : NULL,
					   d);
			break;
		}
		if (*n == cap)
			*ids = xrealloc(*ids, (cap = cap ? cap * 2 : 64) * sizeof **ids);
		(*ids)[(*n)++] = id;
		bool root = git_commit_parentcount(c) == 0;
		if (!root)
			git_oid_cpy(&oid, git_commit_parent_id(c, 0));
		git_commit_free(c);
		if (root) {
			end = repo_is_shallow(r) ? REPO_WALK_TRUNCATED : REPO_WALK_ROOT;
			break;
		}
	}
	for (size_t i = 0; i < *n / 2; i++) {
		const char *t = (*ids)[i];
		(*ids)[i] = (*ids)[*n - 1 - i];
		(*ids)[*n - 1 - i] = t;
	}
	return end;
}

static int lookup_commit(repo *r, const char *id, git_commit **c, diag *d)
{
	git_oid oid;
	if (git_oid_fromstr(&oid, id) != 0) {
		warn_git(d, r->dir, "not a commit id");
		return -1;
	}
	if (git_commit_lookup(c, r->git, &oid) == 0)
		return 0;
	warn_object(d, r, "a commit", "commit", &oid);
	return -1;
}

/* ---- text from commits -------------------------------------------------- */

/* Append s[0..len) without what must not reach a page or a CSV cell: a
 * terminal escape or a carriage return in an author's name or a subject
 * is git's to keep, not the site's to publish. Text that is not UTF-8
 * (a message in a legacy encoding) keeps its ASCII only. */
static void clean_controls(const char *s, size_t len, buf *out)
{
	bool utf8 = utf8_check(s, len) == len;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x80 && !utf8)
			buf_puts(out, "\xef\xbf\xbd"); /* U+FFFD */
		else if (c == 0xc2 && (unsigned char)s[i + 1] < 0xa0)
			i++; /* C1: U+0080..U+009F; valid UTF-8, so s[i + 1] is
				its second byte */
		else if (c == '\t' || c == '\n' || c == '\r')
			buf_putc(out, ' ');
		else if (c >= 0x20 && c != 0x7f)
			buf_putc(out, (char)c);
	}
}

/* What an address may hold on each side of its '@', in ASCII. */
static bool local_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || (c && strchr(".!#$%&*+/=?^_~-", c));
}

static bool domain_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '.' || c == '-';
}

static bool wide_local_char(unsigned char c) { return c >= 0x80 || local_char(c); }
static bool wide_domain_char(unsigned char c) { return c >= 0x80 || domain_char(c); }

/* Where the address around the '@' at s[at] starts (not before `done`)
 * and ends; false when there is none. Each side is its ASCII characters,
 * so that Chinese text written up against an address stays; a side with
 * none is taken with its non-ASCII characters (an internationalised
 * address). A domain's final '.' is the sentence's. */
static bool address_at(const unsigned char *u, size_t at, size_t done,
		       size_t *from, size_t *to)
{
	size_t f = at, t = at + 1;
	while (f > done && local_char(u[f - 1]))
		f--;
	while (f == at && f > done && wide_local_char(u[f - 1]))
		f--;
	for (bool (*ok)(unsigned char) = domain_char;; ok = wide_domain_char) {
		while (ok(u[t]))
			t++;
		while (t > at + 1 && u[t - 1] == '.')
			t--;
		if (t > at + 1 || ok == wide_domain_char)
			break;
	}
	*from = f;
	*to = t;
	return f < at && t > at + 1;
}

/* Append s with every e-mail address (address_at) replaced by `mask`. */
static void mask_addresses(const char *s, const char *mask, buf *out)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t done = 0; /* s[0..done) is in out */
	for (size_t at = 0, from, to; s[at]; at++) {
		if (s[at] != '@' || !address_at(u, at, done, &from, &to))
			continue;
		buf_put(out, s + done, from - done);
		buf_puts(out, mask);
		done = to;
		at = to - 1;
	}
	buf_puts(out, s + done);
}

/* What may be left at either end of a name an address was taken from:
 * spaces, and what separated the name from the address. */
static bool is_blank(char c)
{
	return c == ' ' || c == ',' || c == ';' || c == ':';
}

/* An author's name with its addresses taken out, with the brackets that
 * held them and the spaces and separators left at either end;
 * REPO_ADDRESS_MASK when no letter or digit is left. */
static const char *clean_name(struct arena *a, const char *name)
{
	static const char opens[] = "<([", closes[] = ">)]";
	buf clean = BUF_INIT, bare = BUF_INIT, out = BUF_INIT;
	clean_controls(name, strlen(name), &clean);
	mask_addresses(buf_cstr(&clean), "", &bare);
	bool word = false;
	for (const char *s = buf_cstr(&bare); *s; s++) {
		const char *o = strchr(opens, *s);
		if (o && s[1] == closes[o - opens])
			s++; /* brackets left empty */
		else if (*s != ' ' || (out.len && out.ptr[out.len - 1] != ' '))
			buf_putc(&out, *s);
		word |= (unsigned char)*s >= 0x80 || isalnum((unsigned char)*s);
	}
	const char *t = buf_cstr(&out);
	size_t len = out.len;
	while (len && is_blank(t[len - 1]))
		len--;
	while (len && is_blank(*t))
		t++, len--;
	const char *name_out = word ? arena_strndup(a, t, len)
				    : arena_strdup(a, REPO_ADDRESS_MASK);
	buf_free(&clean);
	buf_free(&bare);
	buf_free(&out);
	return name_out;
}

/* The first line of a commit message, cleaned, with its addresses
 * masked. */
static const char *clean_summary(struct arena *a, const char *msg)
{
	buf clean = BUF_INIT, out = BUF_INIT;
	clean_controls(msg, strcspn(msg, "\r\n"), &clean);
	mask_addresses(buf_cstr(&clean), REPO_ADDRESS_MASK, &out);
	const char *s = arena_strdup(a, buf_cstr(&out));
	buf_free(&clean);
	buf_free(&out);
	return s;
}

int repo_commit_info(repo *r, const char *id, struct arena *a,
		     repo_commit *out, diag *d)
{
	git_commit *c;
	if (lookup_commit(r, id, &c, d) != 0)
		return -1;
	const git_signature *sig = git_commit_author(c);
	const char *name = sig->name, *email = sig->email;
	if (r->mailmap)
		git_mailmap_resolve(&name, &email, r->mailmap, sig->name,
				    sig->email);
	const char *msg = git_commit_message(c);
	*out = (repo_commit){
		.id = arena_strdup(a, id),
		.summary = clean_summary(a, msg),
		.author = clean_name(a, name),
		.time = (long long)sig->when.time,
		.offset_min = sig->when.offset,
	};
	git_commit_free(c);
	return 0;
}

/* The content subtree of a commit; *t stays NULL when the commit has no
 * content folder. Returns 0 or -1. */
static int content_tree(repo *r, const char *id, bool keep, git_tree **t,
			diag *d)
{
	*t = NULL;
	if (!id)
		return 0;
	git_commit *c;
	git_tree *root;
	if (lookup_commit(r, id, &c, d) != 0)
		return -1;
	int rc = git_commit_tree(&root, c);
	if (rc != 0)
		warn_object(d, r, "a commit's files", "tree",
			    git_commit_tree_id(c));
	git_commit_free(c);
	if (rc != 0)
		return -1;
	if (!*r->prefix) {
		*t = root;
		return 0;
	}
	git_tree_entry *e;
	if (git_tree_entry_bypath(&e, root, r->prefix) == 0) {
		if (git_tree_entry_type(e) == GIT_OBJECT_TREE &&
		    tree_get(r, git_tree_entry_id(e), keep, t, d) != 0)
			rc = -1;
		git_tree_entry_free(e);
	}
	git_tree_free(root);
	return rc;
}

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
		.old_blob = o ? hex(df->a, git_tree_entry_id(o)) : NULL,
		.new_blob = nw ? hex(df->a, git_tree_entry_id(nw)) : NULL,
	};
}

/* Regular files only: symbolic links and submodules are not content. */
static bool is_file(const git_tree_entry *e)
{
	git_filemode_t m = e ? git_tree_entry_filemode(e) : 0;
	return m == GIT_FILEMODE_BLOB || m == GIT_FILEMODE_BLOB_EXECUTABLE;
}

static bool is_dir(const git_tree_entry *e)
{
	return e && git_tree_entry_type(e) == GIT_OBJECT_TREE;
}

static void diff_trees(differ *df, const git_tree *o, const git_tree *nw,
		       const char *dir);

static void diff_subtrees(differ *df, const git_tree_entry *o,
			  const git_tree_entry *nw, const char *path)
{
	git_tree *ot = NULL, *nt = NULL;
	if ((is_dir(o) && tree_get(df->r, git_tree_entry_id(o), false, &ot,
				   df->d)) ||
	    (is_dir(nw) && tree_get(df->r, git_tree_entry_id(nw), true, &nt,
				    df->d))) {
		df->rc = -1;
	} else {
		diff_trees(df, ot, nt, path);
	}
	git_tree_free(ot);
	git_tree_free(nt);
}

/* A file name from a tree: git allows control characters in it, which
 * the paths shown for plan/ files must not carry. Each becomes U+FFFD,
 * rather than nothing, so that no such name becomes a content file's. */
static void put_name(buf *out, const char *name)
{
	for (const unsigned char *s = (const unsigned char *)name; *s; s++)
		if (*s < 0x20 || *s == 0x7f)
			buf_puts(out, "\xef\xbf\xbd");
		else
			buf_putc(out, (char)*s);
}

/* One entry name present in the old tree, the new one, or both, and
 * changed (diff_trees skips the same name, mode and id). */
static void diff_entry(differ *df, const git_tree_entry *o,
		       const git_tree_entry *nw, const char *dir)
{
	buf path = BUF_INIT;
	buf_printf(&path, "%s%s", dir, *dir ? "/" : "");
	put_name(&path, git_tree_entry_name(o ? o : nw));
	if (is_file(o) || is_file(nw))
		add_change(df, path.ptr, is_file(o) ? o : NULL,
			   is_file(nw) ? nw : NULL);
	if (is_dir(o) || is_dir(nw))
		diff_subtrees(df, is_dir(o) ? o : NULL, is_dir(nw) ? nw : NULL,
			      path.ptr);
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
	int cx = lx > n ? (unsigned char)x[n] : is_dir(a) ? '/' : 0;
	int cy = ly > n ? (unsigned char)y[n] : is_dir(b) ? '/' : 0;
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
	tree_set_free(&r->last);
	r->last = r->cur;
	r->cur = (tree_set){ 0 };
	if (content_tree(r, old_id, false, &ot, d) ||
	    content_tree(r, new_id, true, &nt, d))
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

int repo_blob(repo *r, const char *blob_id, buf *out, diag *d)
{
	git_oid oid;
	git_blob *b;
	if (git_oid_fromstr(&oid, blob_id) != 0) {
		warn_git(d, r->dir, "not a file's id");
		return -1;
	}
	if (git_blob_lookup(&b, r->git, &oid) != 0) {
		warn_object(d, r, "a file's content", "blob", &oid);
		return -1;
	}
	git_object_size_t size = git_blob_rawsize(b);
	int rc = size > REPO_MAX_BLOB ? -1 : 0;
	if (rc == 0)
		buf_put(out, git_blob_rawcontent(b), (size_t)size);
	else
		diag_warn(d, r->dir, 0, 0, "history: a file of %lld bytes is "
			  "too large to be content", (long long)size);
	git_blob_free(b);
	return rc;
}

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
	rc = rc == 0 ? content_tree(r, id, false, &t, d) : -1;
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
		warn_git(d, r->dir, "cannot compare the work tree with HEAD");
		return false;
	}
	bool dirty = git_status_list_entrycount(list) > 0;
	git_status_list_free(list);
	return dirty;
}

static int cmp_tag(const void *a, const void *b)
{
	const repo_tag *x = a, *y = b;
	if (x->time != y->time)
		return x->time < y->time ? -1 : 1;
	return strcmp(x->name, y->name);
}

static int peel_tag(repo *r, const char *name, struct arena *a, repo_tag *t)
{
	buf ref = BUF_INIT;
	buf_printf(&ref, "refs/tags/%s", name);
	git_object *obj = NULL, *peeled = NULL;
	int rc = git_revparse_single(&obj, r->git, ref.ptr);
	if (rc == 0)
		rc = git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT);
	if (rc == 0) {
		const git_signature *sig = git_commit_author((git_commit *)peeled);
		*t = (repo_tag){ .name = arena_strdup(a, name),
				 .commit = hex(a, git_object_id(peeled)),
				 .time = (long long)sig->when.time,
				 .offset_min = sig->when.offset };
	}
	git_object_free(peeled);
	git_object_free(obj);
	buf_free(&ref);
	return rc;
}

int repo_tags(repo *r, const char *pattern, struct arena *a, repo_tag **out,
	      size_t *n, diag *d)
{
	*out = NULL;
	*n = 0;
	git_strarray names = { 0 };
	if (git_tag_list(&names, r->git) != 0) {
		warn_git(d, r->dir, "cannot list tags");
		return -1;
	}
	*out = xcalloc(names.count ? names.count : 1, sizeof **out);
	for (size_t i = 0; i < names.count; i++) {
		if (fnmatch(pattern, names.strings[i], 0) != 0)
			continue;
		if (peel_tag(r, names.strings[i], a, &(*out)[*n]) == 0)
			(*n)++;
		else
			warn_git(d, r->dir, "cannot read a tag");
	}
	git_strarray_dispose(&names);
	qsort(*out, *n, sizeof **out, cmp_tag);
	return 0;
}

static int write_blob(repo *r, const git_tree_entry *e, const char *path,
		      diag *d)
{
	buf data = BUF_INIT;
	char id[GIT_OID_HEXSZ + 1];
	git_oid_tostr(id, sizeof id, git_tree_entry_id(e));
	int rc = repo_blob(r, id, &data, d);
	FILE *f = rc == 0 ? fopen(path, "wb") : NULL;
	if (rc == 0 && (!f || fwrite(data.ptr, 1, data.len, f) != data.len)) {
		diag_warn(d, path, 0, 0, "history: cannot write: %s",
			  strerror(errno));
		rc = -1;
	}
	if (f && fclose(f) != 0)
		rc = -1;
	buf_free(&data);
	return rc;
}

static int write_tree(repo *r, const git_tree *t, const char *dir, diag *d)
{
	int rc = 0;
	for (size_t i = 0; i < git_tree_entrycount(t) && rc == 0; i++) {
		const git_tree_entry *e = git_tree_entry_byindex(t, i);
		buf path = BUF_INIT;
		buf_printf(&path, "%s/%s", dir, git_tree_entry_name(e));
		if (is_file(e)) {
			rc = write_blob(r, e, path.ptr, d);
		} else if (is_dir(e)) {
			git_tree *sub = NULL;
			rc = git_tree_lookup(&sub, r->git, git_tree_entry_id(e));
			if (rc == 0)
				rc = mkdir(path.ptr, 0755) == 0
					     ? write_tree(r, sub, path.ptr, d) : -1;
			git_tree_free(sub);
		}
		buf_free(&path);
	}
	return rc;
}

int repo_write_content(repo *r, const char *id, const char *dir, diag *d)
{
	git_tree *t;
	if (content_tree(r, id, false, &t, d) != 0)
		return -1;
	int rc = t ? write_tree(r, t, dir, d) : -1;
	if (rc != 0)
		diag_warn(d, dir, 0, 0, "history: cannot write the content of "
			  "commit %.7s", id);
	git_tree_free(t);
	return rc;
}

/* libgit2 reads a work tree's .mailmap, then the blob mailmap.blob names
 * and the file mailmap.file names. */
void repo_mailmap_source(repo *r, buf *out)
{
	buf path = BUF_INIT;
	buf_printf(&path, "%s.mailmap", git_repository_workdir(r->git));
	buf_read_file(out, path.ptr);
	buf_free(&path);
	git_config *cfg;
	if (git_repository_config_snapshot(&cfg, r->git) != 0)
		return;
	const char *rev;
	git_object *blob;
	if (git_config_get_string(&rev, cfg, "mailmap.blob") == 0 &&
	    git_revparse_single(&blob, r->git, rev) == 0) {
		char id[GIT_OID_HEXSZ + 1];
		git_oid_tostr(id, sizeof id, git_object_id(blob));
		buf_printf(out, "\nmailmap.blob %s\n", id);
		git_object_free(blob);
	}
	git_buf file = { 0 };
	if (git_config_get_path(&file, cfg, "mailmap.file") == 0) {
		buf_puts(out, "\nmailmap.file\n");
		buf_read_file(out, file.ptr);
	}
	git_buf_dispose(&file);
	git_config_free(cfg);
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
