#include "bin.h"

#include <stdlib.h>
#include <string.h>

static void put_varint(buf *b, uint64_t v)
{
	do {
		unsigned char c = v & 0x7f;
		v >>= 7;
		buf_putc(b, (char)(c | (v ? 0x80 : 0)));
	} while (v);
}

void bin_put_u(bin_writer *w, uint64_t v)
{
	put_varint(&w->body, v);
}

void bin_put_i(bin_writer *w, int64_t v)
{
	/* Zigzag, so small negative numbers stay short. */
	bin_put_u(w, ((uint64_t)v << 1) ^ (uint64_t)(v >> 63));
}

void bin_put_s(bin_writer *w, const char *s)
{
	size_t n = (size_t)(uintptr_t)smap_get(&w->index, s);
	if (!n) {
		buf_put(&w->strings, s, strlen(s) + 1);
		n = ++w->nstrings;
		smap_put(&w->index, s, (void *)(uintptr_t)n);
	}
	bin_put_u(w, n - 1);
}

void bin_finish(bin_writer *w, buf *out)
{
	put_varint(out, w->nstrings);
	buf_put(out, w->strings.ptr, w->strings.len);
	buf_put(out, w->body.ptr, w->body.len);
	buf_free(&w->strings);
	buf_free(&w->body);
	smap_free(&w->index);
	w->nstrings = 0;
}

uint64_t bin_get_u(bin_reader *r)
{
	uint64_t v = 0;
	for (unsigned shift = 0; shift < 64; shift += 7) {
		if (r->p >= r->end)
			break;
		unsigned char c = *r->p++;
		v |= (uint64_t)(c & 0x7f) << shift;
		if (!(c & 0x80))
			return v;
	}
	r->bad = true;
	return 0;
}

int64_t bin_get_i(bin_reader *r)
{
	uint64_t u = bin_get_u(r);
	return (int64_t)(u >> 1) ^ -(int64_t)(u & 1);
}

const char *bin_get_s(bin_reader *r)
{
	uint64_t i = bin_get_u(r);
	if (i < r->nstrings)
		return r->strings[i];
	r->bad = true;
	return "";
}

size_t bin_get_count(bin_reader *r)
{
	uint64_t n = bin_get_u(r);
	/* Every counted item takes at least one byte. */
	if (n <= (uint64_t)(r->end - r->p))
		return (size_t)n;
	r->bad = true;
	return 0;
}

bool bin_open(bin_reader *r, const char *data, size_t len)
{
	*r = (bin_reader){ .p = (const unsigned char *)data,
			   .end = (const unsigned char *)data + len };
	size_t n = bin_get_count(r);
	r->strings = xcalloc(n ? n : 1, sizeof *r->strings);
	for (size_t i = 0; i < n && !r->bad; i++) {
		const unsigned char *nul = memchr(r->p, 0, (size_t)(r->end - r->p));
		if (!nul) {
			r->bad = true;
			break;
		}
		r->strings[i] = (const char *)r->p;
		r->p = nul + 1;
	}
	r->nstrings = r->bad ? 0 : n;
	return !r->bad;
}

bool bin_done(const bin_reader *r)
{
	return !r->bad && r->p == r->end;
}

void bin_close(bin_reader *r)
{
	free(r->strings);
	r->strings = NULL;
}
