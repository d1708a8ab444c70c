#include "publish.h"
#include "buf.h"
#include "smap.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

volatile sig_atomic_t pub_interrupted;

struct pub {
	char *out, *staging;
	diag *d;
	pthread_mutex_t lock;
	smap written;          /* relpath -> non-NULL, for pub_exists */
	char **names;          /* owned keys of `written` */
	size_t n_names;
	pub_stats stats;
	bool failed;
	struct sigaction old_int, old_term, old_xfsz;
};

static void on_signal(int sig)
{
	(void)sig;
	pub_interrupted = 1;
}

static void install_handlers(pub *p)
{
	struct sigaction sa = { 0 };
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &p->old_int);
	sigaction(SIGTERM, &sa, &p->old_term);
	/* Past a file size limit (ulimit -f), write() fails with EFBIG and
	 * is reported and cleaned up like a full disk, instead of SIGXFSZ
	 * killing the process with the staging folder left behind. */
	sa.sa_handler = SIG_IGN;
	sigaction(SIGXFSZ, &sa, &p->old_xfsz);
}

static void restore_handlers(pub *p)
{
	sigaction(SIGINT, &p->old_int, NULL);
	sigaction(SIGTERM, &p->old_term, NULL);
	sigaction(SIGXFSZ, &p->old_xfsz, NULL);
}

static int rm_entry(const char *path, const struct stat *st, int flag,
		    struct FTW *ftw)
{
	(void)st; (void)flag; (void)ftw;
	return remove(path);
}

int pub_remove_tree(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return errno == ENOENT ? 0 : -1;
	return nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

bool pub_path_ok(const char *rel)
{
	if (!*rel || *rel == '/')
		return false;
	for (const char *c = rel; *c; c++) {
		bool ok = (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
			  (*c >= '0' && *c <= '9') || strchr("._-/", *c);
		if (!ok)
			return false;
	}
	for (const char *seg = rel; seg;) {
		const char *end = strchr(seg, '/');
		size_t n = end ? (size_t)(end - seg) : strlen(seg);
		if (n == 0 || (n == 1 && seg[0] == '.') ||
		    (n == 2 && seg[0] == '.' && seg[1] == '.'))
			return false;
		seg = end ? end + 1 : NULL;
	}
	return true;
}

bool pub_would_delete(const char *out_dir, const char *path)
{
	char *out = realpath(out_dir, NULL), *in = realpath(path, NULL);
	size_t n = out ? strlen(out) : 0;
	bool hit = out && in && strncmp(in, out, n) == 0 &&
		   (in[n] == '\0' || in[n] == '/' || n == 1);
	free(out);
	free(in);
	return hit;
}

static void pub_free(pub *p);

static char *sibling(const char *out, const char *suffix)
{
	buf b = BUF_INIT;
	const char *slash = strrchr(out, '/');
	if (slash)
		buf_put(&b, out, (size_t)(slash - out + 1));
	buf_printf(&b, ".%s.%s", slash ? slash + 1 : out, suffix);
	return buf_detach(&b);
}

pub *pub_begin(const char *out_dir, diag *d)
{
	pub *p = xcalloc(1, sizeof *p);
	size_t n = strlen(out_dir);
	while (n > 1 && out_dir[n - 1] == '/')
		n--;
	p->out = xstrndup(out_dir, n);
	p->staging = sibling(p->out, "staging");
	p->d = d;
	pthread_mutex_init(&p->lock, NULL);
	/* From here on a signal must not kill the run before the staging
	 * folder is removed again. */
	install_handlers(p);
	/* A staging folder left by a killed run is stale: start afresh. */
	if (pub_remove_tree(p->staging) != 0 || mkdir(p->staging, 0755) != 0) {
		diag_error(d, p->staging, 0, 0, "cannot create the staging "
			   "folder: %s", strerror(errno));
		pub_free(p);
		return NULL;
	}
	return p;
}

/* Create the folders above `path`, deepest first: the parent of most files
 * already exists (the page beside it made it), and one mkdir answering
 * EEXIST is then all it costs, instead of one per path component. */
static int make_parents(char *path)
{
	char *s = strrchr(path, '/');
	if (!s || s == path)
		return 0;
	*s = '\0';
	int rc = mkdir(path, 0755);
	if (rc != 0 && errno == ENOENT)
		rc = make_parents(path) == 0 ? mkdir(path, 0755) : -1;
	*s = '/';
	return rc != 0 && errno != EEXIST ? -1 : 0;
}

/* Does the previous output hold exactly these bytes at `rel`? */
static bool same_as_old(const pub *p, const char *rel, const void *data,
			size_t len)
{
	buf path = BUF_INIT, old = BUF_INIT;
	buf_printf(&path, "%s/%s", p->out, rel);
	struct stat st;
	bool same = stat(buf_cstr(&path), &st) == 0 && S_ISREG(st.st_mode) &&
		    (size_t)st.st_size == len &&
		    buf_read_file(&old, buf_cstr(&path)) == 0 &&
		    old.len == len && memcmp(old.ptr ? old.ptr : "", data, len) == 0;
	buf_free(&old);
	buf_free(&path);
	return same;
}

static int write_all(const char *path, const void *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return -1;
	const char *s = data;
	while (len) {
		ssize_t n = write(fd, s, len);
		if (n < 0) {
			if (errno == EINTR && !pub_interrupted)
				continue;
			close(fd);
			return -1;
		}
		s += n;
		len -= (size_t)n;
	}
	return close(fd);
}

static int place_file(pub *p, const char *rel, const void *data, size_t len,
		      bool *linked)
{
	buf dst = BUF_INIT, src = BUF_INIT;
	buf_printf(&dst, "%s/%s", p->staging, rel);
	buf_printf(&src, "%s/%s", p->out, rel);
	int rc = make_parents(dst.ptr);
	*linked = rc == 0 && same_as_old(p, rel, data, len) &&
		  link(buf_cstr(&src), buf_cstr(&dst)) == 0;
	if (rc == 0 && !*linked)
		rc = write_all(buf_cstr(&dst), data, len);
	buf_free(&dst);
	buf_free(&src);
	return rc;
}

static bool remember(pub *p, const char *rel, size_t len, bool linked)
{
	pthread_mutex_lock(&p->lock);
	bool dup = smap_get(&p->written, rel) != NULL;
	if (!dup) {
		p->names = xrealloc(p->names, (p->n_names + 1) * sizeof *p->names);
		char *key = p->names[p->n_names++] = xstrdup(rel);
		smap_put(&p->written, key, key);
		p->stats.bytes += len;
		*(linked ? &p->stats.unchanged : &p->stats.written) += 1;
	}
	pthread_mutex_unlock(&p->lock);
	return !dup;
}

int pub_write(pub *p, const char *rel, const void *data, size_t len)
{
	if (pub_interrupted) {
		p->failed = true;
		return -1;
	}
	if (!pub_path_ok(rel)) {
		diag_error(p->d, rel, 0, 0, "refusing to write an unsafe output "
			   "path");
		p->failed = true;
		return -1;
	}
	bool linked = false;
	if (place_file(p, rel, data, len, &linked) != 0) {
		diag_error(p->d, p->out, 0, 0, "cannot write %s: %s", rel,
			   strerror(errno));
		p->failed = true;
		return -1;
	}
	if (!remember(p, rel, len, linked)) {
		diag_error(p->d, rel, 0, 0, "output file written twice (two "
			   "records map to the same path)");
		p->failed = true;
		return -1;
	}
	return 0;
}

bool pub_exists(pub *p, const char *rel)
{
	pthread_mutex_lock(&p->lock);
	bool found = smap_get(&p->written, rel) != NULL;
	pthread_mutex_unlock(&p->lock);
	return found;
}

static void pub_free(pub *p)
{
	restore_handlers(p);
	for (size_t i = 0; i < p->n_names; i++)
		free(p->names[i]);
	free(p->names);
	smap_free(&p->written);
	pthread_mutex_destroy(&p->lock);
	free(p->out);
	free(p->staging);
	free(p);
}

void pub_abort(pub *p)
{
	pub_remove_tree(p->staging);
	if (pub_interrupted)
		diag_error(p->d, p->out, 0, 0, "interrupted by a signal: nothing "
			   "was published, the previous output is unchanged");
	pub_free(p);
}

/* Exchange staging and output in one step; the old tree ends up in the
 * staging path and is removed. */
static int swap_in(pub *p)
{
	struct stat st;
	if (lstat(p->out, &st) != 0)
		return rename(p->staging, p->out);
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		return -1;
	}
	if (renameat2(AT_FDCWD, p->staging, AT_FDCWD, p->out,
		      RENAME_EXCHANGE) != 0)
		return -1;
	return pub_remove_tree(p->staging);
}

int pub_commit(pub *p, pub_stats *stats)
{
	if (p->failed || pub_interrupted) {
		pub_abort(p);
		return -1;
	}
	if (swap_in(p) != 0) {
		diag_error(p->d, p->out, 0, 0, "cannot replace the output folder: "
			   "%s", strerror(errno));
		pub_abort(p);
		return -1;
	}
	if (stats)
		*stats = p->stats;
	pub_free(p);
	return 0;
}
