/* fuzz_front - a progress report (front matter and narrative) through the
 * loader: load_split_front_matter, ydoc_parse and the report's keys. The
 * front matter splitter is also run on its own, on the input as a C
 * string, as the loader would see it. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = xstrndup((const char *)data, size);
	const char *yaml = NULL, *body = NULL;
	size_t ylen = 0;
	if (load_split_front_matter(text, &yaml, &ylen, &body) == 1 &&
	    (yaml < text || yaml + ylen > text + size))
		abort();
	free(text);
	fuzz_load_with("progress/t001.zh.md", data, size);
	return 0;
}
