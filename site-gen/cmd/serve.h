/* serve.h - the preview server editors run while they work ("site-gen
 * serve"): it builds the site, serves the output folder over HTTP, rebuilds
 * when a file in the content, theme or layouts folder changes, and makes
 * open pages reload themselves after each build.
 *
 * Reloading needs no inline script (the site's Content-Security-Policy
 * forbids it): every HTML response gets
 *     <script src="/__site-gen/reload.js?v=N"></script>
 * where N is the build counter; the script polls /__site-gen/version every
 * second and reloads when it differs from N. Both are served from memory
 * and never written to the output folder.
 *
 * While the content has errors, every request for a page gets an error page
 * listing the diagnostics instead of the last good site; other files (CSS,
 * data) are still served from it.
 *
 * Only files inside the output folder are served: URLs whose path is not a
 * plain output path (see pub_path_ok: "..", hidden or odd characters) are
 * refused, and so is anything whose real path, after symbolic links, lies
 * outside the folder.
 *
 * Requests are answered only when their Host header names localhost (or a
 * name under .localhost) or an IP address, with or without a port; any
 * other name gets 403. A page on another site that has its name resolve to
 * this computer (DNS rebinding) thus cannot read the preview. Requests
 * without a Host header (HTTP/1.0) are answered.
 *
 * This is libmicrohttpd's only user.
 */
#ifndef SG_SERVE_H
#define SG_SERVE_H

#include "build.h"
#include "buf.h"

#define SERVE_DEFAULT_PORT 1313
#define SERVE_DEFAULT_BIND "127.0.0.1"
/* Quiet time after the last change before a rebuild starts: editors write
 * a file in several steps (truncate, write, rename), which is one change. */
#define SERVE_DEBOUNCE_MS 100

typedef struct serve_opts {
	build_opts build;       /* folders; `quiet` is ignored */
	const char *bind;       /* IPv4 or IPv6 address, or "localhost" */
	unsigned port;          /* 0: any free port (printed at start) */
} serve_opts;

/* Build, then serve until SIGINT or SIGTERM. Prints
 * "Serving at http://ADDR:PORT/ (Ctrl-C to stop)" on standard output and
 * build results on standard error. Returns 0 after a clean stop, 1 when
 * the server cannot start (reason on standard error). */
int serve_run(const serve_opts *o);

/* Media type sent for a file name, e.g. "text/css"; never NULL. */
const char *serve_mime_type(const char *path);

/* Append `html` to `out` with the reload script tag for build `version`
 * inserted before the last </body> (or at the end when there is none). */
void serve_inject(buf *out, const char *html, size_t len,
		  unsigned long version);

#endif
