#include "publish.h"
#include "publish_int.h"
#include "buf.h"
#include "dir.h"
#include "hash.h"
#include "smap.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MANIFEST_HEADER "site-gen output manifest 1\n"

volatile sig_atomic_t pub_interrupted;

/* One file of a tree: a line of the output's manifest, a file found in the
 * kept tree, or a file of this publication. */
typedef struct pub_file {
	char *rel;
	uint64_t hash, size, ino;
	int64_t mtime_s, mtime_ns;
	bool produced;          /* kept tree: this publication wrote it */
} pub_file;

typedef struct pub_files {
	pub_file *v;
	size_t n, cap;
	smap by_rel;            /* rel -> pub_file *, once the list is complete */
} pub_files;

struct pub {
	char *out, *staging, *kept, *manifest;
	diag *d;
	pthread_mutex_t lock;
	bool reused;           /* the staging folder is the kept tree */
	pub_files live;        /* the output folder, as its manifest says */
	pub_files old;         /* what the kept tree held when we took it */
	pub_files made;        /* this publication; by_rel doubles as pub_exists */
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

bool pub_is_inside(const char *path, const char *dir)
{
	buf b = BUF_INIT;
	buf_puts(&b, path);
	char *real;
	while (!(real = realpath(b.ptr, NULL)) && strcmp(b.ptr, ".") &&
	       strcmp(b.ptr, "/")) {
		char *slash = strrchr(b.ptr, '/');
		if (!slash || slash == b.ptr) {
			buf_clear(&b);
			buf_puts(&b, slash ? "/" : ".");
		} else {
			buf_truncate(&b, (size_t)(slash - b.ptr));
		}
	}
	bool hit = real && pub_would_delete(dir, real);
	free(real);
	buf_free(&b);
	return hit;
}

static pub_file *files_add(pub_files *f, const char *rel, size_t rel_len)
{
	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 256;
		f->v = xrealloc(f->v, f->cap * sizeof *f->v);
	}
	pub_file *e = &f->v[f->n++];
	*e = (pub_file){ .rel = xstrndup(rel, rel_len) };
	return e;
}

/* Index a complete list by path (entries no longer move). */
static void files_index(pub_files *f)
{
	for (size_t i = 0; i < f->n; i++)
		smap_put(&f->by_rel, f->v[i].rel, &f->v[i]);
}

static pub_file *files_get(const pub_files *f, const char *rel)
{
	return f->by_rel.cap ? smap_get(&f->by_rel, rel) : NULL;
}

static void files_free(pub_files *f)
{
	for (size_t i = 0; i < f->n; i++)
		free(f->v[i].rel);
	free(f->v);
	smap_free(&f->by_rel);
	*f = (pub_files){ 0 };
}

/* Read the output folder's manifest. Any doubt (missing, unreadable,
 * truncated) leaves the list empty: every page is then compared with the
 * published file by reading it. */
static void manifest_read(pub *p)
{
	buf b = BUF_INIT;
	if (buf_read_file(&b, p->manifest) != 0 || b.len < sizeof MANIFEST_HEADER ||
	    memcmp(b.ptr, MANIFEST_HEADER, sizeof MANIFEST_HEADER - 1) != 0) {
		buf_free(&b);
		return;
	}
	char *s = b.ptr + sizeof MANIFEST_HEADER - 1, *end = b.ptr + b.len;
	bool ok = false;
	while (s < end) {
		char *nl = memchr(s, '\n', (size_t)(end - s));
		if (!nl)
			break;
		*nl = '\0';
		unsigned long long h, size, ino, ms, mns, count;
		int at = 0;
		if (sscanf(s, "end %llu%n", &count, &at) == 1 && s[at] == '\0') {
			ok = count == p->live.n && nl + 1 == end;
			break;
		}
		if (sscanf(s, "%16llx %llu %llu %llu %llu %n", &h, &size, &ino, &ms,
			   &mns, &at) != 5 || !pub_path_ok(s + at))
			break;
		pub_file *e = files_add(&p->live, s + at, strlen(s + at));
		e->hash = h;
		e->size = size;
		e->ino = ino;
		e->mtime_s = (int64_t)ms;
		e->mtime_ns = (int64_t)mns;
		s = nl + 1;
	}
	if (ok)
		files_index(&p->live);
	else
		files_free(&p->live);
	buf_free(&b);
}

/* Write the manifest of the tree just published, under a temporary name
 * renamed into place: a manifest is there whole or not at all. Failures
 * only cost the next build its shortcut. */
static void manifest_write(const pub *p)
{
	buf b = BUF_INIT, tmp = BUF_INIT;
	buf_puts(&b, MANIFEST_HEADER);
	for (size_t i = 0; i < p->made.n; i++) {
		const pub_file *e = &p->made.v[i];
		buf_printf(&b, "%016" PRIx64 " %" PRIu64 " %" PRIu64 " %" PRId64
			   " %" PRId64 " %s\n", e->hash, e->size, e->ino, e->mtime_s,
			   e->mtime_ns, e->rel);
	}
	buf_printf(&b, "end %zu\n", p->made.n);
	buf_printf(&tmp, "%s~", p->manifest);
	buf_write_file(p->manifest, tmp.ptr, b.ptr, b.len);
	buf_free(&b);
	buf_free(&tmp);
}

/* List the regular files of the kept tree (`dir` below staging, `rel` its
 * path) with their inodes, from the folder entries alone. Anything that
 * is neither a file nor a folder is removed, and so are folders left
 * empty. Returns the number of entries left in `dir`, or -1. */
static long scan_kept(pub *p, int dir, buf *rel)
{
	DIR *ds = fdopendir(dir);
	if (!ds) {
		close(dir);
		return -1;
	}
	long left = 0;
	size_t base = rel->len;
	struct dirent *de;
	while (left >= 0 && (de = readdir(ds))) {
		const char *name = de->d_name;
		if (!strcmp(name, ".") || !strcmp(name, ".."))
			continue;
		unsigned char type = de->d_type;
		struct stat st;
		if (type == DT_UNKNOWN)
			type = fstatat(dirfd(ds), name, &st, AT_SYMLINK_NOFOLLOW) != 0 ?
			       DT_UNKNOWN : S_ISDIR(st.st_mode) ? DT_DIR :
			       S_ISREG(st.st_mode) ? DT_REG : DT_LNK;
		buf_truncate(rel, base);
		buf_printf(rel, "%s%s", base ? "/" : "", name);
		if (type == DT_REG) {
			files_add(&p->old, rel->ptr, rel->len)->ino = de->d_ino;
			left++;
		} else if (type == DT_DIR) {
			int sub = openat(dirfd(ds), name, O_RDONLY | O_DIRECTORY |
					 O_NOFOLLOW | O_CLOEXEC);
			if (sub >= 0 && fchmod(sub, PUB_DIR_MODE) != 0) {
				close(sub);
				sub = -1;
			}
			long n = sub < 0 ? -1 : scan_kept(p, sub, rel);
			if (n < 0 || (n == 0 && unlinkat(dirfd(ds), name,
							  AT_REMOVEDIR) != 0))
				left = -1;
			else if (n > 0)
				left++;
		} else if (unlinkat(dirfd(ds), name, 0) != 0) {
			left = -1;
		}
	}
	buf_truncate(rel, base);
	closedir(ds);
	return left;
}

/* Take the kept tree as the staging folder. False (with the tree
 * removed) when there is none or it cannot be listed. */
static bool take_kept(pub *p)
{
	if (rename(p->kept, p->staging) != 0)
		return false;
	buf rel = BUF_INIT;
	int dir = open(p->staging, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (dir >= 0 && fchmod(dir, PUB_DIR_MODE) != 0) {
		close(dir);
		dir = -1;
	}
	bool ok = dir >= 0 && scan_kept(p, dir, &rel) >= 0;
	buf_free(&rel);
	if (ok) {
		files_index(&p->old);
		return true;
	}
	files_free(&p->old);
	pub_remove_tree(p->staging);
	return false;
}

static void pub_free(pub *p);

char *pub_sibling(const char *out, const char *suffix)
{
	buf b = BUF_INIT;
	const char *slash = strrchr(out, '/');
	if (slash)
		buf_put(&b, out, (size_t)(slash - out + 1));
	buf_printf(&b, ".%s.%s", slash ? slash + 1 : out, suffix);
	return buf_detach(&b);
}

/* A folder of the output, with its mode whatever the umask. */
static int make_dir(const char *path)
{
	if (mkdir(path, PUB_DIR_MODE) != 0)
		return -1;
	return chmod(path, PUB_DIR_MODE);
}

char *pub_out_name(const char *out_dir)
{
	size_t n = strlen(out_dir);
	while (n > 1 && out_dir[n - 1] == '/')
		n--;
	return xstrndup(out_dir, n);
}

pub *pub_begin(const char *out_dir, diag *d)
{
	pub *p = xcalloc(1, sizeof *p);
	p->out = pub_out_name(out_dir);
	p->staging = pub_sibling(p->out, "staging");
	p->kept = pub_sibling(p->out, "prev");
	p->manifest = pub_sibling(p->out, "manifest");
	p->d = d;
	pthread_mutex_init(&p->lock, NULL);
	/* From here on a signal must not kill the run before the staging
	 * folder is removed again. */
	install_handlers(p);
	/* A staging folder left by a killed run is stale: start afresh. */
	if (pub_remove_tree(p->staging) != 0) {
		diag_error(d, p->staging, 0, 0, "cannot remove a stale staging "
			   "folder: %s", strerror(errno));
		pub_free(p);
		return NULL;
	}
	p->reused = take_kept(p);
	if (!p->reused && make_dir(p->staging) != 0) {
		diag_error(d, p->staging, 0, 0, "cannot create the staging "
			   "folder: %s", strerror(errno));
		pub_free(p);
		return NULL;
	}
	manifest_read(p);
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
	int rc = make_dir(path);
	if (rc != 0 && errno == ENOENT)
		rc = make_parents(path) == 0 ? make_dir(path) : -1;
	*s = '/';
	return rc != 0 && errno != EEXIST ? -1 : 0;
}

/* The kept tree may hold a file where this publication needs a folder,
 * or a folder where it needs a file (the site's layout changed): remove
 * what is in the way of staging/`rel`. */
static void clear_way(const pub *p, const char *rel)
{
	buf path = BUF_INIT;
	buf_printf(&path, "%s/%s", p->staging, rel);
	struct stat st;
	for (char *s = path.ptr + strlen(p->staging) + 1; (s = strchr(s, '/'));
	     *s++ = '/') {
		*s = '\0';
		if (lstat(path.ptr, &st) == 0 && !S_ISDIR(st.st_mode))
			unlink(path.ptr);
	}
	if (lstat(path.ptr, &st) == 0 && S_ISDIR(st.st_mode))
		pub_remove_tree(path.ptr);
	buf_free(&path);
}

/* Does the previous output hold exactly these bytes at `rel`? For files
 * its manifest does not vouch for. */
static bool same_as_old(const char *path, const struct stat *st,
			const void *data, size_t len)
{
	buf old = BUF_INIT;
	bool same = S_ISREG(st->st_mode) && (size_t)st->st_size == len &&
		    buf_read_file(&old, path) == 0 && old.len == len &&
		    memcmp(old.ptr ? old.ptr : "", data, len) == 0;
	buf_free(&old);
	return same;
}

/* Write a new file; `st` gets its inode and mtime. A file already at
 * `path` (a leftover, or a duplicate output path) is replaced, never
 * written into: it may share its inode with the published output. */
static int write_new(const char *path, const void *data, size_t len,
		     struct stat *st)
{
	int flags = O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC;
	int fd = open(path, flags, PUB_FILE_MODE);
	if (fd < 0 && errno == EEXIST && unlink(path) == 0)
		fd = open(path, flags, PUB_FILE_MODE);
	if (fd < 0)
		return -1;
	if (fchmod(fd, PUB_FILE_MODE) != 0) {     /* whatever the umask */
		close(fd);
		return -1;
	}
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
	if (fstat(fd, st) != 0) {
		close(fd);
		return -1;
	}
	return close(fd);
}

/* Put a file at staging/`rel`: a hard link to the published file when
 * `same` (it keeps its inode and mtime), else new bytes. When the kept
 * tree holds a file there, the new one is made under a temporary name
 * ('~' is never in an output path) and renamed over it: that file may
 * share its inode with the output, so it is never written into. */
static int put_file(pub *p, const char *rel, const char *src, bool same,
		    const pub_file *kept, const void *data, size_t len,
		    struct stat *st)
{
	buf dst = BUF_INIT, tmp = BUF_INIT;
	buf_printf(&dst, "%s/%s", p->staging, rel);
	buf_printf(&tmp, "%s%s", dst.ptr, kept ? "~" : "");
	int rc = make_parents(dst.ptr);
	if (rc == 0 && same) {
		rc = link(src, tmp.ptr);
		if (rc != 0 && errno == EEXIST && unlink(tmp.ptr) == 0)
			rc = link(src, tmp.ptr);
	}
	else if (rc == 0)
		rc = write_new(tmp.ptr, data, len, st);
	if (rc == 0 && kept)
		rc = rename(tmp.ptr, dst.ptr);
	if (rc != 0 && kept)
		unlink(tmp.ptr);
	buf_free(&dst);
	buf_free(&tmp);
	return rc;
}

static int place_file(pub *p, const char *rel, const void *data, size_t len,
		      pub_file *e, bool *same)
{
	buf src = BUF_INIT;
	buf_printf(&src, "%s/%s", p->out, rel);
	/* With the size beside it, the hash tells a page from its published
	 * version without reading that file. */
	e->hash = hash_bytes(data, len);
	e->size = len;
	const pub_file *lf = files_get(&p->live, rel);
	struct stat st;
	/* A file of another mode (an older umask) is written anew. */
	bool there = lstat(src.ptr, &st) == 0 &&
		     (st.st_mode & 07777) == PUB_FILE_MODE;
	/* The manifest vouches for a published file that is still the one it
	 * describes: same inode, size and mtime. */
	if (there && lf && lf->ino == (uint64_t)st.st_ino &&
	    lf->size == (uint64_t)st.st_size && S_ISREG(st.st_mode) &&
	    lf->mtime_s == (int64_t)st.st_mtim.tv_sec &&
	    lf->mtime_ns == (int64_t)st.st_mtim.tv_nsec)
		*same = lf->size == len && lf->hash == e->hash;
	else
		*same = there && same_as_old(src.ptr, &st, data, len);
	pub_file *kept = p->reused ? files_get(&p->old, rel) : NULL;
	if (kept)
		kept->produced = true;
	int rc = 0;
	/* Already the same file in the kept tree: nothing to do. */
	if (!(*same && kept && kept->ino == (uint64_t)st.st_ino)) {
		rc = put_file(p, rel, src.ptr, *same, kept, data, len, &st);
		if (rc != 0 && p->reused && (errno == ENOTDIR || errno == EISDIR)) {
			clear_way(p, rel);
			rc = put_file(p, rel, src.ptr, *same, kept, data, len, &st);
		}
	}
	e->ino = (uint64_t)st.st_ino;
	e->mtime_s = (int64_t)st.st_mtim.tv_sec;
	e->mtime_ns = (int64_t)st.st_mtim.tv_nsec;
	buf_free(&src);
	return rc;
}

static bool remember(pub *p, const char *rel, const pub_file *e, bool same)
{
	pthread_mutex_lock(&p->lock);
	bool dup = smap_get(&p->made.by_rel, rel) != NULL;
	if (!dup) {
		pub_file *n = files_add(&p->made, rel, strlen(rel));
		char *key = n->rel;
		*n = *e;
		n->rel = key;
		/* Entries move as the list grows: the map holds the key only. */
		smap_put(&p->made.by_rel, key, key);
		*(same ? &p->stats.unchanged : &p->stats.written) += 1;
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
	pub_file e = { 0 };
	bool same = false;
	if (place_file(p, rel, data, len, &e, &same) != 0) {
		diag_error(p->d, p->out, 0, 0, "cannot write %s: %s", rel,
			   strerror(errno));
		p->failed = true;
		return -1;
	}
	if (!remember(p, rel, &e, same)) {
		diag_error(p->d, rel, 0, 0, "output file written twice (two "
			   "records map to the same path)");
		p->failed = true;
		return -1;
	}
	return 0;
}

typedef struct copy_walk {
	pub *p;
	const char *dest;
	pub_copied_fn copied;
	void *ctx;
} copy_walk;

/* Stops the walk after a problem that has been reported already. */
#define COPY_FAILED 2

static int copy_file(void *walk, const char *path, const char *rel,
		     const struct stat *st)
{
	copy_walk *w = walk;
	if (!S_ISREG(st->st_mode))
		return 0;
	buf dst = BUF_INIT, data = BUF_INIT;
	buf_printf(&dst, "%s/%s", w->dest, rel);
	int rc = COPY_FAILED;
	if (buf_read_file(&data, path) != 0)
		diag_error(w->p->d, path, 0, 0, "cannot read: %s",
			   strerror(errno));
	else if (pub_write(w->p, dst.ptr, buf_cstr(&data), data.len) == 0)
		rc = 0;
	if (rc == 0 && w->copied)
		w->copied(w->ctx, dst.ptr);
	buf_free(&dst);
	buf_free(&data);
	return rc;
}

int pub_copy_tree(pub *p, const char *dir, const char *dest,
		  pub_copied_fn copied, void *ctx)
{
	copy_walk w = { p, dest, copied, ctx };
	int rc = dir_walk(dir, copy_file, &w);
	if (rc < 0)
		diag_error(p->d, dir, 0, 0, "cannot read the folder: %s",
			   strerror(errno));
	return rc ? -1 : 0;
}

bool pub_exists(pub *p, const char *rel)
{
	pthread_mutex_lock(&p->lock);
	bool found = smap_get(&p->made.by_rel, rel) != NULL;
	pthread_mutex_unlock(&p->lock);
	return found;
}

static void pub_free(pub *p)
{
	restore_handlers(p);
	files_free(&p->live);
	files_free(&p->old);
	files_free(&p->made);
	pthread_mutex_destroy(&p->lock);
	free(p->out);
	free(p->staging);
	free(p->kept);
	free(p->manifest);
	free(p);
}

void pub_abort(pub *p)
{
	/* A kept tree goes back to where it was (whatever this run changed in
	 * it, its files are listed afresh next time); a new one is removed. */
	if (!p->reused || rename(p->staging, p->kept) != 0)
		pub_remove_tree(p->staging);
	if (pub_interrupted)
		diag_error(p->d, p->out, 0, 0, "interrupted by a signal: nothing "
			   "was published, the previous output is unchanged");
	pub_free(p);
}

/* Remove from the kept tree the files this publication did not produce,
 * and the folders that leaves empty. */
static int prune_kept(pub *p)
{
	buf path = BUF_INIT;
	int rc = 0;
	for (size_t i = 0; i < p->old.n && rc == 0; i++) {
		if (p->old.v[i].produced)
			continue;
		buf_clear(&path);
		buf_printf(&path, "%s/%s", p->staging, p->old.v[i].rel);
		if (unlink(path.ptr) != 0 && errno != ENOENT)
			rc = -1;
		for (char *s; rc == 0 && (s = strrchr(path.ptr, '/')) &&
			      (size_t)(s - path.ptr) > strlen(p->staging);) {
			*s = '\0';
			if (rmdir(path.ptr) != 0)
				break;
		}
	}
	buf_free(&path);
	return rc;
}

/* Exchange staging and output in one step. The old output is kept as the
 * next build's staging folder, and the manifest follows the new output:
 * it is removed before the exchange and written after it, so it never
 * describes another tree than the output folder. */
static int swap_in(pub *p)
{
	struct stat st;
	if (p->reused && prune_kept(p) != 0)
		return -1;
	if (pub_interrupted) {
		errno = EINTR;
		return -1;
	}
	if (unlink(p->manifest) != 0 && errno != ENOENT)
		return -1;
	if (lstat(p->out, &st) != 0) {
		if (rename(p->staging, p->out) != 0)
			return -1;
	} else if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		return -1;
	} else if (renameat2(AT_FDCWD, p->staging, AT_FDCWD, p->out,
			     RENAME_EXCHANGE) != 0) {
		return -1;
	} else if (rename(p->staging, p->kept) != 0) {
		pub_remove_tree(p->staging);
	}
	manifest_write(p);
	return 0;
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
