#include "hash.h"

#include <string.h>

#define FNV_PRIME 0x100000001b3ull

uint64_t hash_fnv1a(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < len; i++)
		h = (h ^ p[i]) * FNV_PRIME;
	return h;
}

uint64_t hash_str(const char *s)
{
	return hash_fnv1a(HASH_FNV_START, s, strlen(s));
}

/* The 64-bit finaliser of MurmurHash3: FNV alone mixes whole words badly. */
static uint64_t mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdull;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ull;
	return x ^ (x >> 33);
}

uint64_t hash_bytes(const void *data, size_t len)
{
	const unsigned char *s = data;
	uint64_t h = 0x9e3779b97f4a7c15ull ^ len, w;
	for (; len >= 8; s += 8, len -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ mix(w)) * FNV_PRIME;
	}
	w = 0;
	if (len)
		memcpy(&w, s, len);
	return mix((h ^ mix(w)) * FNV_PRIME);
}
