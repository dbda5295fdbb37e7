/*
 * cmd_report.c - `laborstat report [--preset health-it | --spec FILE.json] [--area A] --out DIR`:
 * a folder with index.html, report.md, charts/ (PNG, SVG, PDF and gnuplot scripts) and data/
 * (CSV). The steps are in report.h; charts render in parallel, one gnuplot per online CPU.
 */
#include "cli/report.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { OPT_PRESET = 3001, OPT_SPEC, OPT_AREA, OPT_OUT };

/* mkdir -p path */
static lab_status make_dir(const char *path, struct lab_error *err)
{
  char buf[REPORT_PATH_MAX];

  snprintf(buf, sizeof(buf), "%s", path);
  for (char *p = buf + 1; *p; p++) {
    if (*p != '/')
      continue;
    *p = '\0';
    if (mkdir(buf, 0755) != 0 && errno != EEXIST)
      return lab_error_set(err, LAB_ERR_IO, "cannot create '%s': %s", buf, strerror(errno));
    *p = '/';
  }
  if (mkdir(buf, 0755) != 0 && errno != EEXIST)
    return lab_error_set(err, LAB_ERR_IO, "cannot create '%s': %s", buf, strerror(errno));
  return LAB_OK;
}

static lab_status make_dirs(const char *dir, struct lab_error *err)
{
  char sub[REPORT_PATH_MAX + 16];
  lab_status st = make_dir(dir, err);

  snprintf(sub, sizeof(sub), "%s/charts", dir);
  if (!st)
    st = make_dir(sub, err);
  snprintf(sub, sizeof(sub), "%s/data", dir);
  if (!st)
    st = make_dir(sub, err);
  return st;
}

static double now(void)
{
  struct timespec t;

  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Build, render and write everything; the exit code. */
static int make(struct cli_ctx *ctx, struct report *r)
{
  struct lab_buf *scripts = NULL;
  struct lab_error err = {0};
  long jobs = sysconf(_SC_NPROCESSORS_ONLN);
  double t0 = now();
  size_t failed = 0, n = 0;
  lab_status st;
  int rc = CLI_EXIT_OK;

  st = make_dirs(r->dir, &err);
  if (!st)
    st = report_plan(r, &err);
  if (st) {
    rc = err.status == LAB_ERR_NOTFOUND ? cli_usage_error(&cli_cmd_report, "%s", err.msg)
                                        : cli_fail(&err);
    goto out;
  }
  n = r->ncharts * REPORT_NFORMATS;
  scripts = calloc(n ? n : 1, sizeof(*scripts));
  if (!scripts) {
    rc = cli_fail(&(struct lab_error){.status = LAB_ERR_NOMEM, .msg = "out of memory"});
    goto out;
  }
  for (size_t i = 0; i < n; i++)
    lab_buf_init(&scripts[i], 8u << 20);
  st = report_build(ctx, r, scripts, &err);
  if (!st) {
    for (size_t i = 0; i < r->ncharts; i++)
      failed += !r->charts[i].ok;
    failed += report_render(r, scripts, jobs);
    st = report_tables_make(ctx, r, &err);
  }
  if (!st)
    st = report_write_html(r, &err);
  if (!st)
    st = report_write_md(r, &err);
  if (st) {
    rc = cli_fail(&err);
    goto out;
  }
  for (size_t i = 0; i < r->ncharts; i++)
    if (!r->charts[i].ok)
      fprintf(stderr, "laborstat: report: chart %s not drawn: %s\n", r->charts[i].stem,
              r->charts[i].error);
  if (failed)
    rc = CLI_EXIT_FAIL;
  if (!ctx->quiet || failed)
    fprintf(stderr,
            "laborstat: wrote %s/index.html and report.md: %zu charts (%zu not drawn), %zu "
            "tables, %ld gnuplot processes at a time, %.2f s\n",
            r->dir, r->ncharts, failed, r->ntables, jobs, now() - t0);
out:
  for (size_t i = 0; scripts && i < n; i++)
    lab_buf_release(&scripts[i]);
  free(scripts);
  return rc;
}

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
  static const struct option opts[] = {{"preset", required_argument, NULL, OPT_PRESET},
                                       {"spec", required_argument, NULL, OPT_SPEC},
                                       {"area", required_argument, NULL, OPT_AREA},
                                       {"out", required_argument, NULL, OPT_OUT},
                                       CLI_GLOBAL_OPTIONS,
                                       {NULL, 0, NULL, 0}};
  const char *preset = NULL, *spec = NULL, *area = NULL, *out = NULL;
  struct report *r = NULL;
  struct lab_error err = {0};
  lab_status st;
  int rc = CLI_EXIT_OK;
  int c;

  for (;;) {
    c = cli_next_option(ctx, &cli_cmd_report, argc, argv, opts, &rc);
    if (c < 0)
      break;
    if (c == OPT_PRESET)
      preset = optarg;
    else if (c == OPT_SPEC)
      spec = optarg;
    else if (c == OPT_AREA)
      area = optarg;
    else if (c == OPT_OUT)
      out = optarg;
    else
      rc = cli_usage_error(&cli_cmd_report, "unknown or incomplete option '%s'", argv[optind - 1]);
    if (rc)
      return rc;
  }
  if (rc)
    return rc;
  if (optind != argc)
    return cli_usage_error(&cli_cmd_report, "unexpected argument '%s'", argv[optind]);
  if (preset && spec)
    return cli_usage_error(&cli_cmd_report, "give --preset or --spec, not both");
  if (!out || !out[0] || strlen(out) >= REPORT_PATH_MAX - 64)
    return cli_usage_error(&cli_cmd_report, "--out DIR is required");
  if (area && strlen(area) >= sizeof(r->spec.area))
    return cli_usage_error(&cli_cmd_report, "--area is too long");
  r = calloc(1, sizeof(*r));
  if (!r)
    return cli_fail(&(struct lab_error){.status = LAB_ERR_NOMEM, .msg = "out of memory"});
  st = spec ? report_spec_load(spec, &r->spec, &err)
            : report_spec_preset(preset ? preset : "health-it", &r->spec, &err);
  if (st) {
    rc = st == LAB_ERR_NOTFOUND && !spec ? cli_usage_error(&cli_cmd_report, "%s", err.msg)
                                         : cli_fail(&err);
    goto out;
  }
  if (area)
    snprintf(r->spec.area, sizeof(r->spec.area), "%s", area);
  snprintf(r->dir, sizeof(r->dir), "%s", out);
  rc = make(ctx, r);
out:
  free(r);
  return rc;
}

const struct cli_cmd cli_cmd_report = {
    .name = "report",
    .summary = "a report folder: index.html, report.md, charts (PNG, SVG, PDF) and data (CSV)",
    .usage = "laborstat report [--preset health-it | --spec FILE.json] [--area A] --out DIR",
    .help = "Writes DIR/index.html (one self-contained page: charts as inline SVG, tables, "
            "method\n"
            "notes, caveats and the provenance of every figure), DIR/report.md (the same in\n"
            "Markdown, charts linked as charts/*.png), DIR/charts/ (each chart as PNG, SVG and\n"
            "PDF with its gnuplot script) and DIR/data/ (a CSV for every chart and table).\n"
            "  --preset P   health-it (the default): the roles' wage distributions, state maps of\n"
            "               median wage and projected growth for the key roles, the top states by\n"
            "               price-parity-adjusted wage, the 2014-2024 trend, growth against pay,\n"
            "               projections, the claims check and the caveats\n"
            "  --spec F     a JSON report spec: roles or occupations, key roles, trend codes,\n"
            "               area, years, basis and sections (docs/report.md)\n"
            "  --area A     the area of the wage, trend and projection charts (default US)\n"
            "  --out DIR    the folder (created; files in it are replaced)\n"
            "Charts render in parallel, one gnuplot per online CPU. Needs gnuplot.\n",
    .run = run,
};
