/* Unit tests: publish.c (staging, atomic swap, unchanged files kept, the
 * kept previous tree and the output manifest). */
#include "buf.h"
#include "diag.h"
#include "publish.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static char root[] = "/tmp/sg-test-publish-XXXXXX";

static const char *at(const char *rel)
{
	static buf b;
	buf_clear(&b);
	buf_printf(&b, "%s/%s", root, rel);
	return b.ptr;
}

static ino_t inode(const char *rel)
{
	struct stat st;
	return stat(at(rel), &st) == 0 ? st.st_ino : 0;
}

static char *slurp(const char *rel)
{
	buf b = BUF_INIT;
	if (buf_read_file(&b, at(rel)) != 0)
		return NULL;
	return buf_detach(&b);
}

static void publish_two(const char *second)
{
	diag *d = diag_new();
	pub *p = pub_begin(at("out"), d);
	pub_write(p, "zh/index.html", "first", 5);
	pub_write(p, "data/x.csv", second, strlen(second));
	ok(pub_exists(p, "data/x.csv") && !pub_exists(p, "nope"), "pub_exists");
	is_int(pub_commit(p, NULL), 0, "commit");
	diag_free(d);
}

static void test_swap_and_keep(void)
{
	publish_two("a,b\r\n");
	char *s = slurp("out/zh/index.html");
	is_str(s, "first", "published file content");
	free(s);
	ino_t before = inode("out/zh/index.html"), csv = inode("out/data/x.csv");
	publish_two("a,c\r\n");
	ok(inode("out/zh/index.html") == before, "unchanged file keeps its inode");
	ok(inode("out/data/x.csv") != csv, "changed file is new");
	ok(access(at(".out.staging"), F_OK) != 0, "no staging folder left");
}

static void put(const char *rel, const char *text)
{
	FILE *f = fopen(at(rel), "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

/* Publish `n` files "f<i>/index.html" holding `texts[i]`. */
static int publish_files(const char *const *texts, int n)
{
	diag *d = diag_new();
	pub *p = pub_begin(at("out"), d);
	buf rel = BUF_INIT;
	for (int i = 0; i < n; i++) {
		buf_clear(&rel);
		buf_printf(&rel, "f%d/index.html", i);
		pub_write(p, rel.ptr, texts[i], strlen(texts[i]));
	}
	buf_free(&rel);
	int rc = pub_commit(p, NULL);
	diag_free(d);
	return rc;
}

static bool holds(const char *rel, const char *want)
{
	char *s = slurp(rel);
	bool same = s && !strcmp(s, want);
	free(s);
	return same;
}

/* The previous output is kept as ".out.prev" and becomes the next
 * staging folder: only what differs is written, what is no longer
 * produced is removed, and nothing the kept tree holds (junk, stale
 * files, a missing manifest) reaches the output. */
static void test_kept_tree(void)
{
	pub_remove_tree(at("out"));
	const char *a[] = { "one", "two", "three" }, *b[] = { "one", "TWO" };
	is_int(publish_files(a, 3), 0, "first generation");
	is_int(publish_files(b, 2), 0, "second generation");
	ok(access(at(".out.prev/f2/index.html"), F_OK) == 0,
	   "previous output kept as .out.prev");
	ok(access(at(".out.manifest"), F_OK) == 0, "manifest beside the output");
	ino_t one = inode("out/f0/index.html");
	is_int(publish_files(a, 3), 0, "third generation, into the kept tree");
	ok(holds("out/f1/index.html", "two") && holds("out/f2/index.html", "three"),
	   "changed and re-added files published");
	ok(inode("out/f0/index.html") == one, "unchanged file keeps its inode");
	ok(access(at(".out.staging"), F_OK) != 0, "no staging folder left");

	put(".out.prev/junk.html", "junk");
	put(".out.prev/f0/index.html~", "stale temporary file");
	unlink(at(".out.manifest"));
	put("out/f1/index.html", "edited in place");
	is_int(publish_files(b, 2), 0, "without a manifest, with junk kept");
	ok(holds("out/f0/index.html", "one") && holds("out/f1/index.html", "TWO"),
	   "published bytes right without a manifest");
	ok(access(at("out/junk.html"), F_OK) != 0 &&
	   access(at("out/f0/index.html~"), F_OK) != 0 &&
	   access(at("out/f2"), F_OK) != 0,
	   "nothing but this publication's files in the output");
	ok(inode("out/f0/index.html") == one, "inode kept without a manifest");

	diag *d = diag_new();
	pub *p = pub_begin(at("out"), d);
	pub_write(p, "f0/index.html", "aborted", 7);
	pub_abort(p);
	diag_free(d);
	ok(holds("out/f0/index.html", "one") && access(at(".out.staging"), F_OK) != 0,
	   "abort: output untouched, staging gone");
	is_int(publish_files(b, 2), 0, "after an abort");
	ok(holds("out/f0/index.html", "one") && holds("out/f1/index.html", "TWO"),
	   "an aborted run leaves the kept tree usable");
	pub_remove_tree(at("out"));
	pub_remove_tree(at(".out.prev"));
	unlink(at(".out.manifest"));
}

static void test_abort_and_unsafe(void)
{
	diag *d = diag_new();
	pub *p = pub_begin(at("out"), d);
	is_int(pub_write(p, "../escape.txt", "x", 1), -1, "'..' refused");
	is_int(pub_write(p, "/etc/x", "x", 1), -1, "absolute path refused");
	is_int(pub_write(p, "a//b", "x", 1), -1, "empty component refused");
	is_int(pub_write(p, "zh/index.html", "changed", 7), 0, "write in staging");
	is_int(pub_commit(p, NULL), -1, "commit refused after a failed write");
	char *s = slurp("out/zh/index.html");
	is_str(s, "first", "old output untouched after a failed publication");
	free(s);
	ok(access(at("escape.txt"), F_OK) != 0, "nothing written outside");
	ok(access(at(".out.staging"), F_OK) != 0, "staging removed on abort");
	is_int(diag_errors(d), 3, "each refusal reported");
	diag_free(d);
	ok(!pub_path_ok("a/./b") && !pub_path_ok("a b") && pub_path_ok("a/b-1.x"),
	   "path rules");
}

static void test_interrupt(void)
{
	diag *d = diag_new();
	pub *p = pub_begin(at("out"), d);
	raise(SIGTERM); /* handled by pub: the build must stop, not die */
	ok(pub_interrupted, "SIGTERM noticed");
	is_int(pub_write(p, "zh/index.html", "late", 4), -1,
	       "writes refused once interrupted");
	is_int(pub_commit(p, NULL), -1, "interrupted publication not committed");
	char *s = slurp("out/zh/index.html");
	is_str(s, "first", "output untouched after an interrupt");
	free(s);
	pub_interrupted = 0;
	diag_free(d);
}

int main(void)
{
	if (!mkdtemp(root))
		return 1;
	test_swap_and_keep();
	test_abort_and_unsafe();
	test_interrupt();
	test_kept_tree();
	pub_remove_tree(root);
	return done_testing();
}
