/* Unit tests: schema.c, the one description of the content's tables. Its
 * enums index the descriptions: a gap or a wrong size would leave a column
 * without a name, and the loader and export would read garbage. */
#include "schema.h"
#include "tap.h"

#include <string.h>

static const schema_table *const tables[] = {
	&schema_units, &schema_sections, &schema_tasks, &schema_metrics,
	&schema_glossary,
};

static int is_table(const char *name)
{
	for (size_t i = 0; i < sizeof tables / sizeof *tables; i++)
		if (!strcmp(tables[i]->name, name))
			return 1;
	return !strcmp(name, "plan");   /* the plan/ files' ids */
}

/* Every column: a name, a meaning in both languages; a per-language one
 * also the meaning of its translation; an enum its values; a reference a
 * table that exists. */
static void test_complete(void)
{
	for (size_t t = 0; t < sizeof tables / sizeof *tables; t++) {
		const schema_table *st = tables[t];
		int good = st->ncols > 0 && strstr(st->file, st->name) == st->file;
		for (size_t c = 0; c < st->ncols; c++) {
			const schema_column *sc = &st->cols[c];
			int lang = (sc->flags & SCHEMA_PER_LANG) != 0;
			good &= sc->name && sc->meaning.en && sc->meaning.zh &&
				(!lang || (sc->translation.en && sc->translation.zh)) &&
				((sc->type == SCHEMA_ENUM) == (sc->values != NULL)) &&
				(!sc->ref || is_table(sc->ref));
		}
		ok(good, "%s: every column is described", st->name);
	}
}

static void test_positions(void)
{
	is_str(schema_tasks.cols[SCHEMA_TASK_DUE].name, "due",
	       "the enums name their column");
	ok(schema_tasks.ncols == SCHEMA_TASK_DUE + 1 &&
	   schema_metrics.ncols == SCHEMA_METRIC_REVISION_NOTE + 1 &&
	   schema_glossary.ncols == SCHEMA_TERM_NOTE + 1 &&
	   schema_sections.ncols == SCHEMA_SECTION_PLAN + 1 &&
	   schema_units.ncols == SCHEMA_UNIT_ALIASES + 1,
	   "each table has as many columns as its enum");
	ok(schema_value_ok(schema_comparators, "between") &&
	   !schema_value_ok(schema_comparators, "=="), "schema_value_ok");
}

int main(void)
{
	test_complete();
	test_positions();
	return done_testing();
}
