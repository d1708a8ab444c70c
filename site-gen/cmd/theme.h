/* theme.h - which theme folder a command uses.
 *
 * In order: --theme; else site.yaml's `theme` (a folder inside the content
 * folder); else the default theme, the first of ./themes/default,
 * <dir>/themes/default (a build tree: the program is <dir>/build/site-gen)
 * and <dir>/share/site-gen/themes/default (installed: <dir>/bin/site-gen),
 * where <dir> is the folder above the program's own, and last
 * <dir>/../themes/default (build/asan/site-gen, build/cov/site-gen).
 */
#ifndef SG_THEME_H
#define SG_THEME_H

#include "diag.h"

/* The theme folder for the content folder `content_dir`, `given` being
 * --theme or NULL. Returns a malloc'd path (the caller frees it), or NULL
 * after an error in `d` naming every place the default theme was looked
 * for. A given or configured folder is returned as it is: a missing one
 * is reported by what reads it (words_load, load_content). */
char *theme_find(const char *given, const char *content_dir, diag *d);

#endif
