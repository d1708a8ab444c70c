#include "words.h"

#include <cjson/cJSON.h>
#include <string.h>

const char *words_get(const cJSON *t, const char *key)
{
	const cJSON *s = cJSON_GetObjectItemCaseSensitive(t, key);
	return cJSON_IsString(s) ? s->valuestring : "";
}

void words_expand(buf *out, const char *pat, const char *const (*kv)[2],
		  size_t n)
{
	while (*pat) {
		size_t k = n;
		if (*pat == '{')
			for (k = 0; k < n; k++)
				if (!strncmp(pat + 1, kv[k][0], strlen(kv[k][0])) &&
				    pat[1 + strlen(kv[k][0])] == '}')
					break;
		if (k == n) {
			buf_putc(out, *pat++);
			continue;
		}
		buf_puts(out, kv[k][1]);
		pat += strlen(kv[k][0]) + 2;
	}
}

void words_expand1(buf *out, const char *pat, const char *name,
		   const char *value)
{
	const char *const kv[][2] = { { name, value } };
	words_expand(out, pat, kv, 1);
}
