/* route.h - the site's URL scheme: where each page, record, feed and
 * snapshot lives, below the output root and as an absolute URL. Every
 * other module asks here instead of spelling a path itself.
 *
 *   what                    path below the output root ("[<lang>/]" only
 *                           where a language is given)
 *   ----------------------  ------------------------------------------
 *   dashboard               [<lang>/]
 *   task, unit lists        [<lang>/]tasks/  [<lang>/]units/
 *   plan, glossary          [<lang>/]plan/   [<lang>/]glossary/
 *   downloads, changes      [<lang>/]data/   [<lang>/]changes/
 *   about, search           [<lang>/]about/  [<lang>/]search/ (with the
 *                           index's files: search.h)
 *   section, task, unit     [<lang>/]sections/<id>/  tasks/<id>/  units/<id>/
 *   tasks by status, light  [<lang>/]tasks/status/<status>/
 *                           [<lang>/]tasks/light/<light>/
 *   stale reports           [<lang>/]tasks/report/stale/
 *   revised targets         [<lang>/]tasks/target/revised/
 *   a section's by status   [<lang>/]sections/<id>/status/<status>/
 *   a unit's tasks by them  [<lang>/]units/<id>/status/<status>/
 *                           [<lang>/]units/<id>/light/<light>/
 *                           [<lang>/]units/<id>/report/stale/
 *   a metric                [<lang>/]tasks/<task>/#metric-<metric>
 *   a report's evidence     [<lang>/]tasks/<task>/evidence/<file>
 *                           [<lang>/]tasks/<task>/#evidence (the list)
 *   a term, a plan part     [<lang>/]glossary/#term-<id>  [<lang>/]plan/#<part>
 *   Atom feeds              <lang>/feed.xml  <lang>/units/<id>/feed.xml
 *   a snapshot's files      data/snapshots/<tag>/...
 *   absolute URL            <base_url><path> (base_url ends in '/')
 *
 * <lang> is the language's tag in lower case: zh/, en/, zh-hant/.
 *
 * A page's file is its folder's index.html (view.h). Paths without a
 * language are what the open data stores per record; the data's URLs put
 * each language in front (route_url).
 *
 * A list's <status> is a status's name with its '_' ("on_track") and its
 * <light> a light's or a set's name (pace.h, "red", "far-behind"), so no
 * list's folder is a task's or unit's page.
 *
 * Every function appends to `out` and cannot fail (buf aborts when out of
 * memory). Ids are used as given: the content rules (text.h) keep them
 * safe in a path.
 */
#ifndef SG_ROUTE_H
#define SG_ROUTE_H

#include <stddef.h>

#include "buf.h"
#include "model.h"

/* The folders of the site's pages; the last three take a record's id. */
typedef enum {
	ROUTE_HOME, ROUTE_TASKS, ROUTE_UNITS, ROUTE_PLAN, ROUTE_GLOSSARY,
	ROUTE_DATA, ROUTE_CHANGES, ROUTE_ABOUT, ROUTE_SEARCH,
	ROUTE_SECTION, ROUTE_TASK, ROUTE_UNIT,
} route_kind;

/* What a list of tasks is filtered by (route_list). */
typedef enum { ROUTE_BY_STATUS, ROUTE_BY_LIGHT, ROUTE_BY_REPORT,
	       ROUTE_BY_TARGET } route_by;

/* Append the folder of page `k` ("zh/tasks/t001/"; "tasks/t001/" when
 * `lang` is NULL). `id` names the section, task or unit, else NULL. */
void route_page(buf *out, const char *lang, route_kind k, const char *id);
/* Append page `k`'s folder followed by "#" and the first `n` bytes of
 * `anchor` ("glossary/#term"). */
void route_anchor(buf *out, const char *lang, route_kind k, const char *id,
		  const char *anchor, size_t n);
/* Append the folder of the list of tasks whose status, light or report
 * (`by`) is `key`: every task's when `id` is NULL, else those of unit or
 * section `id` (`owner` ROUTE_UNIT or ROUTE_SECTION). */
void route_list(buf *out, const char *lang, route_kind owner, const char *id,
		route_by by, const char *key);
/* Append the place of metric `metric_id` on task `task_id`'s page. */
void route_metric(buf *out, const char *lang, const char *task_id,
		  const char *metric_id);
/* Append the place of glossary term `term_id` on the glossary page. */
void route_term(buf *out, const char *lang, const char *term_id);
/* Append the path of evidence file `file` of task `task_id`'s report;
 * with `file` NULL, the place of the list of its evidence on the task's
 * page. File names are safe in a path (load checks them). */
void route_evidence(buf *out, const char *lang, const char *task_id,
		    const char *file);
/* Append the path of language `lang`'s Atom feed, or of the feed of unit
 * `unit_id` (NULL: the site's). */
void route_feed(buf *out, const char *lang, const char *unit_id);
/* Append the folder of snapshot `tag`'s files, without the final '/'
 * ("data/snapshots/<tag>"). */
void route_snapshot(buf *out, const char *tag);
/* Append the absolute URL of `path` (a path above, "" for the site's
 * root), with "<lang>/" in front of it when `lang` is not NULL. */
void route_url(buf *out, const model *m, const char *lang, const char *path);

#endif
