/* Unit tests: arena.c (the allocator a build's data lives in) and model.c's
 * status names. */
#include "arena.h"
#include "model.h"
#include "tap.h"

#include <stdint.h>

static void test_alloc(void)
{
	arena *a = arena_new();
	size_t misaligned = 0, dirty = 0;
	/* Sizes around a quarter block (the big-allocation limit) and a
	 * whole one, mixed with small ones. */
	static const size_t sizes[] = { 1, 3, 16, 17, 100, 16383, 16384, 16385,
					65535, 65536, 65537, 200000, 5 };
	unsigned char *p[sizeof sizes / sizeof *sizes];
	for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
		p[i] = arena_alloc(a, sizes[i]);
		misaligned += (uintptr_t)p[i] % 16 != 0;
		for (size_t k = 0; k < sizes[i]; k++)
			dirty += p[i][k] != 0;
		memset(p[i], (int)(i + 1), sizes[i]);
	}
	is_int(misaligned, 0, "every allocation is 16-byte aligned");
	is_int(dirty, 0, "every allocation starts zeroed");
	size_t clobbered = 0;
	for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++)
		for (size_t k = 0; k < sizes[i]; k++)
			clobbered += p[i][k] != (unsigned char)(i + 1);
	is_int(clobbered, 0, "no allocation overlaps another");
	is_str(arena_strndup(a, "江海区abc", 9), "江海区", "strndup cuts at n bytes");
	is_str(arena_strdup(a, ""), "", "strdup of an empty string");
	arena_free(a);
}

static void test_grow(void)
{
	arena *a = arena_new();
	int *v = arena_grow(a, NULL, 0, 1, sizeof *v);
	v[0] = 7;
	v = arena_grow(a, v, 1, 2, sizeof *v);
	is_int(v[0], 7, "growing one element keeps it");
	is_int(v[1], 0, "and the new one is zero");
	v[1] = 8;
	v = arena_grow(a, v, 2, 1000, sizeof *v);
	ok(v[0] == 7 && v[1] == 8 && v[999] == 0, "growing to a big block keeps "
	   "the elements");
	arena *b = arena_new();
	char *s = arena_strdup(b, "kept");
	arena_adopt(a, b);
	is_str(s, "kept", "an adopted arena's data lives on in its adopter");
	arena_free(a);
}

static void test_status_names(void)
{
	size_t wrong = 0;
	for (int s = STATUS_NOT_STARTED; s < STATUS_COUNT; s++) {
		const char *name = model_status_name((task_status)s);
		if (model_status_parse(name) != (task_status)s && ++wrong)
			printf("#   '%s' does not parse back\n", name);
	}
	is_int(wrong, 0, "every reportable status parses back from its name");
	is_str(model_status_name(STATUS_WITHDRAWN), "withdrawn", "withdrawn");
	is_str(model_status_name(STATUS_NONE), "not_reported", "no report");
	is_int(model_status_parse("not_reported"), STATUS_NONE,
	       "not_reported is not a status a report may give");
	is_int(model_status_parse("Completed"), STATUS_NONE,
	       "names are case-sensitive");
	ok(model_status_name(STATUS_COUNT) == NULL, "no name past the last");
}

int main(void)
{
	test_alloc();
	test_grow();
	test_status_names();
	return done_testing();
}
