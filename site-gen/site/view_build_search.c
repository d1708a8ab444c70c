/* view_build_search.c - search: nothing of its own; the page loads the
 * index (search.h) with the theme's search.js, and without JavaScript
 * points to the task list. */
#include "view_int.h"

const char *view_build_search(view_ctx *c, cJSON *o)
{
	(void)o;
	return view_str(c, "nav_search");
}
