/* Unit tests: search.c's keys (tests/fixtures/search/tokens.json, which
 * search.js is held to as well) and its stemming. */
#include "buf.h"
#include "search.h"
#include "tap.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void add(void *ctx, const char *key, size_t len)
{
	char *k = xstrndup(key, len);
	cJSON_AddItemToArray(ctx, cJSON_CreateString(k));
	free(k);
}

static void test_cases(void)
{
	buf b = BUF_INIT;
	if (buf_read_file(&b, "tests/fixtures/search/tokens.json") != 0) {
		ok(false, "tests/fixtures/search/tokens.json is readable");
		return;
	}
	cJSON *doc = cJSON_Parse(buf_cstr(&b)), *c;
	size_t n = 0;
	cJSON_ArrayForEach(c, cJSON_GetObjectItem(doc, "cases")) {
		const char *text = cJSON_GetObjectItem(c, "text")->valuestring;
		cJSON *got = cJSON_CreateArray();
		search_tokens(text, add, got);
		char *g = cJSON_PrintUnformatted(got);
		char *w = cJSON_PrintUnformatted(cJSON_GetObjectItem(c, "keys"));
		if (!ok(!strcmp(g, w), "keys of \"%s\"", text))
			printf("#   got:  %s\n#   want: %s\n", g, w);
		cJSON_free(g);
		cJSON_free(w);
		cJSON_Delete(got);
		n++;
	}
	ok(n >= 15, "the fixture has its cases (%zu)", n);
	cJSON_Delete(doc);
	buf_free(&b);
}

static void test_stem(void)
{
	static const char *const cases[][2] = {
		{ "tasks", "task" }, { "villages", "village" },
		{ "policies", "policy" }, { "boxes", "box" }, { "churches", "church" },
		{ "planting", "plant" }, { "revised", "revis" }, { "class", "class" },
		{ "status", "status" }, { "basis", "basis" }, { "sing", "sing" },
		{ "bed", "bed" }, { "rising", "ris" }, { "ring", "ring" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char w[32];
		snprintf(w, sizeof w, "%s", cases[i][0]);
		size_t n = search_stem(w, strlen(w));
		w[n] = '\0';
		if (!ok(!strcmp(w, cases[i][1]), "stem(%s) = %s", cases[i][0], cases[i][1]))
			printf("#   got: %s\n", w);
	}
}

/* Keys longer than SEARCH_KEY_MAX are cut, never overrun. */
static void test_long(void)
{
	char text[400];
	memset(text, 'a', 300);
	text[300] = '\0';
	cJSON *got = cJSON_CreateArray();
	search_tokens(text, add, got);
	ok(cJSON_GetArraySize(got) == 1 &&
	   strlen(cJSON_GetArrayItem(got, 0)->valuestring) == SEARCH_KEY_MAX,
	   "a 300-letter word is one key of %d bytes", SEARCH_KEY_MAX);
	cJSON_Delete(got);
	memset(text, '9', 300);
	got = cJSON_CreateArray();
	search_tokens(text, add, got);
	ok(cJSON_GetArraySize(got) == 1 &&
	   strlen(cJSON_GetArrayItem(got, 0)->valuestring) < SEARCH_KEY_MAX,
	   "a 300-digit number is one key, cut");
	cJSON_Delete(got);
	got = cJSON_CreateArray();
	search_tokens("\xe4\xb9", add, got);
	ok(cJSON_GetArraySize(got) == 0, "a cut-off UTF-8 sequence gives no key");
	cJSON_Delete(got);
}

int main(void)
{
	test_cases();
	test_stem();
	test_long();
	return done_testing();
}
