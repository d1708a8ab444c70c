/* test_mustache_spec.c - run the official Mustache spec against tmpl.
 *
 * Every test of every *.json file in the spec folder becomes one TAP line.
 * The folder is $SG_SHARED/spec/mustache, or ../shared/spec/mustache from
 * the current directory (tests run from the repository root). Lambdas are
 * out of scope: a ~lambdas.json file is skipped. */
#include "tap.h"
#include "tmpl.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Print a multi-line string as '#' comment lines, newlines made visible. */
static void show(const char *label, const char *s)
{
	printf("#   %s: \"", label);
	for (; *s; s++) {
		if (*s == '\n')
			printf("\\n\"\n#     \"");
		else if (*s == '\r')
			printf("\\r");
		else
			putchar(*s);
	}
	printf("\"\n");
}

/* Run one spec test; returns 1 if it passed. */
static int run_test(const char *file, const cJSON *test)
{
	const char *name = cJSON_GetStringValue(
		cJSON_GetObjectItemCaseSensitive(test, "name"));
	const char *tpl = cJSON_GetStringValue(
		cJSON_GetObjectItemCaseSensitive(test, "template"));
	const char *want = cJSON_GetStringValue(
		cJSON_GetObjectItemCaseSensitive(test, "expected"));
	const cJSON *data = cJSON_GetObjectItemCaseSensitive(test, "data");
	const cJSON *partials =
		cJSON_GetObjectItemCaseSensitive(test, "partials");
	tmpl_set *set = tmpl_set_new();
	diag *d = diag_new();
	buf out = BUF_INIT;
	const cJSON *p;
	cJSON_ArrayForEach(p, partials)
		if (cJSON_IsString(p))
			tmpl_set_add(set, p->string, p->string, p->valuestring,
				     strlen(p->valuestring), d);
	if (tpl)
		tmpl_set_add(set, "(test)", file, tpl, strlen(tpl), d);
	if (tpl && !diag_count(d))
		tmpl_render(set, "(test)", data, &out, d);
	int pass = tpl && want && !diag_count(d) &&
		   strcmp(buf_cstr(&out), want) == 0;
	ok(pass, "%s: %s", file, name ? name : "(unnamed)");
	if (!pass) {
		show("template", tpl ? tpl : "(none)");
		show("expected", want ? want : "(none)");
		show("got     ", buf_cstr(&out));
		if (diag_count(d))
			diag_print(d, stdout);
	}
	buf_free(&out);
	diag_free(d);
	tmpl_set_free(set);
	return pass;
}

/* Run every test of one file; adds to the totals. */
static void run_file(const char *dir, const char *file, int *passed,
		     int *total)
{
	buf path = BUF_INIT, json = BUF_INIT;
	buf_printf(&path, "%s/%s", dir, file);
	cJSON *root = NULL;
	if (buf_read_file(&json, path.ptr) == 0)
		root = cJSON_ParseWithLength(json.ptr, json.len);
	const cJSON *tests = cJSON_GetObjectItemCaseSensitive(root, "tests");
	if (!cJSON_IsArray(tests)) {
		ok(0, "%s: readable spec file", file);
		(*total)++;
	}
	int n = 0, good = 0;
	const cJSON *t;
	cJSON_ArrayForEach(t, tests) {
		n++;
		good += run_test(file, t);
	}
	printf("# %s: %d/%d passed\n", file, good, n);
	*passed += good;
	*total += n;
	cJSON_Delete(root);
	buf_free(&json);
	buf_free(&path);
}

int main(void)
{
	buf dir = BUF_INIT;
	const char *shared = getenv("SG_SHARED");
	if (shared && *shared)
		buf_printf(&dir, "%s/spec/mustache", shared);
	else
		buf_puts(&dir, "../shared/spec/mustache");
	DIR *dh = opendir(dir.ptr);
	if (!dh) {
		printf("ok 1 - mustache spec # SKIP %s not present\n1..1\n",
		       dir.ptr);
		buf_free(&dir);
		return 0;
	}
	char *files[256];
	size_t nfiles = 0;
	struct dirent *e;
	while ((e = readdir(dh)) && nfiles < 256) {
		size_t len = strlen(e->d_name);
		if (len > 5 && !strcmp(e->d_name + len - 5, ".json") &&
		    strcmp(e->d_name, "~lambdas.json") != 0)
			files[nfiles++] = xstrdup(e->d_name);
	}
	closedir(dh);
	qsort(files, nfiles, sizeof *files, cmp_str);
	int passed = 0, total = 0;
	for (size_t i = 0; i < nfiles; i++) {
		run_file(dir.ptr, files[i], &passed, &total);
		free(files[i]);
	}
	printf("# total: %d/%d passed\n", passed, total);
	buf_free(&dir);
	return done_testing();
}
