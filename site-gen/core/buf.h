/* buf.h - the one growable byte buffer used everywhere.
 *
 * Ownership: a `buf` owns its storage. `buf_free` releases it; `buf_detach`
 * hands the storage to the caller (free() it). The content is always
 * NUL-terminated, so `b.ptr` can be used as a C string (it may contain NULs).
 * Allocation failure aborts the process: every caller would otherwise have
 * to handle it, and a generator that is out of memory cannot go on.
 */
#ifndef SG_BUF_H
#define SG_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct buf {
	char *ptr;     /* NUL-terminated content; "" when empty */
	size_t len;    /* bytes used, excluding the NUL */
	size_t cap;    /* bytes allocated */
} buf;

#define BUF_INIT { NULL, 0, 0 }

/* Ensure room for `extra` more bytes. */
void buf_grow(buf *b, size_t extra);
void buf_put(buf *b, const void *data, size_t len);
void buf_puts(buf *b, const char *s);
void buf_putc(buf *b, char c);
void buf_printf(buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_vprintf(buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* Append `s` escaped for HTML text and attribute values (& < > " '). */
void buf_put_html(buf *b, const char *s, size_t len);
/* Empty the buffer, keeping its storage. */
void buf_clear(buf *b);
/* Shorten the content to `len` bytes (no-op if already shorter). */
void buf_truncate(buf *b, size_t len);
/* Return the content (caller frees) and reset `b` to empty. */
char *buf_detach(buf *b);
void buf_free(buf *b);
/* The content as a C string; "" for a never-used buffer. */
const char *buf_cstr(const buf *b);

/* Read a whole file into `b` (appends). Returns 0, or -1 with errno set. */
int buf_read_file(buf *b, const char *path);
/* Write `len` bytes to `tmp`, then rename it to `path`, so that a reader
 * sees the whole file or the one before, never half of it. Returns 0, or
 * -1 with errno set and `tmp` removed. */
int buf_write_file(const char *path, const char *tmp, const void *data,
		   size_t len);

/* Abort on allocation failure; used by every module. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
