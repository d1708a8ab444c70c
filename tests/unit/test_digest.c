/* Unit tests: digest.c (SHA-256 through nettle) and exif.c (GPS
 * coordinates in a photo's EXIF data, through libexif). */
#include "diag.h"
#include "digest.h"
#include "exif.h"
#include "tap.h"

#include <string.h>

static void test_sha256(void)
{
	char hex[DIGEST_SHA256_HEX];
	digest_sha256_hex("", 0, hex);
	is_str(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b"
	       "7852b855", "SHA-256 of nothing (FIPS 180-4)");
	digest_sha256_hex("abc", 3, hex);
	is_str(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61"
	       "f20015ad", "SHA-256 of abc (FIPS 180-4)");
}

/* A JPEG's first segments: SOI, then APP1 "Exif" with a little-endian
 * TIFF header whose IFD0 holds one entry, the GPS IFD pointer, to a GPS
 * IFD with `gps_tags` entries (GPSVersionID). */
static size_t jpeg(unsigned char *out, int gps_tags)
{
	static const unsigned char head[] = { 0xFF, 0xD8, 0xFF, 0xE1 };
	unsigned char tiff[64] = { 'I', 'I', 42, 0, 8, 0, 0, 0,
		1, 0,                                  /* IFD0: 1 entry */
		0x25, 0x88, 4, 0, 1, 0, 0, 0, 26, 0, 0, 0, /* GPS IFD at 26 */
		0, 0, 0, 0 };                          /* no next IFD */
	size_t n = 26;
	tiff[n++] = (unsigned char)gps_tags;
	tiff[n++] = 0;
	for (int i = 0; i < gps_tags; i++) {
		static const unsigned char ver[] = { 0, 0, 1, 0, 4, 0, 0, 0,
						     2, 2, 0, 0 };
		memcpy(tiff + n, ver, sizeof ver);
		n += sizeof ver;
	}
	memset(tiff + n, 0, 4);
	n += 4;
	size_t len = 2 + 6 + n, k = 0;
	memcpy(out, head, sizeof head);
	k = sizeof head;
	out[k++] = (unsigned char)(len >> 8);
	out[k++] = (unsigned char)len;
	memcpy(out + k, "Exif\0\0", 6);
	k += 6;
	memcpy(out + k, tiff, n);
	k += n;
	out[k++] = 0xFF;
	out[k++] = 0xD9;
	return k;
}

static void test_gps(void)
{
	unsigned char b[128];
	diag *d = diag_new();
	size_t n = jpeg(b, 1);
	is_int(exif_gps_found(b, n, "a.jpg", "r.md", 3, 5, d), 1,
	       "a GPS tag is found");
	n = jpeg(b, 0);
	is_int(exif_gps_found(b, n, "a.jpg", "r.md", 3, 5, d), 0,
	       "an empty GPS IFD holds no coordinates");
	static const unsigned char bare[] = { 0xFF, 0xD8, 0xFF, 0xDB, 0, 2,
					      0xFF, 0xD9 };
	is_int(exif_gps_found(bare, sizeof bare, "a.jpg", "r.md", 3, 5, d), 0,
	       "a JPEG without EXIF data has none");
	is_int(diag_count(d), 0, "no diagnostics");
	diag_free(d);
}

int main(void)
{
	test_sha256();
	test_gps();
	return done_testing();
}
