/* publish_out.c - the output folder itself: the lock on it, and whether a
 * publication may replace it (publish.h). */
#include "publish.h"
#include "publish_int.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct pub_lock {
	int fd;
};

/* The pid the holder wrote into the lock file, or "?". */
static void lock_holder(int fd, char *pid, size_t size)
{
	ssize_t n = pread(fd, pid, size - 1, 0);
	pid[n > 0 ? n : 0] = '\0';
	pid[strcspn(pid, "\n")] = '\0';
	if (!*pid || pid[strspn(pid, "0123456789")])
		strcpy(pid, "?");
}

static int wait_for_lock(int fd, const char *out, unsigned wait_s)
{
	for (unsigned tick = 0;; tick++) {
		if (flock(fd, LOCK_EX | LOCK_NB) == 0)
			return 0;
		if (errno != EWOULDBLOCK || tick >= wait_s * 10u)
			return -1;
		if (tick == 0) {
			char pid[24];
			lock_holder(fd, pid, sizeof pid);
			fprintf(stderr, "site-gen: waiting for another site-gen "
				"run (pid %s) to finish publishing into %s\n", pid,
				out);
		}
		nanosleep(&(struct timespec){ 0, 100000000L }, NULL);
	}
}

pub_lock *pub_lock_out(const char *out_dir, unsigned wait_s, diag *d)
{
	char *out = pub_out_name(out_dir), *path = pub_sibling(out, "lock");
	pub_lock *l = NULL;
	int fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC,
		      PUB_FILE_MODE);
	if (fd < 0) {
		diag_error(d, path, 0, 0, "cannot open the output's lock file: "
			   "%s", strerror(errno));
	} else if (wait_for_lock(fd, out, wait_s) != 0) {
		char pid[24];
		lock_holder(fd, pid, sizeof pid);
		if (errno == EWOULDBLOCK)
			diag_error(d, out, 0, 0, "another site-gen run (pid %s) is "
				   "still publishing here after %u s; nothing was "
				   "changed (try again, or wait longer with --wait)",
				   pid, wait_s);
		else
			diag_error(d, path, 0, 0, "cannot lock: %s",
				   strerror(errno));
		close(fd);
	} else {
		l = xcalloc(1, sizeof *l);
		l->fd = fd;
		char pid[24];
		int n = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
		bool noted = ftruncate(fd, 0) == 0 &&
			     pwrite(fd, pid, (size_t)n, 0) == n;
		(void)noted;  /* without it, a run that waits names pid "?" */
	}
	free(out);
	free(path);
	return l;
}

void pub_unlock(pub_lock *l)
{
	if (!l)
		return;
	close(l->fd);
	free(l);
}

static bool dir_is_empty(const char *path)
{
	DIR *ds = opendir(path);
	struct dirent *de;
	bool empty = ds != NULL;
	while (empty && (de = readdir(ds)))
		empty = !strcmp(de->d_name, ".") || !strcmp(de->d_name, "..");
	if (ds)
		closedir(ds);
	return empty;
}

/* Is any of site-gen's own names beside the folder? Between the steps of
 * a swap one of them always is. */
static bool published_here(const char *out)
{
	static const char *const marks[] = { "manifest", "prev", "staging" };
	bool found = false;
	struct stat st;
	for (size_t i = 0; !found && i < sizeof marks / sizeof *marks; i++) {
		char *path = pub_sibling(out, marks[i]);
		found = lstat(path, &st) == 0;
		free(path);
	}
	return found;
}

bool pub_out_ok(const char *out_dir, bool force, diag *d)
{
	char *out = pub_out_name(out_dir);
	struct stat st;
	bool ok = false;
	if (lstat(out, &st) != 0) {
		if (!(ok = errno == ENOENT))
			diag_error(d, out, 0, 0, "cannot use the output folder: "
				   "%s", strerror(errno));
	} else if (S_ISLNK(st.st_mode))
		diag_error(d, out, 0, 0, "the output folder is a symbolic link: "
			   "publishing replaces the folder, not what the link "
			   "points to; give that folder as --out");
	else if (!S_ISDIR(st.st_mode))
		diag_error(d, out, 0, 0, "the output exists and is not a folder");
	else if (!(ok = force || dir_is_empty(out) || published_here(out)))
		diag_error(d, out, 0, 0, "refusing to publish into a folder "
			   "that holds files site-gen did not publish: publishing "
			   "replaces the folder and would delete them. Choose a "
			   "new or empty folder, or add --force if everything in "
			   "it may go");
	free(out);
	return ok;
}
