/* search.h - the site's search index: in every language, the records
 * (tasks with their metrics, lead, status and report; the plan's
 * paragraphs;
 * units; glossary terms) cut into keys and written as small script files
 * under <lang>/search/, which the search page (the theme's search.js)
 * loads as a query needs them: by <script> elements, so that it works
 * from file:// with no server.
 *
 * Keys (search_tokens): a run of Han characters gives each character (for
 * one-character queries) and each pair of neighbours (bigrams: any
 * substring of two or more characters is found without a word
 * segmenter); Latin letters give lower-case words, lightly stemmed
 * (search_stem); digits give whole numbers, with a decimal part and a
 * following '%' ("1900", "98%", "2.5"); everything else separates. The
 * same rules are in search.js, for the query: tests/fixtures/search/
 * tokens.json holds both to the same cases.
 *
 * Either script: a Han-script edition (its strings' `script` is not
 * "latin") indexes the Simplified text of the language it is written in
 * or converted from (site.derived_from), and writes a map from each
 * Traditional form of its characters to the Simplified one (by the
 * site's converter), which search.js applies to the query.
 *
 * Files under <lang>/search/ (JSON inside a call, one line each):
 *   meta.js   sgSearch.meta({shards, chunk, docs}): the shard count,
 *             documents per chunk, their number
 *   k<N>.js   sgSearch.keys(N, {key: [doc, weight, …]}): the keys whose
 *             32-bit FNV-1a hash (of their UTF-8) modulo `shards` is N;
 *             postings in document order, each document number but the
 *             first as the difference from the one before, each with the
 *             weight (one digit, SEARCH_W_*) of the most important field
 *             holding the key
 *   d<N>.js   sgSearch.docs(N, [[kind, id, href, title, status, unit,
 *             text], …]): documents N*chunk…, href relative to the page;
 *             a task's text is its report's (its own is the title), a
 *             plan paragraph's title is "" (search.js takes its first
 *             sentence)
 *   t2s.js    sgSearch.t2s({traditional: simplified, …}), {} in a Latin
 *             edition or without a converter
 * Shards are cut to about SEARCH_SHARD_BYTES each. Output is
 * deterministic: keys, postings and documents in a fixed order.
 */
#ifndef SG_SEARCH_H
#define SG_SEARCH_H

#include <stddef.h>

#include "diag.h"
#include "model.h"
#include "publish.h"

struct cJSON;

#define SEARCH_SHARD_BYTES 4096
#define SEARCH_CHUNK 8

/* Call fn(ctx, key, len) for every key of `text` (valid UTF-8), in order,
 * repeats included; a key is at most SEARCH_KEY_MAX bytes (longer words
 * and numbers are cut). */
#define SEARCH_KEY_MAX 64
typedef void (*search_key_fn)(void *ctx, const char *key, size_t len);
void search_tokens(const char *text, search_key_fn fn, void *ctx);

/* Light English stemming of a lower-case ASCII word in place: "tasks" →
 * "task", "villages" → "village", "policies" → "policy", "boxes" → "box",
 * "planting" → "plant", "revised" → "revis"; words of four letters or
 * fewer, and "ss" endings, are kept. Returns the new length. */
size_t search_stem(char *word, size_t len);

/* The field weights, highest first. */
enum { SEARCH_W_TASK = 9, SEARCH_W_NAME = 8, SEARCH_W_METRIC = 6,
       SEARCH_W_LEAD = 4, SEARCH_W_PLAN = 3, SEARCH_W_STATUS = 2,
       SEARCH_W_NARRATIVE = 1 };

/* Write the index of every language into `p`; strings[l] are language
 * l's theme strings (status names, `script`). Returns 0, or -1 when a
 * file could not be written (reported to d). */
int search_write(const model *m, const struct cJSON *const *strings, pub *p,
		 diag *d);

#endif
