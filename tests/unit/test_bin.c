/* Unit tests: bin.c, the encoding of the history cache. What is written
 * must read back exactly, and damaged bytes must be caught, not believed. */
#include "bin.h"
#include "tap.h"

#include <stdint.h>

/* Write what `fill` puts, then open the stream for reading. */
static bool stream(buf *out, bin_reader *r, void (*fill)(bin_writer *))
{
	bin_writer w = BIN_WRITER_INIT;
	fill(&w);
	bin_finish(&w, out);
	return bin_open(r, out->ptr, out->len);
}

static const int64_t signed_values[] = {
	0, 1, -1, 63, -64, 64, -65, -300, -480, 480, 1700000000, -1700000000,
	INT64_MAX, INT64_MIN,
};
#define N_SIGNED (sizeof signed_values / sizeof *signed_values)

static void fill_numbers(bin_writer *w)
{
	for (size_t i = 0; i < N_SIGNED; i++)
		bin_put_i(w, signed_values[i]);
	bin_put_u(w, 0);
	bin_put_u(w, 127);
	bin_put_u(w, 128);
	bin_put_u(w, UINT64_MAX);
}

static void test_numbers(void)
{
	buf b = BUF_INIT;
	bin_reader r;
	ok(stream(&b, &r, fill_numbers), "a stream of numbers opens");
	size_t wrong = 0;
	for (size_t i = 0; i < N_SIGNED; i++) {
		int64_t v = bin_get_i(&r);
		if (v != signed_values[i]) {
			wrong++;
			printf("#   value %zu: got %lld, want %lld\n", i,
			       (long long)v, (long long)signed_values[i]);
		}
	}
	is_int(wrong, 0, "signed numbers read back exactly (time zones west "
	       "of UTC are negative minutes)");
	is_int(bin_get_u(&r), 0, "unsigned 0");
	is_int(bin_get_u(&r), 127, "unsigned 127 (one byte)");
	is_int(bin_get_u(&r), 128, "unsigned 128 (two bytes)");
	ok(bin_get_u(&r) == UINT64_MAX, "the largest unsigned number");
	ok(bin_done(&r), "the reader ends where the stream ends");
	bin_close(&r);
	buf_free(&b);
}

static const char *const words[] = { "江海区", "", "tasks", "江海区", "tasks" };

static void fill_strings(bin_writer *w)
{
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		bin_put_s(w, words[i]);
}

static void test_strings(void)
{
	buf b = BUF_INIT;
	bin_reader r;
	ok(stream(&b, &r, fill_strings), "a stream of strings opens");
	is_int(r.nstrings, 3, "each distinct string is stored once");
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		is_str(bin_get_s(&r), words[i], "string %zu reads back", i);
	ok(bin_done(&r), "and the stream is used up");
	bin_close(&r);
	buf_free(&b);
}

/* The bytes of a stream: no strings, then `body`. */
static void raw(buf *b, const char *body, size_t len)
{
	buf_clear(b);
	buf_putc(b, 0);
	buf_put(b, body, len);
}

static void test_damage(void)
{
	buf b = BUF_INIT;
	bin_reader r;
	/* A count of 4 with 3 bytes after it: at most 3 items can follow. */
	raw(&b, "\x04" "abc", 4);
	ok(bin_open(&r, b.ptr, b.len), "a count stream opens");
	is_int(bin_get_count(&r), 0, "a count larger than the bytes left is 0");
	ok(r.bad, "and marks the stream damaged");
	bin_close(&r);
	raw(&b, "\x03" "abc", 4);
	bin_open(&r, b.ptr, b.len);
	is_int(bin_get_count(&r), 3, "a count equal to the bytes left is kept");
	ok(!r.bad, "and is not damage");
	bin_close(&r);
	/* 0x80 says "more bytes follow", and none do. */
	raw(&b, "\x80", 1);
	bin_open(&r, b.ptr, b.len);
	is_int(bin_get_u(&r), 0, "a truncated number reads as 0");
	ok(r.bad && !bin_done(&r), "and marks the stream damaged");
	bin_close(&r);
	raw(&b, "\x05", 1);
	bin_open(&r, b.ptr, b.len);
	is_str(bin_get_s(&r), "", "a string number past the table reads as \"\"");
	ok(r.bad, "and marks the stream damaged");
	bin_close(&r);
	/* Two strings announced, one NUL-terminated string present. */
	buf_clear(&b);
	buf_put(&b, "\x02" "ab\0c", 5);
	ok(!bin_open(&r, b.ptr, b.len - 1), "a string table cut short is refused");
	is_int(r.nstrings, 0, "and has no strings");
	bin_close(&r);
	buf_free(&b);
}

int main(void)
{
	test_numbers();
	test_strings();
	test_damage();
	return done_testing();
}
