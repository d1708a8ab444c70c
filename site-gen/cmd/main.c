/* main.c - the command line. Everything else lives in the modules. */
#include "build.h"
#include "buf.h"
#include "check.h"
#include "diag.h"
#include "hist.h"
#include "ledger.h"
#include "histview.h"
#include "load.h"
#include "report.h"
#include "serve.h"
#include "skeleton.h"
#include "text.h"
#include "theme.h"
#include "tmpl.h"

#include <cjson/cJSON.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { EXIT_CONTENT = 1, EXIT_USAGE = 2 };

static const char usage_text[] =
	"usage: site-gen <command> [options]\n"
	"\n"
	"Publish a work plan and its progress, kept in git, as a bilingual\n"
	"static website with open data.\n"
	"\n"
	"commands:\n"
	"  build   [--content DIR] [--theme DIR] [--out DIR] [--layouts DIR]\n"
	"          [--banner TEXT] [--cache DIR] [--wait SECONDS] [--force]\n"
	"          [--date YYYY-MM-DD] [--verbose]\n"
	"          check the content, then publish the site into DIR\n"
	"          (defaults: content, the theme below, public; the history\n"
	"          read from git and a record of the last build, which lets\n"
	"          an unchanged rebuild do nothing, are kept in .site-gen-cache;\n"
	"          one run at a time publishes into DIR: another waits up to\n"
	"          --wait seconds, default 60; --force replaces a non-empty\n"
	"          DIR that site-gen did not publish, deleting its files;\n"
	"          --date: the schedule's reference date, by default the\n"
	"          day of the newest commit of the content;\n"
	"          --verbose also prints the time of each stage)\n"
	"  new     DIR [--theme DIR]\n"
	"          start a new plan's content folder DIR (new, or empty):\n"
	"          site.yaml, every CSV file with its header, one example\n"
	"          task and a README for the office; it passes check\n"
	"  log     [--content DIR] [--json] [--cache DIR] [--verbose]\n"
	"          print every change of the content found in git history\n"
	"  check   [--content DIR] [--cache DIR] [--date YYYY-MM-DD]\n"
	"          validate the content; print every problem found, with\n"
	"          warnings from its history: revised targets without a\n"
	"          reason, reports stale at the reference date (--date)\n"
	"  render  TEMPLATE --data FILE.json [--partials DIR]\n"
	"          render one Mustache template to standard output\n"
	"  serve   [--content DIR] [--theme DIR] [--out DIR] [--port N]\n"
	"          [--bind ADDR] [--wait SECONDS] [--force]\n"
	"          preview: build, serve DIR at http://127.0.0.1:1313/, rebuild\n"
	"          and reload the page on every change (--port 0: any free port)\n"
	"  report  TASK-ID --status S [--progress N] [--as-of YYYY-MM-DD]\n"
	"          [--metric ID=VALUE]... [--note LANG=FILE]... [--content DIR]\n"
	"          create or update progress/TASK-ID.LANG.md (--note: the new\n"
	"          narrative in a language of site.yaml; --note-zh FILE and\n"
	"          --note-en FILE are --note zh=FILE, en=FILE); refuses,\n"
	"          changing nothing, when the result would not pass check\n"
	"  ledger  export --out FILE.xlsx|FILE.csv [--unit ID] [--as-of DATE]\n"
	"          [--content DIR] [--theme DIR]\n"
	"          write a reporting sheet (台账): a row per task the unit\n"
	"          leads (every task without --unit) with its last report,\n"
	"          and a row per metric, with columns to fill in\n"
	"  ledger  import FILE.xlsx|FILE.csv [--as-of DATE] [--commit]\n"
	"          [--author 'NAME <EMAIL>'] [--content DIR] [--theme DIR]\n"
	"          apply every filled-in row as report would, all or nothing;\n"
	"          problems are printed as file:sheet!D14: error: message;\n"
	"          --as-of: the date of rows without one (default today);\n"
	"          --commit: commit the changed reports with git, as --author\n"
	"\n"
	"options:\n"
	"  -h, --help      show this help\n"
	"  -V, --version   show the version\n"
	"\n"
	"The theme: --theme DIR, else site.yaml's 'theme', else the first of\n"
	"./themes/default and, beside the program (PREFIX/bin/site-gen),\n"
	"PREFIX/themes/default and PREFIX/share/site-gen/themes/default.\n"
	"\n"
	"Problems are printed as path:line:col: error: message.\n"
	"exit status: 0 success, 1 content errors (nothing published),\n"
	"2 usage error.\n"
	"Content format: docs/content-format.md; editing workflow:\n"
	"docs/workflow.md; manual: man site-gen\n";

__attribute__((format(printf, 1, 2)))
static int usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("site-gen: ", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry 'site-gen --help'.\n", stderr);
	return EXIT_USAGE;
}

typedef struct cli {
	build_opts build;
	const char *data_file, *partials_dir;
	bool json;                 /* log: --json */
	serve_opts serve;          /* serve: --port, --bind */
	report_opts report;        /* report: --status, …; metrics below */
	report_metric metrics[64];
	report_note notes[16];
	ledger_opts ledger;        /* ledger: --unit, --author, --commit */
	char *theme_found;         /* build.theme_dir once found; main frees it */
	bool out_given;
} cli;

enum { OPT_CONTENT = 256, OPT_THEME, OPT_OUT, OPT_LAYOUTS, OPT_DATA,
       OPT_PARTIALS, OPT_BANNER,
       OPT_PORT, OPT_BIND, OPT_STATUS, OPT_PROGRESS, OPT_AS_OF, OPT_METRIC,
       OPT_NOTE, OPT_NOTE_ZH, OPT_NOTE_EN, OPT_CACHE, OPT_VERBOSE, OPT_JSON,
       OPT_WAIT, OPT_FORCE, OPT_DATE, OPT_UNIT, OPT_AUTHOR, OPT_COMMIT };

static const struct option long_opts[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ "content", required_argument, NULL, OPT_CONTENT },
	{ "theme", required_argument, NULL, OPT_THEME },
	{ "out", required_argument, NULL, OPT_OUT },
	{ "layouts", required_argument, NULL, OPT_LAYOUTS },
	{ "banner", required_argument, NULL, OPT_BANNER },
	{ "data", required_argument, NULL, OPT_DATA },
	{ "partials", required_argument, NULL, OPT_PARTIALS },
	{ "quiet", no_argument, NULL, 'q' },
	{ "port", required_argument, NULL, OPT_PORT },
	{ "bind", required_argument, NULL, OPT_BIND },
	{ "status", required_argument, NULL, OPT_STATUS },
	{ "progress", required_argument, NULL, OPT_PROGRESS },
	{ "as-of", required_argument, NULL, OPT_AS_OF },
	{ "metric", required_argument, NULL, OPT_METRIC },
	{ "note", required_argument, NULL, OPT_NOTE },
	{ "note-zh", required_argument, NULL, OPT_NOTE_ZH },
	{ "note-en", required_argument, NULL, OPT_NOTE_EN },
	{ "cache", required_argument, NULL, OPT_CACHE },
	{ "verbose", no_argument, NULL, OPT_VERBOSE },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "wait", required_argument, NULL, OPT_WAIT },
	{ "force", no_argument, NULL, OPT_FORCE },
	{ "date", required_argument, NULL, OPT_DATE },
	{ "unit", required_argument, NULL, OPT_UNIT },
	{ "author", required_argument, NULL, OPT_AUTHOR },
	{ "commit", no_argument, NULL, OPT_COMMIT },
	{ NULL, 0, NULL, 0 },
};

/* A whole number from 0 to `max` for option `name`, in *out. Returns 0,
 * or EXIT_USAGE after a message. */
static int number_option(const char *name, const char *arg, long max,
			 unsigned *out)
{
	char *end;
	long v = strtol(arg, &end, 10);
	if (*end || end == arg || v < 0 || v > max)
		return usage_error("%s needs a number from 0 to %ld, not '%s'",
				   name, max, arg);
	*out = (unsigned)v;
	return 0;
}

static int add_note(cli *c, const char *lang, const char *path)
{
	report_opts *r = &c->report;
	if (r->n_notes == sizeof c->notes / sizeof *c->notes)
		return usage_error("%s", "too many --note options");
	c->notes[r->n_notes++] = (report_note){ lang, path, NULL };
	return 0;
}

/* Options of serve and report, and --wait. Returns 0, or EXIT_USAGE after
 * a message. */
static int workflow_option(cli *c, int opt, char *arg)
{
	report_opts *r = &c->report;
	char *eq;
	switch (opt) {
	case OPT_PORT: return number_option("--port", arg, 65535, &c->serve.port);
	case OPT_WAIT: return number_option("--wait", arg, 86400, &c->build.wait_s);
	case OPT_BIND: c->serve.bind = arg; return 0;
	case OPT_STATUS: r->status = arg; return 0;
	case OPT_PROGRESS: r->progress = arg; return 0;
	case OPT_AS_OF: r->as_of = arg; return 0;
	case OPT_NOTE_ZH: return add_note(c, "zh", arg);
	case OPT_NOTE_EN: return add_note(c, "en", arg);
	}
	if (opt == OPT_NOTE) {
		if (!(eq = strchr(arg, '=')) || eq == arg || !eq[1])
			return usage_error("--note needs LANG=FILE, not '%s'", arg);
		*eq = '\0';
		return add_note(c, arg, eq + 1);
	}
	if (!(eq = strchr(arg, '=')) || eq == arg)
		return usage_error("--metric needs ID=VALUE, not '%s'", arg);
	if (r->n_metrics == sizeof c->metrics / sizeof *c->metrics)
		return usage_error("%s", "too many --metric options");
	*eq = '\0';
	c->metrics[r->n_metrics++] = (report_metric){ arg, eq + 1 };
	return 0;
}

/* Parse options after the command word. Returns -1 to exit 0 (help,
 * version), EXIT_USAGE on error, 0 to go on. */
static int parse_options(int argc, char **argv, cli *c)
{
	int opt;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "hVq", long_opts, NULL)) != -1) {
		switch (opt) {
		case 'h': fputs(usage_text, stdout); return -1;
		case 'V': printf("site-gen %s\n", SG_VERSION); return -1;
		case 'q': c->build.quiet = true; break;
		case OPT_CONTENT: c->build.content_dir = optarg; break;
		case OPT_THEME: c->build.theme_dir = optarg; break;
		case OPT_OUT: c->build.out_dir = optarg, c->out_given = true; break;
		case OPT_UNIT: c->ledger.unit = optarg; break;
		case OPT_AUTHOR: c->ledger.author = optarg; break;
		case OPT_COMMIT: c->ledger.commit = true; break;
		case OPT_LAYOUTS: c->build.layouts_dir = optarg; break;
		case OPT_BANNER: c->build.banner = optarg; break;
		case OPT_DATA: c->data_file = optarg; break;
		case OPT_PARTIALS: c->partials_dir = optarg; break;
		case OPT_CACHE: c->build.cache_dir = optarg; break;
		case OPT_VERBOSE: c->build.verbose = true; break;
		case OPT_JSON: c->json = true; break;
		case OPT_FORCE: c->build.force = true; break;
		case OPT_DATE:
			if (!text_parse_date(optarg, NULL))
				return usage_error("--date needs a real date, "
						   "YYYY-MM-DD, not '%s'", optarg);
			c->build.date = optarg;
			break;
		case OPT_PORT: case OPT_WAIT: case OPT_BIND: case OPT_STATUS:
		case OPT_PROGRESS:
		case OPT_AS_OF: case OPT_METRIC: case OPT_NOTE: case OPT_NOTE_ZH:
		case OPT_NOTE_EN:
			if (workflow_option(c, opt, optarg))
				return EXIT_USAGE;
			break;
		default:
			return usage_error("unknown or incomplete option '%s'",
					   argv[optind - 1]);
		}
	}
	return 0;
}

static int finish(diag *d, int rc)
{
	diag_sort(d);
	diag_print(d, stderr);
	diag_free(d);
	return rc;
}

/* The theme of build, serve, ledger and new (theme.h) into
 * c->build.theme_dir. Returns 0, or EXIT_CONTENT after an error naming
 * where the default theme was looked for. */
static int find_theme(cli *c, const char *content_dir)
{
	diag *d = diag_new();
	c->theme_found = theme_find(c->build.theme_dir, content_dir, d);
	c->build.theme_dir = c->theme_found;
	return finish(d, c->theme_found ? 0 : EXIT_CONTENT);
}

static int cmd_check(cli *c)
{
	diag *d = diag_new();
	int rc = build_check(&c->build, d) ? EXIT_CONTENT : 0;
	if (!rc && !diag_count(d))
		fprintf(stderr, "%s: no problems found\n", c->build.content_dir);
	return finish(d, rc);
}

static int cmd_build(cli *c)
{
	int rc = find_theme(c, c->build.content_dir);
	if (rc)
		return rc;
	diag *d = diag_new();
	rc = build_run(&c->build, d);
	return finish(d, rc ? EXIT_CONTENT : 0);
}

/* The log needs the content only for the site's time zone, so content
 * errors do not stop it. */
static int cmd_log(cli *c)
{
	diag *d = diag_new(), *scratch = diag_new();
	model *m = load_content(c->build.content_dir, scratch);
	diag_free(scratch);
	hist *h = hist_load(c->build.content_dir, m, c->build.cache_dir, d);
	histview_log(h, m, c->json, stdout);
	if (c->build.verbose)
		histview_stats(h, stderr);
	hist_free(h);
	model_free(m);
	return finish(d, 0);
}

static int render_file(const char *tpl, cli *c, diag *d)
{
	buf src = BUF_INIT, json = BUF_INIT, out = BUF_INIT;
	int rc = EXIT_CONTENT;
	cJSON *data = NULL;
	tmpl_set *set = tmpl_set_new();
	if (buf_read_file(&json, c->data_file) != 0)
		diag_error(d, c->data_file, 0, 0, "cannot read the data file");
	else if (!(data = cJSON_ParseWithLength(json.ptr, json.len)))
		diag_error(d, c->data_file, 0, 0, "not valid JSON");
	else if (buf_read_file(&src, tpl) != 0)
		diag_error(d, tpl, 0, 0, "cannot read the template");
	else if ((!c->partials_dir ||
		  tmpl_set_load_dir(set, c->partials_dir, d) == 0) &&
		 tmpl_set_add(set, "\x01main", tpl, buf_cstr(&src), src.len, d) == 0 &&
		 tmpl_render(set, "\x01main", data, &out, d) == 0) {
		fwrite(out.ptr, 1, out.len, stdout);
		rc = 0;
	}
	cJSON_Delete(data);
	tmpl_set_free(set);
	buf_free(&src);
	buf_free(&json);
	buf_free(&out);
	return rc;
}

static int cmd_render(cli *c, int argc, char **argv)
{
	if (optind >= argc)
		return usage_error("%s", "render needs a TEMPLATE file");
	if (!c->data_file)
		return usage_error("%s", "render needs --data FILE.json");
	diag *d = diag_new();
	return finish(d, render_file(argv[optind], c, d));
}

static int cmd_serve(cli *c)
{
	int rc = find_theme(c, c->build.content_dir);
	if (rc)
		return rc;
	c->serve.build = c->build;
	return serve_run(&c->serve) ? EXIT_CONTENT : 0;
}

static int cmd_report(cli *c, int argc, char **argv)
{
	if (optind != argc - 1)
		return usage_error("%s", "report needs exactly one TASK-ID");
	if (!c->report.status)
		return usage_error("%s", "report needs --status (not_started, "
				   "on_track, at_risk, delayed, completed or "
				   "withdrawn)");
	c->report.content_dir = c->build.content_dir;
	c->report.task_id = argv[optind];
	c->report.metrics = c->metrics;
	c->report.notes = c->notes;
	diag *d = diag_new();
	int rc = finish(d, report_run(&c->report, d, stdout) ? EXIT_CONTENT : 0);
	if (rc)
		fputs("site-gen: report refused; nothing was changed\n", stderr);
	return rc;
}

static int ledger_done(diag *d, int rc, const char *what)
{
	rc = finish(d, rc ? EXIT_CONTENT : 0);
	if (rc)
		fprintf(stderr, "site-gen: %s\n", what);
	return rc;
}

static int cmd_new(cli *c, int argc, char **argv)
{
	if (optind != argc - 1)
		return usage_error("%s", "new needs exactly one folder, DIR");
	const char *dir = argv[optind];
	int rc = find_theme(c, dir);
	if (rc)
		return rc;
	diag *d = diag_new();
	rc = skeleton_write(dir, c->build.theme_dir, d) ? EXIT_CONTENT : 0;
	if (!rc)
		fprintf(stderr, "site-gen: started a new plan in %s: fill in "
			"%s/site.yaml, then read %s/README.md\n", dir, dir, dir);
	return finish(d, rc);
}

/* A usage error of ledger's words, or 0. */
static int ledger_usage(const cli *c, int argc, const char *verb)
{
	bool export = !strcmp(verb, "export");
	if (export && (optind != argc - 1 || !c->out_given))
		return usage_error("%s", "ledger export needs --out FILE.xlsx or "
				   "FILE.csv");
	if (!export && (strcmp(verb, "import") || optind != argc - 2))
		return usage_error("%s", "ledger needs 'export --out FILE' or "
				   "'import FILE'");
	if (!export && c->ledger.commit && !c->ledger.author)
		return usage_error("%s", "ledger import --commit needs --author "
				   "'NAME <EMAIL>'");
	return 0;
}

static int cmd_ledger(cli *c, int argc, char **argv)
{
	ledger_opts *o = &c->ledger;
	const char *verb = optind < argc ? argv[optind] : "";
	bool export = !strcmp(verb, "export");
	o->content_dir = c->build.content_dir;
	o->as_of = c->report.as_of;
	if (o->as_of && !text_parse_date(o->as_of, NULL))
		return usage_error("--as-of needs a real date, YYYY-MM-DD, not "
				   "'%s'", o->as_of);
	int rc = ledger_usage(c, argc, verb);
	if (rc || (rc = find_theme(c, o->content_dir)))
		return rc;
	o->theme_dir = c->build.theme_dir;
	o->path = export ? c->build.out_dir : argv[optind + 1];
	diag *d = diag_new();
	if (export)
		return ledger_done(d, ledger_export(o, d), "no ledger written");
	rc = ledger_import(o, d, stdout);
	return ledger_done(d, rc, rc == LEDGER_NOT_COMMITTED ? "the reports "
			   "were written but not committed" : "ledger refused; "
			   "nothing was changed");
}

static int run_command(cli *c, const char *cmd, int argc, char **argv)
{
	if (!strcmp(cmd, "new"))
		return cmd_new(c, argc, argv);
	if (!strcmp(cmd, "check"))
		return cmd_check(c);
	if (!strcmp(cmd, "build"))
		return cmd_build(c);
	if (!strcmp(cmd, "log"))
		return cmd_log(c);
	if (!strcmp(cmd, "render"))
		return cmd_render(c, argc, argv);
	if (!strcmp(cmd, "serve"))
		return cmd_serve(c);
	if (!strcmp(cmd, "report"))
		return cmd_report(c, argc, argv);
	if (!strcmp(cmd, "ledger"))
		return cmd_ledger(c, argc, argv);
	return usage_error("unknown command '%s'", cmd);
}

int main(int argc, char **argv)
{
	cli c = { .build = { .content_dir = "content",
			     .out_dir = "public",
			     .cache_dir = ".site-gen-cache",
			     .wait_s = BUILD_DEFAULT_WAIT_S },
		  .serve = { .bind = SERVE_DEFAULT_BIND,
			     .port = SERVE_DEFAULT_PORT } };
	if (argc < 2)
		return usage_error("%s", "no command given");
	const char *cmd = argv[1];
	if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h")) {
		fputs(usage_text, stdout);
		return 0;
	}
	if (!strcmp(cmd, "--version") || !strcmp(cmd, "-V")) {
		printf("site-gen %s\n", SG_VERSION);
		return 0;
	}
	/* Options follow the command word: parse argv[1..] as a command line. */
	argc--, argv++;
	int rc = parse_options(argc, argv, &c);
	if (rc)
		return rc < 0 ? 0 : rc;
	rc = run_command(&c, cmd, argc, argv);
	free(c.theme_found);
	return rc;
}
