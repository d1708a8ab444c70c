/* view_build_not_found.c - 404.html: langs (as on the root page, each with
 * its strings `t`); every link is absolute, because the page is served at
 * any depth. */
#include "view_int.h"

const char *view_build_not_found(view_ctx *c, cJSON *o)
{
	ajson_put(c->a, o, "langs", view_blk_lang_links(c));
	return view_str(c, "not_found_title");
}
