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

size_t unorm_lines(const char *s, size_t columns)
{
	size_t n = 0, here = 0, left = strlen(s);
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	columns = columns ? columns : 1;
	for (;;) {
		utf8proc_int32_t cp = '\n';
		utf8proc_ssize_t k = left ? utf8proc_iterate(p, (utf8proc_ssize_t)left, &cp) : 0;
		if (left && k <= 0)
			k = 1, cp = '?';
		if (cp == '\n') {
			n += here ? (here + columns - 1) / columns : 1;
			here = 0;
		} else {
			int w = utf8proc_charwidth(cp);
			here += w > 0 ? (size_t)w : 0;
		}
		if (!left)
			return n;
		p += k, left -= (size_t)k;
	}
}
