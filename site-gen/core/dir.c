#include "dir.h"
#include "buf.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char **dir_list(const char *path, size_t *n)
{
	*n = 0;
	DIR *dp = opendir(path);
	if (!dp)
		return NULL;
	size_t cap = 16;
	char **names = xmalloc(cap * sizeof *names);
	for (struct dirent *e; (e = readdir(dp));) {
		if (e->d_name[0] == '.')
			continue;
		if (*n == cap)
			names = xrealloc(names, (cap *= 2) * sizeof *names);
		names[(*n)++] = xstrdup(e->d_name);
	}
	closedir(dp);
	qsort(names, *n, sizeof *names, cmp_name);
	return names;
}

void dir_list_free(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

static int walk(const char *root, const char *rel, int depth,
		dir_visit_fn visit, void *ctx)
{
	buf dir = BUF_INIT;
	buf_printf(&dir, "%s%s%s", root, *rel ? "/" : "", rel);
	size_t n;
	char **names = depth > DIR_MAX_DEPTH ? (errno = ELOOP, NULL)
					     : dir_list(dir.ptr, &n);
	int rc = names ? 0 : -1;
	for (size_t i = 0; names && i < n && rc == 0; i++) {
		buf path = BUF_INIT, sub = BUF_INIT;
		buf_printf(&path, "%s/%s", dir.ptr, names[i]);
		buf_printf(&sub, "%s%s%s", rel, *rel ? "/" : "", names[i]);
		struct stat st;
		if (stat(path.ptr, &st) != 0)
			rc = -1;
		else if ((rc = visit(ctx, path.ptr, sub.ptr, &st)) == DIR_SKIP)
			rc = 0;
		else if (rc == 0 && S_ISDIR(st.st_mode))
			rc = walk(root, sub.ptr, depth + 1, visit, ctx);
		buf_free(&path);
		buf_free(&sub);
	}
	if (names)
		dir_list_free(names, n);
	buf_free(&dir);
	return rc;
}

int dir_walk(const char *root, dir_visit_fn visit, void *ctx)
{
	return walk(root, "", 0, visit, ctx);
}
