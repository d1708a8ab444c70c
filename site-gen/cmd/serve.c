#include "serve.h"
#include "dir.h"
#include "publish.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <unistd.h>

#define INTERNAL_PREFIX "/__site-gen/"
#define WATCH_MASK (IN_CREATE | IN_DELETE | IN_CLOSE_WRITE | IN_MODIFY | \
		    IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | \
		    IN_MOVE_SELF | IN_ONLYDIR | IN_EXCL_UNLINK)

typedef struct server {
	const serve_opts *o;
	/* Held for writing during a build (the output folder is swapped) and
	 * for reading while a request looks at it and at the fields below. */
	pthread_rwlock_t lock;
	char *root;               /* realpath of the output folder, or NULL */
	char *errors_html;        /* error page while the content has errors */
	unsigned long version;    /* builds so far */
	int inotify;              /* -1 when watching is unavailable */
} server;

/* Polls the build counter; reloads when it differs from the one the page
 * was served with (the script's own ?v=). */
static const char reload_js[] =
	"// site-gen serve: reload this page after each rebuild.\n"
	"(function () {\n"
	"  var me = document.currentScript;\n"
	"  var seen = me ? new URL(me.src).searchParams.get('v') : null;\n"
	"  function again() { setTimeout(poll, 1000); }\n"
	"  function poll() {\n"
	"    fetch('/__site-gen/version', { cache: 'no-store' })\n"
	"      .then(function (r) { return r.text(); })\n"
	"      .then(function (v) {\n"
	"        if (seen !== null && v.trim() !== seen) location.reload();\n"
	"        else again();\n"
	"      }, again);\n"
	"  }\n"
	"  again();\n"
	"})();\n";

/* ---- pure helpers ------------------------------------------------------ */

static const struct { const char *ext, *type; } mime_types[] = {
	{ ".html", "text/html; charset=utf-8" },
	{ ".css", "text/css" },
	{ ".js", "text/javascript" },
	{ ".svg", "image/svg+xml" },
	{ ".json", "application/json" },
	{ ".csv", "text/csv; charset=utf-8" },
	{ ".xml", "application/xml" },
	{ ".txt", "text/plain; charset=utf-8" },
	{ ".png", "image/png" },
	{ ".jpg", "image/jpeg" },
	{ ".ico", "image/vnd.microsoft.icon" },
	{ ".woff2", "font/woff2" },
	{ ".webmanifest", "application/manifest+json" },
};

const char *serve_mime_type(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	if (!strcmp(base, "feed.xml"))
		return "application/atom+xml";
	const char *dot = strrchr(base, '.');
	for (size_t i = 0; dot && i < sizeof mime_types / sizeof *mime_types; i++)
		if (!strcasecmp(dot, mime_types[i].ext))
			return mime_types[i].type;
	return "application/octet-stream";
}

void serve_inject(buf *out, const char *html, size_t len,
		  unsigned long version)
{
	static const char end[] = "</body>";
	size_t at = len, n = sizeof end - 1;
	for (size_t i = len >= n ? len - n + 1 : 0; i-- > 0;)
		if (!strncasecmp(html + i, end, n)) {
			at = i;
			break;
		}
	buf_put(out, html, at);
	buf_printf(out, "<script src=\"" INTERNAL_PREFIX "reload.js?v=%lu\">"
		   "</script>\n", version);
	buf_put(out, html + at, len - at);
}

/* ---- building ---------------------------------------------------------- */

static char *error_page(const diag *d)
{
	buf b = BUF_INIT;
	buf_puts(&b, "<!doctype html>\n<html lang=\"en\"><head><meta "
		 "charset=\"utf-8\"><title>Content errors - site-gen</title>"
		 "</head>\n<body><h1>The content has errors</h1>\n<p>Nothing "
		 "was published. Fix the files below and save: this page "
		 "reloads by itself.</p>\n<pre>");
	for (size_t i = 0; i < diag_count(d); i++) {
		const diag_item *it = diag_get(d, i);
		buf line = BUF_INIT;
		diag_format_item(it, &line);
		buf_put_html(&b, line.ptr, line.len);
		buf_free(&line);
	}
	buf_puts(&b, "</pre>\n</body></html>\n");
	return buf_detach(&b);
}

static void rebuild(server *s)
{
	diag *d = diag_new();
	build_opts bo = s->o->build;
	bo.quiet = true;
	pthread_rwlock_wrlock(&s->lock);
	int rc = build_run(&bo, d);
	diag_sort(d);
	free(s->errors_html);
	s->errors_html = rc ? error_page(d) : NULL;
	free(s->root);
	s->root = realpath(bo.out_dir, NULL);
	unsigned long v = ++s->version;
	pthread_rwlock_unlock(&s->lock);
	diag_print(d, stderr);
	fprintf(stderr, "site-gen: build %lu %s\n", v,
		rc ? "failed: the pages show the errors" : "published");
	diag_free(d);
}

/* ---- answering requests ------------------------------------------------ */

static enum MHD_Result respond(struct MHD_Connection *c, unsigned status,
			    struct MHD_Response *r, const char *type)
{
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	/* A preview must always show the latest build. */
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	enum MHD_Result ret = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result send_text(struct MHD_Connection *c, unsigned status,
				 const char *text)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(
		strlen(text), (void *)text, MHD_RESPMEM_PERSISTENT);
	return respond(c, status, r, "text/plain; charset=utf-8");
}

/* Caller holds the lock (for s->version). */
static enum MHD_Result send_html(server *s, struct MHD_Connection *c,
				 unsigned status, const char *html, size_t len)
{
	buf b = BUF_INIT;
	serve_inject(&b, html, len, s->version);
	size_t n = b.len;
	struct MHD_Response *r = MHD_create_response_from_buffer(
		n, buf_detach(&b), MHD_RESPMEM_MUST_FREE);
	return respond(c, status, r, "text/html; charset=utf-8");
}

static enum MHD_Result send_file(server *s, struct MHD_Connection *c,
				 unsigned status, const char *path)
{
	if (!strcmp(serve_mime_type(path), "text/html; charset=utf-8")) {
		buf b = BUF_INIT;
		enum MHD_Result ret = buf_read_file(&b, path) == 0
			? send_html(s, c, status, b.ptr, b.len)
			: send_text(c, 500, "cannot read the file\n");
		buf_free(&b);
		return ret;
	}
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0) {
		if (fd >= 0)
			close(fd);
		return send_text(c, 500, "cannot read the file\n");
	}
	struct MHD_Response *r = MHD_create_response_from_fd64(
		(uint64_t)st.st_size, fd);
	return respond(c, status, r, serve_mime_type(path));
}

static enum MHD_Result send_redirect(struct MHD_Connection *c,
				     const char *url)
{
	buf to = BUF_INIT;
	buf_printf(&to, "%s/", url);
	struct MHD_Response *r = MHD_create_response_from_buffer(
		0, NULL, MHD_RESPMEM_PERSISTENT);
	MHD_add_response_header(r, MHD_HTTP_HEADER_LOCATION, to.ptr);
	buf_free(&to);
	return respond(c, MHD_HTTP_MOVED_PERMANENTLY, r, "text/plain");
}

typedef enum { FOUND, MISSING, FORBIDDEN, NEEDS_SLASH } lookup;

/* Map a URL path (already percent-decoded by libmicrohttpd) to a file in
 * the output folder: "/" and "/x/" mean index.html. Sets *path (caller
 * frees) when FOUND. Caller holds the lock. */
static lookup find_file(server *s, const char *url, char **path)
{
	if (url[0] != '/')
		return FORBIDDEN;
	buf rel = BUF_INIT, full = BUF_INIT;
	buf_puts(&rel, url + 1);
	bool dir_url = rel.len == 0 || rel.ptr[rel.len - 1] == '/';
	if (dir_url && rel.len)
		buf_truncate(&rel, rel.len - 1);
	lookup res = MISSING;
	struct stat st;
	if (rel.len && !pub_path_ok(rel.ptr)) {
		res = FORBIDDEN;
		goto out;
	}
	if (!s->root)
		goto out;
	buf_printf(&full, "%s%s%s", s->root, rel.len ? "/" : "", rel.ptr);
	if (stat(full.ptr, &st) == 0 && S_ISDIR(st.st_mode)) {
		if (!dir_url) {
			res = NEEDS_SLASH;
			goto out;
		}
		buf_puts(&full, "/index.html");
	} else if (dir_url && rel.len) {
		goto out;
	}
	char *real = realpath(full.ptr, NULL);
	size_t rl = strlen(s->root);
	if (!real)
		res = MISSING;
	else if (strncmp(real, s->root, rl) || real[rl] != '/')
		res = FORBIDDEN;
	else if (stat(real, &st) == 0 && S_ISREG(st.st_mode))
		res = FOUND, *path = real, real = NULL;
	free(real);
out:
	buf_free(&rel);
	buf_free(&full);
	return res;
}

static bool is_html(const char *path)
{
	size_t n = strlen(path);
	return n >= 5 && !strcmp(path + n - 5, ".html");
}

static enum MHD_Result send_not_found(server *s, struct MHD_Connection *c)
{
	char *page = NULL;
	if (find_file(s, "/404.html", &page) == FOUND) {
		enum MHD_Result ret = send_file(s, c, MHD_HTTP_NOT_FOUND, page);
		free(page);
		return ret;
	}
	return send_text(c, MHD_HTTP_NOT_FOUND, "404 not found\n");
}

/* Caller holds the lock. */
static enum MHD_Result serve_url(server *s, struct MHD_Connection *c,
				 const char *url)
{
	char *path = NULL;
	lookup l = find_file(s, url, &path);
	if (l == FORBIDDEN)
		return send_text(c, MHD_HTTP_FORBIDDEN, "403 forbidden\n");
	if (l == NEEDS_SLASH)
		return send_redirect(c, url);
	if (s->errors_html && (l == MISSING || is_html(path))) {
		free(path);
		return send_html(s, c, MHD_HTTP_INTERNAL_SERVER_ERROR,
				 s->errors_html, strlen(s->errors_html));
	}
	if (l == MISSING)
		return send_not_found(s, c);
	enum MHD_Result ret = send_file(s, c, MHD_HTTP_OK, path);
	free(path);
	return ret;
}

static enum MHD_Result serve_internal(server *s, struct MHD_Connection *c,
				      const char *name)
{
	if (!strcmp(name, "reload.js")) {
		struct MHD_Response *r = MHD_create_response_from_buffer(
			sizeof reload_js - 1, (void *)reload_js,
			MHD_RESPMEM_PERSISTENT);
		return respond(c, MHD_HTTP_OK, r, "text/javascript");
	}
	if (!strcmp(name, "version")) {
		char v[32];
		pthread_rwlock_rdlock(&s->lock);
		int n = snprintf(v, sizeof v, "%lu\n", s->version);
		pthread_rwlock_unlock(&s->lock);
		struct MHD_Response *r = MHD_create_response_from_buffer(
			(size_t)n, v, MHD_RESPMEM_MUST_COPY);
		return respond(c, MHD_HTTP_OK, r, "text/plain; charset=utf-8");
	}
	return send_text(c, MHD_HTTP_NOT_FOUND, "404 not found\n");
}

/* Is `name` (a Host header without its port) one this preview answers
 * to? A page on another site can make a browser send requests here under
 * that site's own name once its DNS points to this computer (DNS
 * rebinding); refusing names other than localhost stops the page from
 * reading the answers. Such a page cannot have an IP address as its name,
 * and an IP address is how other computers reach a preview started with
 * --bind 0.0.0.0, so those are answered. */
static bool host_name_ok(const char *name, size_t len)
{
	static const char sub[] = ".localhost";
	size_t sl = sizeof sub - 1;
	if ((len == sl - 1 && !strncasecmp(name, sub + 1, len)) ||
	    (len > sl && !strncasecmp(name + len - sl, sub, sl)))
		return true;
	bool v6 = len > 2 && name[0] == '[' && name[len - 1] == ']';
	if (v6)
		name++, len -= 2;
	char ip[INET6_ADDRSTRLEN];
	unsigned char addr[sizeof(struct in6_addr)];
	if (len >= sizeof ip)
		return false;
	memcpy(ip, name, len);
	ip[len] = '\0';
	return inet_pton(v6 ? AF_INET6 : AF_INET, ip, addr) == 1;
}

/* A Host header: a name or address, then an optional ":port". */
static bool host_ok(const char *host)
{
	const char *close = host[0] == '[' ? strchr(host, ']') : NULL;
	size_t len = close ? (size_t)(close + 1 - host) : strcspn(host, ":");
	const char *port = host + len;
	bool port_ok = !*port || (port[0] == ':' && port[1] &&
				  !port[1 + strspn(port + 1, "0123456789")]);
	return port_ok && host_name_ok(host, len);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c,
				  const char *url, const char *method,
				  const char *version, const char *upload_data,
				  size_t *upload_size, void **req_cls)
{
	(void)version; (void)upload_data; (void)upload_size; (void)req_cls;
	server *s = cls;
	/* HTTP/1.0 requests may come without a Host header: no browser page
	 * sends those, so they are answered. */
	const char *host = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
						       MHD_HTTP_HEADER_HOST);
	if (host && !host_ok(host))
		return send_text(c, MHD_HTTP_FORBIDDEN, "403 forbidden: this "
				 "preview answers only to localhost and IP "
				 "addresses, not to other host names\n");
	if (strcmp(method, MHD_HTTP_METHOD_GET) &&
	    strcmp(method, MHD_HTTP_METHOD_HEAD))
		return send_text(c, MHD_HTTP_METHOD_NOT_ALLOWED,
				 "only GET and HEAD\n");
	if (!strncmp(url, INTERNAL_PREFIX, strlen(INTERNAL_PREFIX)))
		return serve_internal(s, c, url + strlen(INTERNAL_PREFIX));
	pthread_rwlock_rdlock(&s->lock);
	enum MHD_Result ret = serve_url(s, c, url);
	pthread_rwlock_unlock(&s->lock);
	return ret;
}

/* ---- the daemon -------------------------------------------------------- */

typedef struct listen_addr {
	struct sockaddr_storage sa;
	bool v6;
} listen_addr;

static int parse_bind(const char *bind, unsigned port, listen_addr *a)
{
	memset(a, 0, sizeof *a);
	struct sockaddr_in *v4 = (struct sockaddr_in *)&a->sa;
	struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&a->sa;
	if (!strcmp(bind, "localhost"))
		bind = SERVE_DEFAULT_BIND;
	if (inet_pton(AF_INET, bind, &v4->sin_addr) == 1) {
		v4->sin_family = AF_INET;
		v4->sin_port = htons((uint16_t)port);
		return 0;
	}
	if (inet_pton(AF_INET6, bind, &v6->sin6_addr) == 1) {
		v6->sin6_family = AF_INET6;
		v6->sin6_port = htons((uint16_t)port);
		a->v6 = true;
		return 0;
	}
	return -1;
}

static struct MHD_Daemon *start_daemon(server *s, const listen_addr *a)
{
	unsigned flags = MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_ERROR_LOG |
			 (a->v6 ? MHD_USE_IPv6 : 0);
	/* The port argument only names the port in libmicrohttpd's messages;
	 * the address says where to listen. */
	return MHD_start_daemon(flags, (uint16_t)s->o->port, NULL, NULL,
				on_request, s,
				MHD_OPTION_SOCK_ADDR, (const struct sockaddr *)&a->sa,
				MHD_OPTION_CONNECTION_TIMEOUT, 30u,
				MHD_OPTION_END);
}

static void print_address(struct MHD_Daemon *d, const char *bind, bool v6)
{
	const union MHD_DaemonInfo *info =
		MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	printf("Serving at http://%s%s%s:%u/ (Ctrl-C to stop)\n", v6 ? "[" : "",
	       bind, v6 ? "]" : "", info ? (unsigned)info->port : 0u);
	fflush(stdout);
}

/* ---- watching ---------------------------------------------------------- */

static int watch_folder(void *ino, const char *path, const char *rel,
			const struct stat *st)
{
	(void)rel;
	if (S_ISDIR(st->st_mode))
		inotify_add_watch(*(int *)ino, path, WATCH_MASK);
	return 0;
}

/* Watch `dir` and every folder below it. Adding a watch that exists is
 * harmless, so this also picks up folders created since the last call. */
static void watch_tree(int ino, const char *dir)
{
	if (inotify_add_watch(ino, dir, WATCH_MASK) >= 0)
		dir_walk(dir, watch_folder, &ino);
}

static void watch_all(server *s)
{
	const build_opts *b = &s->o->build;
	watch_tree(s->inotify, b->content_dir);
	watch_tree(s->inotify, b->theme_dir);
	if (b->layouts_dir)
		watch_tree(s->inotify, b->layouts_dir);
}

/* Editors' swap and backup files (".x.swp", "x~") and report's temporary
 * files are not content. */
static bool relevant(const struct inotify_event *e)
{
	if (!e->len || (e->mask & IN_Q_OVERFLOW))
		return true;
	size_t n = strlen(e->name);
	return e->name[0] != '.' && e->name[n - 1] != '~';
}

/* Read all queued events; true if any is a change worth a rebuild. */
static bool drain_events(server *s)
{
	char ev[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
	bool changed = false;
	ssize_t n;
	while ((n = read(s->inotify, ev, sizeof ev)) > 0)
		for (char *p = ev; p < ev + n;) {
			const struct inotify_event *e = (const void *)p;
			changed |= relevant(e);
			p += sizeof *e + e->len;
		}
	return changed;
}

/* Wait for changes and signals: rebuild once the changes have been quiet
 * for SERVE_DEBOUNCE_MS; return on SIGINT or SIGTERM. */
static void watch_loop(server *s, int sigfd)
{
	struct pollfd fds[2] = { { sigfd, POLLIN, 0 }, { s->inotify, POLLIN, 0 } };
	bool pending = false;
	for (;;) {
		int n = poll(fds, s->inotify >= 0 ? 2 : 1,
			     pending ? SERVE_DEBOUNCE_MS : -1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || fds[0].revents)
			return;
		if (n == 0) {
			pending = false;
			watch_all(s);
			rebuild(s);
		} else if (drain_events(s)) {
			pending = true;
		}
	}
}

/* ---- running ----------------------------------------------------------- */

static int run(server *s, const listen_addr *a, int sigfd)
{
	s->inotify = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (s->inotify < 0)
		fprintf(stderr, "site-gen: warning: cannot watch for changes (%s); "
			"restart serve to see them\n", strerror(errno));
	else
		watch_all(s);
	/* Listen before building, so a port in use fails at once; requests
	 * that come during the first build wait for it (s->lock). */
	struct MHD_Daemon *d = start_daemon(s, a);
	if (!d) {
		fprintf(stderr, "site-gen: cannot listen on %s port %u (in use? "
			"try --port 0)\n", s->o->bind, s->o->port);
		return 1;
	}
	rebuild(s);
	print_address(d, s->o->bind, a->v6);
	watch_loop(s, sigfd);
	MHD_stop_daemon(d);
	fprintf(stderr, "site-gen: stopped\n");
	return 0;
}

int serve_run(const serve_opts *o)
{
	listen_addr a;
	if (parse_bind(o->bind, o->port, &a) != 0) {
		fprintf(stderr, "site-gen: --bind needs an IP address, not '%s'\n",
			o->bind);
		return 1;
	}
	/* Signals are taken from a signalfd in the main loop; blocking them
	 * first also keeps them out of the server's threads and lets a build
	 * in progress finish (publish.h) before serve stops. */
	sigset_t sigs;
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	int sigfd = signalfd(-1, &sigs, SFD_CLOEXEC);
	server s = { .o = o, .inotify = -1 };
	pthread_rwlock_init(&s.lock, NULL);
	int rc = sigfd < 0 ? 1 : run(&s, &a, sigfd);
	if (s.inotify >= 0)
		close(s.inotify);
	if (sigfd >= 0)
		close(sigfd);
	pthread_rwlock_destroy(&s.lock);
	free(s.root);
	free(s.errors_html);
	return rc;
}
