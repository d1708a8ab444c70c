/* skeleton.h - "site-gen new DIR": a new plan's content folder.
 *
 * The theme's new/ folder holds what a new plan starts with, in the
 * theme's languages: new/files/ is copied as it is (site.yaml, the README
 * for the office), and new/rows.yaml gives example rows by table name and
 * column name ("tasks: [{id: t001, section: …}]"). Every CSV file of the
 * schema (schema.h) is written with its header from the schema, the
 * per-language columns in the languages of the copied site.yaml, and the
 * example rows of its table, if any.
 */
#ifndef SG_SKELETON_H
#define SG_SKELETON_H

#include "diag.h"

/* Create folder `dir` (its parent must exist) from the theme folder
 * `theme_dir`. An existing `dir` must be an empty folder. Returns 0, or
 * -1 after errors in `d` (a refused `dir` is left as it was; a failure
 * half-way leaves what was written). */
int skeleton_write(const char *dir, const char *theme_dir, diag *d);

#endif
