/* repo_text.c - what commits say, made safe to publish (repo_int.h,
 * repo.h). */
#include "repo_int.h"
#include "text.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

/* ---- control characters and e-mail addresses --------------------------- */

/* Append s[0..len) without what must not reach a page or a CSV cell: a
 * terminal escape or a carriage return in an author's name or a subject
 * is git's to keep, not the site's to publish. Text that is not UTF-8
 * (a message in a legacy encoding) keeps its ASCII only. */
static void clean_controls(const char *s, size_t len, buf *out)
{
	bool utf8 = utf8_check(s, len) == len;
	for (size_t i = 0, n; i < len; i += n) {
		uint32_t cp = (unsigned char)s[i];
		n = cp >= 0x80 && utf8 ? utf8_decode(s + i, len - i, &cp) : 1;
		if (cp >= 0x80 && !utf8)
			buf_puts(out, "\xef\xbf\xbd"); /* U+FFFD */
		else if (cp == '\t' || cp == '\n' || cp == '\r')
			buf_putc(out, ' ');
		else if (!utf8_is_control(cp))
			buf_put(out, s + i, n);
	}
}

/* What an address may hold on each side of its '@', in ASCII. */
static bool local_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || (c && strchr(".!#$%&*+/=?^_~-", c));
}

static bool domain_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '.' || c == '-';
}

static bool wide_local_char(unsigned char c) { return c >= 0x80 || local_char(c); }
static bool wide_domain_char(unsigned char c) { return c >= 0x80 || domain_char(c); }

/* Where the address around the '@' at s[at] starts (not before `done`)
 * and ends; false when there is none. Each side is its ASCII characters,
 * so that Chinese text written up against an address stays; a side with
 * none is taken with its non-ASCII characters (an internationalised
 * address). A domain's final '.' is the sentence's. */
static bool address_at(const unsigned char *u, size_t at, size_t done,
		       size_t *from, size_t *to)
{
	size_t f = at, t = at + 1;
	while (f > done && local_char(u[f - 1]))
		f--;
	while (f == at && f > done && wide_local_char(u[f - 1]))
		f--;
	for (bool (*ok)(unsigned char) = domain_char;; ok = wide_domain_char) {
		while (ok(u[t]))
			t++;
		while (t > at + 1 && u[t - 1] == '.')
			t--;
		if (t > at + 1 || ok == wide_domain_char)
			break;
	}
	*from = f;
	*to = t;
	return f < at && t > at + 1;
}

/* Append s with every e-mail address (address_at) replaced by `mask`. */
static void mask_addresses(const char *s, const char *mask, buf *out)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t done = 0; /* s[0..done) is in out */
	for (size_t at = 0, from, to; s[at]; at++) {
		if (s[at] != '@' || !address_at(u, at, done, &from, &to))
			continue;
		buf_put(out, s + done, from - done);
		buf_puts(out, mask);
		done = to;
		at = to - 1;
	}
	buf_puts(out, s + done);
}

/* What may be left at either end of a name an address was taken from:
 * spaces, and what separated the name from the address. */
static bool is_blank(char c)
{
	return c == ' ' || c == ',' || c == ';' || c == ':';
}

/* An author's name with its addresses taken out, with the brackets that
 * held them and the spaces and separators left at either end;
 * REPO_ADDRESS_MASK when no letter or digit is left. */
static const char *clean_name(struct arena *a, const char *name)
{
	static const char opens[] = "<([", closes[] = ">)]";
	buf clean = BUF_INIT, bare = BUF_INIT, out = BUF_INIT;
	clean_controls(name, strlen(name), &clean);
	mask_addresses(buf_cstr(&clean), "", &bare);
	bool word = false;
	for (const char *s = buf_cstr(&bare); *s; s++) {
		const char *o = strchr(opens, *s);
		if (o && s[1] == closes[o - opens])
			s++; /* brackets left empty */
		else if (*s != ' ' || (out.len && out.ptr[out.len - 1] != ' '))
			buf_putc(&out, *s);
		word |= (unsigned char)*s >= 0x80 || isalnum((unsigned char)*s);
	}
	const char *t = buf_cstr(&out);
	size_t len = out.len;
	while (len && is_blank(t[len - 1]))
		len--;
	while (len && is_blank(*t))
		t++, len--;
	const char *name_out = word ? arena_strndup(a, t, len)
				    : arena_strdup(a, REPO_ADDRESS_MASK);
	buf_free(&clean);
	buf_free(&bare);
	buf_free(&out);
	return name_out;
}

/* The first `len` bytes of `s`, cleaned, with their addresses masked. */
static const char *clean_text(struct arena *a, const char *s, size_t len)
{
	buf clean = BUF_INIT, out = BUF_INIT;
	clean_controls(s, len, &clean);
	mask_addresses(buf_cstr(&clean), REPO_ADDRESS_MASK, &out);
	const char *t = arena_strdup(a, buf_cstr(&out));
	buf_free(&clean);
	buf_free(&out);
	return t;
}

/* The message's "Reason:" trailers (git interpret-trailers; the key in any
 * case), cleaned like the subject and joined by a space; "" without one.
 * A message libgit2 cannot split into trailers has none. */
static const char *trailer_reason(struct arena *a, const char *msg)
{
	git_message_trailer_array arr = { 0 };
	buf all = BUF_INIT;
	if (git_message_trailers(&arr, msg) == 0)
		for (size_t i = 0; i < arr.count; i++)
			if (!strcasecmp(arr.trailers[i].key, "Reason") &&
			    *arr.trailers[i].value)
				buf_printf(&all, "%s%s", all.len ? " " : "",
					   arr.trailers[i].value);
	git_message_trailer_array_free(&arr);
	const char *s = clean_text(a, all.ptr ? all.ptr : "", all.len);
	buf_free(&all);
	return s;
}

/* Git allows control characters in a file name, which the paths shown for
 * plan/ files must not carry. Each becomes U+FFFD, rather than nothing, so
 * that no such name becomes a content file's. */
void repo_text_put_name(buf *out, const char *name)
{
	for (const unsigned char *s = (const unsigned char *)name; *s; s++)
		if (*s < 0x20 || *s == 0x7f)
			buf_puts(out, "\xef\xbf\xbd");
		else
			buf_putc(out, (char)*s);
}

/* ---- commits and the mailmap ------------------------------------------- */

int repo_commit_info(repo *r, const char *id, struct arena *a,
		     repo_commit *out, diag *d)
{
	git_commit *c;
	if (repo_obj_commit(r, id, &c, d) != 0)
		return -1;
	const git_signature *sig = git_commit_author(c);
	const char *name = sig->name, *email = sig->email;
	if (r->mailmap)
		git_mailmap_resolve(&name, &email, r->mailmap, sig->name,
				    sig->email);
	const char *msg = git_commit_message(c);
	*out = (repo_commit){
		.id = arena_strdup(a, id),
		.summary = clean_text(a, msg, strcspn(msg, "\r\n")),
		.reason = trailer_reason(a, msg),
		.author = clean_name(a, name),
		.time = (long long)sig->when.time,
		.offset_min = sig->when.offset,
	};
	git_commit_free(c);
	return 0;
}

/* libgit2 reads a work tree's .mailmap, then the blob mailmap.blob names
 * and the file mailmap.file names. */
void repo_mailmap_source(repo *r, buf *out)
{
	buf path = BUF_INIT;
	buf_printf(&path, "%s.mailmap", git_repository_workdir(r->git));
	buf_read_file(out, path.ptr);
	buf_free(&path);
	git_config *cfg;
	if (git_repository_config_snapshot(&cfg, r->git) != 0)
		return;
	const char *rev;
	git_object *blob;
	if (git_config_get_string(&rev, cfg, "mailmap.blob") == 0 &&
	    git_revparse_single(&blob, r->git, rev) == 0) {
		char id[GIT_OID_HEXSZ + 1];
		git_oid_tostr(id, sizeof id, git_object_id(blob));
		buf_printf(out, "\nmailmap.blob %s\n", id);
		git_object_free(blob);
	}
	git_buf file = { 0 };
	if (git_config_get_path(&file, cfg, "mailmap.file") == 0) {
		buf_puts(out, "\nmailmap.file\n");
		buf_read_file(out, file.ptr);
	}
	git_buf_dispose(&file);
	git_config_free(cfg);
}
