#include "incr.h"
#include "buf.h"
#include "hash.h"
#include "repo.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MANIFEST_HEADER "site-gen build manifest 1\n"

struct incr {
	char *manifest, *tmp;     /* the file, and its name while written */
	char *content, *out;
	char *extra;              /* site.yaml's layouts folder, as last recorded */
	uint64_t inputs;
	bool have_old;            /* the manifest was read */
	uint64_t old_inputs, old_output;
	size_t old_files;
};

/* A folder tree as the sum of one hash per entry (path, type, size,
 * mtime, inode): the order in which readdir lists entries does not
 * matter, any edit, addition or removal does. */
typedef struct tree_sig {
	uint64_t sum;
	size_t entries;
} tree_sig;

static void walk(int dirfd, buf *rel, tree_sig *t)
{
	DIR *dh = fdopendir(dirfd);
	if (!dh) {
		close(dirfd);
		t->sum += 1;       /* unreadable: never equal to a readable tree */
		return;
	}
	size_t base = rel->len;
	for (struct dirent *e; (e = readdir(dh));) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..") ||
		    !strcmp(e->d_name, ".git"))
			continue;
		struct stat st;
		buf_truncate(rel, base);
		buf_printf(rel, "/%s", e->d_name);
		if (fstatat(dirfd, e->d_name, &st, 0) != 0) {
			t->sum += 1;
			continue;
		}
		uint64_t rec[5] = { (uint64_t)st.st_mode, (uint64_t)st.st_size,
				    (uint64_t)st.st_mtim.tv_sec,
				    (uint64_t)st.st_mtim.tv_nsec, (uint64_t)st.st_ino };
		uint64_t h = hash_fnv1a(hash_fnv1a(HASH_FNV_START, rel->ptr, rel->len + 1), rec,
				 sizeof rec);
		/* One more multiply-xorshift round: FNV's low bits mix weakly,
		 * and a sum adds them up. */
		h ^= h >> 29;
		h *= 0xbf58476d1ce4e5b9ULL;
		h ^= h >> 32;
		t->sum += h;
		t->entries++;
		int sub;
		if (S_ISDIR(st.st_mode) && e->d_type != DT_LNK &&
		    (sub = openat(dirfd, e->d_name, O_RDONLY | O_DIRECTORY |
				  O_CLOEXEC | O_NOFOLLOW)) >= 0)
			walk(sub, rel, t);
	}
	buf_truncate(rel, base);
	closedir(dh);
}

static uint64_t tree_hash(uint64_t h, const char *dir)
{
	tree_sig t = { 0, 0 };
	buf rel = BUF_INIT;
	buf_puts(&rel, "");
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0)
		walk(fd, &rel, &t);
	buf_free(&rel);
	uint64_t rec[3] = { t.sum, t.entries, fd >= 0 };
	return hash_fnv1a(hash_fnv1a(h, dir, strlen(dir) + 1), rec, sizeof rec);
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
	char extra[4096];
	unsigned long long inputs, output;
	size_t files;
	if (buf_read_file(&b, in->manifest) == 0 &&
	    !strncmp(buf_cstr(&b), MANIFEST_HEADER, strlen(MANIFEST_HEADER)) &&
	    sscanf(buf_cstr(&b) + strlen(MANIFEST_HEADER),
		   "%llx %llx %zu\nlayouts=%4095[^\n]", &inputs, &output, &files,
		   extra) >= 3) {
		in->have_old = true;
		in->old_inputs = inputs;
		in->old_output = output;
		in->old_files = files;
		/* %[ matches nothing for an empty layouts line. */
		const char *eq = strstr(buf_cstr(&b), "layouts=");
		in->extra = xstrdup(eq && eq[8] != '\n' ? extra : "");
	}
	buf_free(&b);
	if (!in->extra)
		in->extra = xstrdup("");
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
	in->content = xstrdup(o->content_dir);
	in->out = xstrdup(o->out_dir);
	read_manifest(in);

	char cwd[4096];
	uint64_t h = str_hash(HASH_FNV_START, SG_VERSION);
	h = stat_hash(h, "/proc/self/exe");
	h = str_hash(h, getcwd(cwd, sizeof cwd));
	const char *opts[] = { o->content_dir, o->theme_dir, o->out_dir,
			       o->layouts_dir, o->banner, in->extra };
	for (size_t i = 0; i < sizeof opts / sizeof *opts; i++)
		h = str_hash(h, opts[i]);
	h = git_hash(h, o->content_dir);
	h = tree_hash(h, o->content_dir);
	h = tree_hash(h, o->theme_dir);
	if (o->layouts_dir)
		h = tree_hash(h, o->layouts_dir);
	if (*in->extra)
		h = tree_hash(h, in->extra);
	in->inputs = h;
	return in;
}

bool incr_unchanged(const incr *in, size_t *files)
{
	if (!in || !in->have_old || in->old_inputs != in->inputs ||
	    in->old_output != tree_hash(HASH_FNV_START, in->out))
		return false;
	*files = in->old_files;
	return true;
}

void incr_record(incr *in, const char *layouts, size_t files)
{
	if (!in)
		return;
	buf extra = BUF_INIT, text = BUF_INIT;
	if (layouts && *layouts && *layouts != '/')
		buf_printf(&extra, "%s/%s", in->content, layouts);
	else
		buf_puts(&extra, layouts ? layouts : "");
	/* The signature covered the layouts folder of the last manifest; if
	 * site.yaml now names another, the inputs are not known: record the
	 * folder for the next build, which will then record the rest. */
	uint64_t inputs = strcmp(buf_cstr(&extra), in->extra) ? 0 : in->inputs;
	buf_printf(&text, MANIFEST_HEADER "%016" PRIx64 " %016" PRIx64 " %zu\n"
		   "layouts=%s\n", inputs, tree_hash(HASH_FNV_START, in->out), files,
		   buf_cstr(&extra));
	char *slash = strrchr(in->tmp, '/');
	*slash = '\0';
	int made = mkdir(in->tmp, 0755);
	*slash = '/';
	FILE *f = (made == 0 || errno == EEXIST) ? fopen(in->tmp, "w") : NULL;
	if (f) {
		bool ok = fwrite(text.ptr, 1, text.len, f) == text.len;
		if (fclose(f) == 0 && ok)
			rename(in->tmp, in->manifest);
		else
			unlink(in->tmp);
	}
	buf_free(&extra);
	buf_free(&text);
}

void incr_free(incr *in)
{
	if (!in)
		return;
	free(in->manifest);
	free(in->tmp);
	free(in->content);
	free(in->out);
	free(in->extra);
	free(in);
}
