/* exif.h - what a photo's EXIF data says. The only module that uses
 * libexif.
 *
 * A photo's EXIF data may hold where it was taken (the GPS IFD); content
 * that publishes photos must not give that away.
 */
#ifndef SG_EXIF_H
#define SG_EXIF_H

#include <stddef.h>

#include "diag.h"

/* Does the JPEG of `len` bytes at `data` carry GPS coordinates: any tag of
 * its EXIF GPS IFD (EXIF_TAG_GPS_LATITUDE and the rest)? Returns 1 if it
 * does, 0 if not (also for a JPEG without EXIF data), or -1 after an error
 * in `d` at path:line:col naming the file `name`: EXIF data that libexif
 * reports as damaged, which cannot be vouched for. Nothing is kept. */
int exif_gps_found(const void *data, size_t len, const char *name,
		   const char *path, unsigned line, unsigned col, diag *d);

#endif
