/* view_build_root.c - the root page, index.html, which sends visitors to
 * a language: langs [{href, hreflang, label, t}], refresh. */
#include "view_int.h"

const char *view_build_root(view_ctx *c, cJSON *o)
{
	ajson_put(c->a, o, "langs", view_blk_lang_links(c));
	ajson_put_string(c->a, o, "refresh", view_route_href(c, VIEW_HOME, NULL));
	return NULL;
}
