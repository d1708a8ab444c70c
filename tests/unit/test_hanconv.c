/* Unit tests: hanconv.c, OpenCC behind kept terms and a cache. */
#include "buf.h"
#include "hanconv.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static bool is(const char *got, const char *want)
{
	if (got && !strcmp(got, want))
		return true;
	printf("#   got: %s\n#  want: %s\n", got ? got : "(NULL)", want);
	return false;
}

static void test_convert(void)
{
	hanconv *c = hanconv_new("s2hk.json");
	ok(is(hanconv_text(c, "乡村振兴"), "鄉村振興"), "a phrase is converted");
	ok(is(hanconv_text(c, "粮食播种面积"), "糧食播種面積"), "粮食 → 糧食");
	ok(is(hanconv_text(c, "农业农村"), "農業農村"), "农业农村 → 農業農村");
	ok(is(hanconv_text(c, "头发和发展"), "頭髮和發展"), "by phrase: 发 is 髮 in 头发, 發 in 发展");
	ok(is(hanconv_text(c, "t001 98% 1,900"), "t001 98% 1,900"), "ASCII stays");
	ok(is(hanconv_text(c, ""), ""), "empty text");
	size_t misses = hanconv_misses(c);
	const char *a = hanconv_text(c, "乡村振兴");
	ok(hanconv_misses(c) == misses && is(a, "鄉村振興"),
	   "the same text again comes from memory");
	ok(hanconv_text(c, "乡村振兴") == a, "  … as the same string");
	hanconv_free(c);
}

static void test_kept(void)
{
	hanconv *c = hanconv_new("s2hk.json");
	hanconv_keep(c, "江海农办〔2023〕93号", "");
	hanconv_keep(c, "农办", "農業辦");
	hanconv_keep(c, "台账", "台帳");
	hanconv_keep(c, "台账", "臺賬");
	ok(is(hanconv_text(c, "依据江海农办〔2023〕93号,区农办制定台账。"),
	      "依據江海农办〔2023〕93号,區農業辦制定臺賬。"),
	   "kept terms: as is, or in their form; the longest first; a term "
	   "added twice keeps its last form; the rest converted");
	ok(is(hanconv_text(c, "农办"), "農業辦"), "a text that is one kept term");
	ok(is(hanconv_text(c, "乡村"), "鄉村"), "a text without kept terms");
	hanconv_free(c);
}

static void test_errors(void)
{
	ok(hanconv_config_exists("s2hk.json") && hanconv_config_exists("s2twp.json"),
	   "Debian's configurations exist");
	ok(!hanconv_config_exists("s2nope.json") && !hanconv_config_exists("/nonexistent/x.json"),
	   "a missing configuration does not");
	hanconv *c = hanconv_new("/nonexistent/x.json");
	ok(hanconv_text(c, "乡村") == NULL, "a configuration OpenCC cannot open: NULL");
	ok(strstr(hanconv_error(c), "cannot open OpenCC configuration '/nonexistent/x.json'") != NULL,
	   "  … and the error names it");
	ok(is(hanconv_text(c, ""), ""), "  … but empty text needs no OpenCC");
	hanconv_free(c);
}

static void test_cache(void)
{
	char dir[] = "/tmp/test_hanconv.XXXXXX";
	if (!mkdtemp(dir)) {
		ok(false, "mkdtemp");
		return;
	}
	hanconv *c = hanconv_new("s2hk.json");
	hanconv_keep(c, "农办", "");
	buf name = BUF_INIT, path = BUF_INIT;
	hanconv_cache_name(c, &name);
	ok(!strncmp(buf_cstr(&name), "convert-", 8) && strstr(buf_cstr(&name), ".bin"),
	   "the cache's name: convert-<hash>.bin");
	buf_printf(&path, "%s/%s", dir, buf_cstr(&name));
	hanconv_text(c, "乡村振兴");
	hanconv_text(c, "区农办");
	ok(hanconv_cache_write(c, buf_cstr(&path)) == 0, "the cache is written");
	hanconv_free(c);

	c = hanconv_new("s2hk.json");
	hanconv_keep(c, "农办", "");
	buf again = BUF_INIT;
	hanconv_cache_name(c, &again);
	ok(!strcmp(buf_cstr(&name), buf_cstr(&again)), "the same settings give the same name");
	hanconv_cache_read(c, buf_cstr(&path));
	ok(is(hanconv_text(c, "乡村振兴"), "鄉村振興") && is(hanconv_text(c, "区农办"), "區农办") &&
	   hanconv_misses(c) == 0, "read back: both texts come from the cache, OpenCC converts none");
	hanconv_text(c, "粮食");
	ok(hanconv_misses(c) == 1, "a new text is converted");
	hanconv_free(c);

	c = hanconv_new("s2hk.json");
	hanconv_keep(c, "农办", "農辦");
	buf other = BUF_INIT;
	hanconv_cache_name(c, &other);
	ok(strcmp(buf_cstr(&name), buf_cstr(&other)) != 0, "another form of a kept term: another cache");
	hanconv_free(c);
	c = hanconv_new("s2twp.json");
	buf_clear(&other);
	hanconv_cache_name(c, &other);
	ok(strcmp(buf_cstr(&name), buf_cstr(&other)) != 0, "another configuration: another cache");
	hanconv_free(c);

	FILE *f = fopen(buf_cstr(&path), "wb");
	if (f) {
		fputs("\x05garbage", f);
		fclose(f);
	}
	c = hanconv_new("s2hk.json");
	hanconv_keep(c, "农办", "");
	hanconv_cache_read(c, buf_cstr(&path));
	ok(is(hanconv_text(c, "乡村振兴"), "鄉村振興") && hanconv_misses(c) == 1,
	   "a damaged cache is ignored: the text is converted");
	hanconv_free(c);
	unlink(buf_cstr(&path));
	rmdir(dir);
	buf_free(&name);
	buf_free(&again);
	buf_free(&other);
	buf_free(&path);
}

int main(void)
{
	test_convert();
	test_kept();
	test_errors();
	test_cache();
	return done_testing();
}
