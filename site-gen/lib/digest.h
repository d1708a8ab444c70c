/* digest.h - SHA-256 checksums of published files. The only module that
 * uses nettle. */
#ifndef SG_DIGEST_H
#define SG_DIGEST_H

#include <stddef.h>

/* 64 lowercase hex digits and a NUL. */
#define DIGEST_SHA256_HEX 65

/* Write the SHA-256 of the `len` bytes at `data` into `out`, as
 * lowercase hex. Cannot fail. */
void digest_sha256_hex(const void *data, size_t len,
		       char out[DIGEST_SHA256_HEX]);

#endif
