/* ledger_int.h - inside the ledger module (ledger.h is its public face):
 * the one description of the sheets' columns, shared by export and import,
 * and the theme's words they use.
 *
 *   ledger_cols.c    the columns, their keys and headers, status labels
 *   ledger_export.c  writing a workbook or CSV file
 *   ledger_import.c  reading one back into reports
 */
#ifndef SG_LEDGER_INT_H
#define SG_LEDGER_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "diag.h"
#include "ledger.h"
#include "model.h"
#include "words.h"

typedef enum { LEDGER_TASKS, LEDGER_METRICS, LEDGER_SHEETS } ledger_sheet;

/* What a column holds. */
typedef enum {
	LEDGER_ID, LEDGER_TEXT, LEDGER_LEAD, LEDGER_DUE, LEDGER_LAST_STATUS,
	LEDGER_LAST_PROGRESS, LEDGER_LAST_AS_OF, LEDGER_STATUS, LEDGER_PROGRESS,
	LEDGER_AS_OF, LEDGER_NARRATIVE, LEDGER_EVIDENCE, LEDGER_TASK, LEDGER_NAME,
	LEDGER_TARGET, LEDGER_LAST_ACTUAL, LEDGER_ACTUAL
} ledger_field;

typedef enum { LEDGER_IS_TEXT, LEDGER_IS_DATE, LEDGER_IS_NUMBER }
	ledger_kind;

/* A column in no language, in the source language (text_zh), or one per
 * language (narrative_zh, narrative_en). */
typedef enum { LEDGER_NO_LANG, LEDGER_SOURCE_LANG, LEDGER_EACH_LANG }
	ledger_langs;

typedef struct ledger_col {
	ledger_sheet sheet;
	ledger_field field;
	const char *name;         /* the key, without a language: "status" */
	ledger_kind kind;
	bool input;               /* filled in by the department */
	ledger_langs langs;
	double width;             /* in characters; a Chinese one counts 2 */
} ledger_col;

#define LEDGER_MAX_COLS 24

/* The columns of every sheet in order; returns how many. */
size_t ledger_columns(ledger_col out[LEDGER_MAX_COLS]);

/* A column's key: its name, with "_<lang>" for one in a language. */
void ledger_key(const ledger_col *c, const char *lang, buf *out);

/* The theme's words in each of the site's languages; `src` is the
 * source language's, in which the sheets are written. */
typedef struct ledger_words {
	words_set set;
	const struct cJSON *src;
} ledger_words;

/* Load them (every ledger key must be in every language's file). Returns
 * 0, or -1 after errors in `d`. */
int ledger_words_load(ledger_words *w, const char *theme_dir,
		      const model *m, diag *d);
void ledger_words_free(ledger_words *w);
/* The source language's word `key`. */
const char *ledger_word(const ledger_words *w, const char *key);

/* A column's header: "状态 (status)", "进展情况(英文) (narrative_en)". */
void ledger_header(const ledger_words *w, const ledger_col *c,
		   const char *lang, buf *out);

/* A status's label in the source language ("按计划推进"). */
const char *ledger_status_label(const ledger_words *w, task_status s);
/* The status that `s` names: a status's name or its label in any of the
 * site's languages; STATUS_NONE when none. */
task_status ledger_status_parse(const ledger_words *w, const char *s);

#endif
