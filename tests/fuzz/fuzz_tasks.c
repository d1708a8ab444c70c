/* fuzz_tasks - a tasks.csv through the whole loader: column mapping, row
 * handling, ids, dates, indexes and cross-file checks. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_load_with("tasks.csv", data, size);
	return 0;
}
