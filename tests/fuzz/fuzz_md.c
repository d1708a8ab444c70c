/* fuzz_md - Markdown to HTML. Besides not crashing, the output must never
 * hold what md.h promises to remove: raw HTML tags from the source and
 * javascript: links. */
#include "buf.h"
#include "md.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Case-insensitive search for an ASCII needle in a NUL-terminated text. */
static bool has(const char *hay, const char *needle)
{
	return strcasestr(hay, needle) != NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const md_opts opts[] = { { NULL, 0 }, { "doc", 2 } };
	for (size_t i = 0; i < 2; i++) {
		buf out = BUF_INIT;
		md_render((const char *)data, size, &opts[i], &out);
		if (has(buf_cstr(&out), "<script") ||
		    has(buf_cstr(&out), "href=\"javascript:") ||
		    has(buf_cstr(&out), "src=\"javascript:"))
			abort();
		buf_free(&out);
	}
	char *url = xstrndup((const char *)data, size);
	(void)md_url_is_dangerous(url);
	free(url);
	return 0;
}
