/* hash.h - the project's two non-cryptographic hashes. Neither is a
 * defence against a chosen collision: they index tables and detect
 * changes, always beside a size or a full comparison where it matters. */
#ifndef SG_HASH_H
#define SG_HASH_H

#include <stddef.h>
#include <stdint.h>

#define HASH_FNV_START 0xcbf29ce484222325ull

/* FNV-1a over `len` bytes, continuing from `h` (start with HASH_FNV_START):
 * short keys, names, incremental signatures. */
uint64_t hash_fnv1a(uint64_t h, const void *data, size_t len);

/* FNV-1a of a C string. */
uint64_t hash_str(const char *s);

/* Whole-buffer hash, eight bytes at a time: fast on page-sized data. */
uint64_t hash_bytes(const void *data, size_t len);

#endif
