/* exif.c - EXIF data of photos (exif.h), through libexif. */
#include "exif.h"

#include <libexif/exif-data.h>
#include <libexif/exif-loader.h>
#include <libexif/exif-log.h>
#include <stdarg.h>
#include <stdio.h>

typedef struct exif_ctx {
	char first[200];      /* libexif's first complaint, "" for none */
	int damaged;
} exif_ctx;

static void on_log(ExifLog *log, ExifLogCode code, const char *domain,
		   const char *format, va_list args, void *data)
{
	(void)log;
	(void)domain;
	exif_ctx *x = data;
	if (code != EXIF_LOG_CODE_CORRUPT_DATA &&
	    code != EXIF_LOG_CODE_NO_MEMORY)
		return;
	if (!x->damaged++)
		vsnprintf(x->first, sizeof x->first, format, args);
}

int exif_gps_found(const void *data, size_t len, const char *name,
		   const char *path, unsigned line, unsigned col, diag *d)
{
	exif_ctx x = { "", 0 };
	ExifLoader *ld = exif_loader_new();
	ExifLog *log = exif_log_new();
	ExifData *ed = exif_data_new();
	int found = -1;
	if (ld && log && ed) {
		/* The loader finds the EXIF block among the JPEG's segments;
		 * a photo without one has nothing to hide. */
		exif_loader_write(ld, (unsigned char *)data,
				  len > 0xFFFFFFFFu ? 0xFFFFFFFFu : (unsigned)len);
		const unsigned char *block = NULL;
		unsigned int n = 0;
		exif_loader_get_buf(ld, &block, &n);
		exif_log_set_func(log, on_log, &x);
		exif_data_log(ed, log);
		if (n)
			exif_data_load_data(ed, block, n);
		ExifContent *gps = ed->ifd[EXIF_IFD_GPS];
		found = gps && gps->count > 0 ? 1 : x.damaged ? -1 : 0;
	}
	if (found < 0 && !x.damaged)
		diag_error(d, path, line, col, "cannot read the EXIF data of %s: "
			   "out of memory", name);
	else if (found < 0)
		diag_error(d, path, line, col, "the EXIF data of %s is damaged "
			   "(libexif: %s), so it cannot be told free of GPS "
			   "coordinates; remove it, e.g. with `mogrify -strip %s`",
			   name, x.first, name);
	exif_data_unref(ed);
	exif_log_unref(log);
	exif_loader_unref(ld);
	return found;
}
