/* bin.h - a compact binary encoding for local caches: unsigned and signed
 * integers (LEB128 varints) and strings, each distinct string stored once.
 *
 * A written stream is [string count][strings, NUL-terminated][body]. The
 * reader points into the caller's bytes (no copies), so those bytes must
 * outlive the strings read. Every read is bounds-checked: a damaged or
 * truncated stream sets `bad` and yields 0 or "", never a crash, so a
 * cache can be validated once at the end.
 */
#ifndef SG_BIN_H
#define SG_BIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "smap.h"

typedef struct bin_writer {
	buf strings, body;
	smap index;            /* string → its number + 1 */
	size_t nstrings;
} bin_writer;

#define BIN_WRITER_INIT { BUF_INIT, BUF_INIT, SMAP_INIT, 0 }

void bin_put_u(bin_writer *w, uint64_t v);
void bin_put_i(bin_writer *w, int64_t v);
/* The string must stay valid until bin_finish. */
void bin_put_s(bin_writer *w, const char *s);
/* Append the whole stream to `out` and free the writer. */
void bin_finish(bin_writer *w, buf *out);

typedef struct bin_reader {
	const unsigned char *p, *end;
	const char **strings;  /* malloc'd table of pointers into the data */
	size_t nstrings;
	bool bad;
} bin_reader;

/* Start reading `len` bytes at `data`, which must end with a NUL (a buf
 * does). Returns false when the string table is damaged. */
bool bin_open(bin_reader *r, const char *data, size_t len);
uint64_t bin_get_u(bin_reader *r);
int64_t bin_get_i(bin_reader *r);
const char *bin_get_s(bin_reader *r);
/* A count that cannot exceed what is left to read (so a damaged count
 * cannot make the caller allocate wildly); sets bad otherwise. */
size_t bin_get_count(bin_reader *r);
/* Was everything read without error, up to the end? */
bool bin_done(const bin_reader *r);
void bin_close(bin_reader *r);

#endif
