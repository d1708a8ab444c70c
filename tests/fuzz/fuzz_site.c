/* fuzz_site - site.yaml through ydoc_parse and the site loader. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_load_with("site.yaml", data, size);
	return 0;
}
