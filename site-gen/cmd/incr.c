#include "incr.h"
#include "buf.h"
#include "hash.h"
#include "repo.h"

#include <dirent.h>
#include <pthread.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MANIFEST_HEADER "site-gen build manifest 2\n"

struct incr {
	char *manifest, *tmp;     /* the file, and its name while written */
	char *list, *list_tmp;    /* the output's paths, as last walked */
	char *out;
	uint64_t inputs;
	bool have_old;            /* the manifest was read */
	uint64_t old_inputs, old_output;
	size_t old_files;
	/* The output folder is hashed on a thread of its own while the
	 * inputs are: both are mostly the kernel's work (40,000 page
	 * folders at scale), which two cores do in half the time. */
	pthread_t out_thread;
	bool out_started;
	uint64_t output;
};

/* A folder tree as the sum of one hash per entry (path, type, size,
 * mtime, inode): the order in which readdir lists entries does not
 * matter, any edit, addition or removal does. */
typedef struct tree_sig {
	uint64_t sum;
	size_t entries;
	bool dir_times;          /* count folders' times too (see below) */
	buf *list;               /* if set, every path walked, a line each */
} tree_sig;

/* Add one entry: its path and what stat says of it. A folder's own times
 * are left out of an input tree (its entries are walked; the times change
 * when something is made and removed again, which changes nothing), and
 * kept for the output, which is checked from a list of its paths: there a
 * folder's time is what shows an entry added to it. */
static void add_entry(tree_sig *t, const char *rel, size_t len,
		      const struct stat *st)
{
	bool times = t->dir_times || !S_ISDIR(st->st_mode);
	uint64_t rec[5] = { (uint64_t)st->st_mode,
			    times ? (uint64_t)st->st_size : 0,
			    times ? (uint64_t)st->st_mtim.tv_sec : 0,
			    times ? (uint64_t)st->st_mtim.tv_nsec : 0,
			    times ? (uint64_t)st->st_ino : 0 };
	uint64_t h = hash_fnv1a(hash_fnv1a(HASH_FNV_START, rel, len + 1), rec,
				sizeof rec);
	/* One more multiply-xorshift round: FNV's low bits mix weakly, and a
	 * sum adds them up. */
	h ^= h >> 29;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 32;
	t->sum += h;
	t->entries++;
	if (t->list) {
		buf_put(t->list, rel, len);
		buf_putc(t->list, '\n');
	}
}

static void walk(int dirfd, buf *rel, tree_sig *t);

/* One entry of the folder `dirfd`; an input folder is known from
 * readdir's type without a stat. */
static void visit(int dirfd, const char *name, unsigned char type, buf *rel,
		  tree_sig *t)
{
	struct stat st = { .st_mode = S_IFDIR };
	if ((type != DT_DIR || t->dir_times) &&
	    fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
		t->sum += 1;
		return;
	}
	add_entry(t, rel->ptr, rel->len, &st);
	int sub;
	if (S_ISDIR(st.st_mode) && type != DT_LNK &&
	    (sub = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC |
			  O_NOFOLLOW)) >= 0)
		walk(sub, rel, t);
}

/* getdents64 rather than readdir: no DIR per folder (fdopendir costs two
 * fcntl calls and an allocation each). */
static void walk(int dirfd, buf *rel, tree_sig *t)
{
	char block[32768];
	size_t base = rel->len;
	ssize_t n;
	while ((n = getdents64(dirfd, block, sizeof block)) > 0)
		for (ssize_t at = 0; at < n;) {
			const struct dirent64 *e = (const void *)(block + at);
			at += e->d_reclen;
			if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..") ||
			    !strcmp(e->d_name, ".git"))
				continue;
			buf_truncate(rel, base);
			buf_printf(rel, "%s%s", base ? "/" : "", e->d_name);
			visit(dirfd, e->d_name, e->d_type, rel, t);
		}
	if (n < 0)
		t->sum += 1;       /* unreadable: never equal to a readable tree */
	buf_truncate(rel, base);
	close(dirfd);
}

static uint64_t sig_hash(uint64_t h, const char *dir, const tree_sig *t,
			 bool opened)
{
	uint64_t rec[3] = { t->sum, t->entries, opened };
	return hash_fnv1a(hash_fnv1a(h, dir, strlen(dir) + 1), rec, sizeof rec);
}

/* The signature of the folder tree `dir`; with `list`, of the output
 * tree, whose paths are appended to `list`. */
static uint64_t tree_hash(uint64_t h, const char *dir, buf *list)
{
	tree_sig t = { .dir_times = list != NULL, .list = list };
	buf rel = BUF_INIT;
	buf_puts(&rel, "");
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	struct stat st;
	/* The output's own folder as ".": its time shows a file added at
	 * the top. */
	if (fd >= 0 && list && fstatat(fd, ".", &st, 0) == 0)
		add_entry(&t, ".", 1, &st);
	if (fd >= 0)
		walk(fd, &rel, &t);
	buf_free(&rel);
	return sig_hash(h, dir, &t, fd >= 0);
}

/* The output tree's signature from the paths the last walk listed, with a
 * stat of each and no folder listing (40,000 page folders at scale): the
 * same value as tree_hash unless something changed. Any entry added to
 * a folder changes the folder's time, and any one removed fails its stat. */
static uint64_t listed_hash(const char *dir, const buf *list)
{
	tree_sig t = { .dir_times = true };
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	for (size_t at = 0; fd >= 0 && at < list->len;) {
		const char *line = list->ptr + at, *nl = memchr(line, '\n',
							      list->len - at);
		size_t len = nl ? (size_t)(nl - line) : list->len - at;
		char path[PATH_MAX];
		struct stat st;
		at += len + 1;
		if (len >= sizeof path) {
			t.sum += 1;
			continue;
		}
		memcpy(path, line, len);
		path[len] = '\0';
		if (fstatat(fd, path, &st, AT_SYMLINK_NOFOLLOW) == 0)
			add_entry(&t, path, len, &st);
		else
			t.sum += 1;
	}
	if (fd >= 0)
		close(fd);
	return sig_hash(HASH_FNV_START, dir, &t, fd >= 0);
}

static uint64_t str_hash(uint64_t h, const char *s)
{
	/* NULL and "" differ: a missing option is not an empty one. */
	return s ? hash_fnv1a(h, s, strlen(s) + 1) : hash_fnv1a(h, "\xff", 1);
}

static uint64_t stat_hash(uint64_t h, const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return hash_fnv1a(h, "?", 1);
	uint64_t rec[4] = { (uint64_t)st.st_size, (uint64_t)st.st_mtim.tv_sec,
			    (uint64_t)st.st_mtim.tv_nsec, (uint64_t)st.st_ino };
	return hash_fnv1a(h, rec, sizeof rec);
}

static uint64_t git_hash(uint64_t h, const char *content)
{
	diag *scratch = diag_new();   /* hist_load reports the same problems */
	bool missing;
	repo *r = repo_open(content, scratch, &missing);
	buf state = BUF_INIT;
	if (r)
		repo_state(r, &state);
	else
		buf_puts(&state, missing ? "no repository" : "unreadable");
	h = hash_fnv1a(h, state.ptr, state.len);
	buf_free(&state);
	repo_free(r);
	diag_free(scratch);
	return h;
}

static void read_manifest(incr *in)
{
	buf b = BUF_INIT;
	unsigned long long inputs, output;
	size_t files;
	if (buf_read_file(&b, in->manifest) == 0 &&
	    !strncmp(buf_cstr(&b), MANIFEST_HEADER, strlen(MANIFEST_HEADER)) &&
	    sscanf(buf_cstr(&b) + strlen(MANIFEST_HEADER), "%llx %llx %zu",
		   &inputs, &output, &files) == 3) {
		in->have_old = true;
		in->old_inputs = inputs;
		in->old_output = output;
		in->old_files = files;
	}
	buf_free(&b);
}

static void *hash_output(void *arg)
{
	incr *in = arg;
	buf list = BUF_INIT;
	in->output = buf_read_file(&list, in->list) == 0
			     ? listed_hash(in->out, &list) : 0;
	buf_free(&list);
	return NULL;
}

incr *incr_begin(const build_opts *o)
{
	if (!o->cache_dir)
		return NULL;
	incr *in = xcalloc(1, sizeof *in);
	buf b = BUF_INIT;
	buf_printf(&b, "%s/build-manifest", o->cache_dir);
	in->manifest = buf_detach(&b);
	buf_printf(&b, "%s/.build-manifest.tmp", o->cache_dir);
	in->tmp = buf_detach(&b);
	buf_printf(&b, "%s/output-paths", o->cache_dir);
	in->list = buf_detach(&b);
	buf_printf(&b, "%s/.output-paths.tmp", o->cache_dir);
	in->list_tmp = buf_detach(&b);
	in->out = xstrdup(o->out_dir);
	read_manifest(in);
	in->out_started = in->have_old &&
		pthread_create(&in->out_thread, NULL, hash_output, in) == 0;

	char cwd[4096];
	uint64_t h = str_hash(HASH_FNV_START, SG_VERSION);
	h = stat_hash(h, "/proc/self/exe");
	h = str_hash(h, getcwd(cwd, sizeof cwd));
	const char *opts[] = { o->content_dir, o->theme_dir, o->out_dir,
			       o->layouts_dir, o->banner, o->date };
	for (size_t i = 0; i < sizeof opts / sizeof *opts; i++)
		h = str_hash(h, opts[i]);
	h = git_hash(h, o->content_dir);
	h = tree_hash(h, o->content_dir, NULL);
	h = tree_hash(h, o->theme_dir, NULL);
	if (o->layouts_dir)
		h = tree_hash(h, o->layouts_dir, NULL);
	in->inputs = h;
	return in;
}

static uint64_t output_hash(incr *in)
{
	if (!in->out_started)
		hash_output(in);
	else
		pthread_join(in->out_thread, NULL);
	in->out_started = false;
	return in->output;
}

bool incr_unchanged(incr *in, size_t *files)
{
	if (!in || !in->have_old || in->old_inputs != in->inputs ||
	    in->old_output != output_hash(in))
		return false;
	*files = in->old_files;
	return true;
}

void incr_record(incr *in, size_t files)
{
	if (!in)
		return;
	buf text = BUF_INIT, list = BUF_INIT;
	uint64_t output = tree_hash(HASH_FNV_START, in->out, &list);
	buf_printf(&text, MANIFEST_HEADER "%016" PRIx64 " %016" PRIx64 " %zu\n",
		   in->inputs, output, files);
	char *slash = strrchr(in->tmp, '/');
	*slash = '\0';
	bool dir = mkdir(in->tmp, 0755) == 0 || errno == EEXIST;
	*slash = '/';
	/* The list first: a manifest is only ever read with its own list. */
	unlink(in->manifest);
	if (dir && buf_write_file(in->list, in->list_tmp, list.ptr, list.len) == 0)
		buf_write_file(in->manifest, in->tmp, text.ptr, text.len);
	buf_free(&text);
	buf_free(&list);
}

void incr_free(incr *in)
{
	if (!in)
		return;
	if (in->out_started)
		pthread_join(in->out_thread, NULL);
	free(in->manifest);
	free(in->tmp);
	free(in->list);
	free(in->list_tmp);
	free(in->out);
	free(in);
}
