/* publish_int.h - inside the publish module (publish.h is its public
 * face): what publish.c and publish_out.c share. */
#ifndef SG_PUBLISH_INT_H
#define SG_PUBLISH_INT_H

/* ".<name>.<suffix>" beside the output folder `out` (malloc'd): its
 * staging folder, kept tree, manifest and lock file. */
char *pub_sibling(const char *out, const char *suffix);

/* The output folder's name without trailing slashes (malloc'd). */
char *pub_out_name(const char *out_dir);

#endif
