#include "site.h"
#include "buf.h"

#include <string.h>

int site_render(const model *m, const site_opts *o, pub *p, diag *d)
{
	(void)o; (void)d;
	buf b = BUF_INIT;
	buf_puts(&b, "<!doctype html><title>");
	buf_put_html(&b, m->site.title.zh, strlen(m->site.title.zh));
	buf_puts(&b, "</title>\n");
	int rc = pub_write(p, "index.html", b.ptr, b.len);
	buf_free(&b);
	return rc;
}
