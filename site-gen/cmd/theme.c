#include "theme.h"
#include "buf.h"
#include "load.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define THEME_DEFAULT "themes/default"

static bool is_folder(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The folder above the one holding the running program, into `b`
 * ("/usr" for /usr/bin/site-gen). Returns false when it is unknown. */
static bool program_parent(buf *b)
{
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return false;
	exe[n] = '\0';
	for (int up = 0; up < 2; up++) {
		char *slash = strrchr(exe, '/');
		if (!slash)
			return false;
		*slash = '\0';
	}
	buf_puts(b, exe);
	return true;
}

/* The default theme beside the program, or NULL with the places looked
 * at appended to `tried` (", /usr/themes/default, …"). The last is for
 * the sanitizer and coverage builds, build/asan/ and build/cov/. */
static char *beside_program(buf *tried)
{
	static const char *const beside[] = { "/" THEME_DEFAULT,
					      "/share/site-gen/" THEME_DEFAULT,
					      "/../" THEME_DEFAULT };
	buf dir = BUF_INIT;
	size_t top;
	if (!program_parent(&dir))
		return NULL;
	top = dir.len;
	for (size_t i = 0; i < sizeof beside / sizeof *beside; i++) {
		buf_truncate(&dir, top);
		buf_puts(&dir, beside[i]);
		if (is_folder(buf_cstr(&dir)))
			return buf_detach(&dir);
		buf_printf(tried, ", %s", buf_cstr(&dir));
	}
	buf_free(&dir);
	return NULL;
}

char *theme_find(const char *given, const char *content_dir, diag *d)
{
	char *found = given ? xstrdup(given) : load_site_theme(content_dir);
	if (found)
		return found;
	if (is_folder(THEME_DEFAULT))
		return xstrdup(THEME_DEFAULT);
	buf tried = BUF_INIT;
	buf_puts(&tried, THEME_DEFAULT);
	if (!(found = beside_program(&tried)))
		diag_error(d, "", 0, 0, "cannot find the default theme: none of "
			   "%s is a folder (name a theme with --theme DIR)",
			   buf_cstr(&tried));
	buf_free(&tried);
	return found;
}
