/* load.h - read a content folder into a model.
 *
 * load_content reads site.yaml, the CSV tables, plan/, progress/ and the
 * notes, checking each file on its own terms: encoding, columns, required
 * values, id syntax and uniqueness, value syntax (dates, numbers, statuses).
 * Cross-file references are checked afterwards by check_model (check.h).
 *
 * It reports every problem to `d` and goes on, so one run shows them all.
 * It always returns a model (free it with model_free), which may be partial
 * when `d` holds errors. Only files inside `dir` are read: a symbolic link
 * that leads out of it is an error.
 */
#ifndef SG_LOAD_H
#define SG_LOAD_H

#include "diag.h"
#include "model.h"

model *load_content(const char *dir, diag *d);

/* Split "---\n<yaml>\n---\n<body>" front matter. On success sets *yaml,
 * *yaml_len, *body (pointers into `text`) and returns 1; returns 0 when the
 * text has no front matter (body = text), -1 when it is not closed. */
int load_split_front_matter(const char *text, const char **yaml,
			    size_t *yaml_len, const char **body);

#endif
