/* fuzz.h - shared by the fuzz targets: a scratch content folder.
 *
 * Targets that go through the loader write the fuzzed input as one file of
 * a small, valid content folder (a copy of a diagnostics fixture) and load
 * and check the whole folder, so the input meets the same code as an
 * editor's file would. Each process gets its own folder (two fuzzers can
 * run at once); it is removed at exit.
 */
#ifndef SG_FUZZ_H
#define SG_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "check.h"
#include "diag.h"
#include "load.h"
#include "model.h"
#include "publish.h"

/* A content folder that loads with warnings only; relative to the
 * repository root (override with SG_FUZZ_FIXTURE). */
#define FUZZ_FIXTURE "tests/fixtures/diag/missing-english-warnings/content"

static char fuzz_dir[4096];

static void fuzz_cleanup(void)
{
	if (fuzz_dir[0])
		pub_remove_tree(fuzz_dir);
}

/* Copy the fixture once; abort if that fails (nothing could be tested). */
static const char *fuzz_content_dir(void)
{
	if (fuzz_dir[0])
		return fuzz_dir;
	const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	const char *fixture = getenv("SG_FUZZ_FIXTURE");
	if (snprintf(fuzz_dir, sizeof fuzz_dir, "%s/sg-fuzz-XXXXXX", tmp) >=
	    (int)sizeof fuzz_dir)
		abort();
	buf cmd = BUF_INIT;
	if (!mkdtemp(fuzz_dir))
		abort();
	atexit(fuzz_cleanup);
	buf_printf(&cmd, "cp -R '%s'/. '%s'/", fixture ? fixture : FUZZ_FIXTURE,
		   fuzz_dir);
	if (system(buf_cstr(&cmd)) != 0) {
		fprintf(stderr, "fuzz: cannot copy the fixture: %s\n",
			buf_cstr(&cmd));
		abort();
	}
	buf_free(&cmd);
	return fuzz_dir;
}

/* Replace `rel` in the content folder with the input, then load and check
 * the folder as `site-gen check` does. */
static void fuzz_load_with(const char *rel, const uint8_t *data, size_t size)
{
	buf path = BUF_INIT;
	buf_printf(&path, "%s/%s", fuzz_content_dir(), rel);
	FILE *f = fopen(buf_cstr(&path), "wb");
	if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
		abort();
	buf_free(&path);
	diag *d = diag_new();
	model *m = load_content(fuzz_dir, d);
	check_model(m, d);
	diag_sort(d);
	model_free(m);
	diag_free(d);
}

#endif
