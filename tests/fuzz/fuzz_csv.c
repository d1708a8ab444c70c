/* fuzz_csv - the CSV parser on its own: any bytes give a table or NULL
 * plus diagnostics, never a crash or a leak, read whole or as a cut of
 * rows; row ends stay inside the text. */
#include "diag.h"
#include "table.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	diag *d = diag_new();
	for (int cut = 0; cut < 2; cut++) {
		table *t = cut ? table_parse_rows("fuzz.csv", (const char *)data,
						  size, 1, d)
			       : table_parse("fuzz.csv", (const char *)data, size, d);
		/* Touch every cell, so a bad pointer or length shows up. */
		for (size_t i = 0; t && i < t->nrows; i++) {
			for (size_t j = 0; j < t->rows[i].ncells; j++)
				(void)strlen(t->rows[i].cells[j].text);
			if (t->rows[i].end > size)
				__builtin_trap();
		}
		table_free(t);
	}
	diag_free(d);
	return 0;
}
