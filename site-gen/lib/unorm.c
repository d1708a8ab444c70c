#include "unorm.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

int unorm_key(const char *s, buf *out)
{
	utf8proc_uint8_t *key = NULL;
	utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &key,
					  UTF8PROC_NULLTERM | UTF8PROC_STABLE |
					  UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
					  UTF8PROC_CASEFOLD | UTF8PROC_IGNORE);
	if (n < 0)
		return -1;
	buf_put(out, key, (size_t)n);
	free(key);
	return 0;
}
