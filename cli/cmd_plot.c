/*
 * cmd_plot.c - `laborstat plot KIND ...`: charts rendered by gnuplot.
 */
#include "cli/wages.h"
#include "common/lab_buf.h"
#include "plots/lab_plots.h"

#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct plot_opts {
  const char *out;
  const char *area;
  const char *font;
  int year;
  int width, height;
};

/* "png", "svg" or "pdf" from the output file name. */
static const char *format_of(const char *path)
{
  const char *dot = strrchr(path, '.');

  if (!dot)
    return NULL;
  if (strcasecmp(dot, ".png") == 0)
    return "png";
  if (strcasecmp(dot, ".svg") == 0)
    return "svg";
  if (strcasecmp(dot, ".pdf") == 0)
    return "pdf";
  return NULL;
}

static double annual(const struct lab_oews_cell *c, enum lab_measure m, unsigned bit,
                     unsigned *topcoded)
{
  const struct lab_value *v = &c->m[m];

  if (v->state == LAB_V_TOPCODED)
    *topcoded |= bit;
  return v->state == LAB_V_VALUE || v->state == LAB_V_TOPCODED ? v->v : NAN;
}

static int plot_wages(struct cli_ctx *ctx, const struct plot_opts *po, char **occs, size_t n)
{
  struct lab_oews_cell *cells = calloc(n, sizeof(*cells));
  struct lab_plot_box *boxes = calloc(n, sizeof(*boxes));
  char(*labels)[300] = calloc(n, sizeof(*labels));
  struct lab_store *store = NULL;
  struct lab_error err = {0};
  struct lab_buf script;
  char title[256], caption[1024], source[256];
  struct lab_plot_opts o = {0};
  lab_status st;
  int rc = CLI_EXIT_OK;

  lab_buf_init(&script, 4u << 20);
  if (!cells || !boxes || !labels) {
    rc = cli_fail(&(struct lab_error){.status = LAB_ERR_NOMEM, .msg = "out of memory"});
    goto out;
  }
  st = cli_store(ctx, &store, &err);
  if (!st)
    st = cli_wages_cells(store, occs, n, po->area, po->year, cells, &err);
  if (st) {
    rc = cli_fail(&err);
    goto out;
  }
  for (size_t i = 0; i < n; i++) {
    const struct lab_oews_cell *c = &cells[i];
    snprintf(labels[i], sizeof(labels[i]), "%s (%s)", c->occ_title, c->occ_code);
    boxes[i].label = labels[i];
    boxes[i].p10 = annual(c, LAB_M_A_PCT10, LAB_PLOT_TOPCODED(LAB_PLOT_P10), &boxes[i].topcoded);
    boxes[i].p25 = annual(c, LAB_M_A_PCT25, LAB_PLOT_TOPCODED(LAB_PLOT_P25), &boxes[i].topcoded);
    boxes[i].median =
        annual(c, LAB_M_A_MEDIAN, LAB_PLOT_TOPCODED(LAB_PLOT_MEDIAN), &boxes[i].topcoded);
    boxes[i].p75 = annual(c, LAB_M_A_PCT75, LAB_PLOT_TOPCODED(LAB_PLOT_P75), &boxes[i].topcoded);
    boxes[i].p90 = annual(c, LAB_M_A_PCT90, LAB_PLOT_TOPCODED(LAB_PLOT_P90), &boxes[i].topcoded);
    boxes[i].mean = c->m[LAB_M_A_MEAN].state == LAB_V_VALUE ? c->m[LAB_M_A_MEAN].v : NAN;
  }
  snprintf(title, sizeof(title), "Annual wage distribution, %s, May %d", cells[0].area.name,
           cells[0].year);
  cli_cell_source(&cells[0], source, sizeof(source));
  snprintf(caption, sizeof(caption),
           "Source: %s. Nominal dollars. Box: 25th-75th percentile; whiskers: 10th-90th. "
           "Made with: %s",
           source, ctx->argv0_cmdline);
  for (size_t i = 1; i < n; i++)
    if (cells[i].year != cells[0].year) {
      snprintf(title, sizeof(title), "Annual wage distribution, %s (latest May release each)",
               cells[0].area.name);
      break;
    }
  o.title = title;
  o.caption = caption;
  o.format = format_of(po->out);
  o.output = po->out;
  o.width = po->width;
  o.height = po->height;
  o.font = po->font;
  st = lab_plot_wages_script(boxes, n, &o, &script, &err);
  if (!st)
    st = lab_plot_render(lab_buf_str(&script), script.len, NULL, po->out, &err);
  if (st) {
    rc = cli_fail(&err);
    goto out;
  }
  if (!ctx->quiet)
    fprintf(stderr, "laborstat: wrote %s\n", po->out);
out:
  lab_buf_release(&script);
  free(cells);
  free(boxes);
  free(labels);
  return rc;
}

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
  static const struct option opts[] = {
      {"area", required_argument, NULL, 'a'},
      {"font", required_argument, NULL, 'f'},
      {"out", required_argument, NULL, 'o'},
      {"size", required_argument, NULL, 's'},
      {"year", required_argument, NULL, 'y'},
      CLI_GLOBAL_OPTIONS,
      {NULL, 0, NULL, 0},
  };
  struct plot_opts po = {0};
  long v;
  int c;
  int rc = CLI_EXIT_OK;

  if (argc < 2)
    return cli_usage_error(&cli_cmd_plot, "name a chart kind: wages");
  if (strcmp(argv[1], "wages") != 0)
    return cli_usage_error(&cli_cmd_plot, "unknown chart kind '%s' (this version draws: wages)",
                           argv[1]);
  argc--;
  argv++;
  for (;;) {
    c = cli_next_option(ctx, &cli_cmd_plot, argc, argv, opts, &rc);
    if (c < 0)
      break;
    switch (c) {
    case 'a':
      po.area = optarg;
      break;
    case 'f':
      po.font = optarg;
      break;
    case 'o':
      po.out = optarg;
      break;
    case 's': {
      char *x = strchr(optarg, 'x');
      long w = 0, h = 0;
      if (!x)
        return cli_usage_error(&cli_cmd_plot, "--size needs WIDTHxHEIGHT in pixels");
      *x = '\0';
      if (!cli_parse_int(optarg, 200, 10000, &w) || !cli_parse_int(x + 1, 200, 10000, &h))
        return cli_usage_error(&cli_cmd_plot, "--size needs WIDTHxHEIGHT, 200 to 10000 pixels");
      po.width = (int)w;
      po.height = (int)h;
      break;
    }
    case 'y':
      if (!cli_parse_int(optarg, 1997, 2100, &v))
        return cli_usage_error(&cli_cmd_plot, "--year needs a May year such as 2023");
      po.year = (int)v;
      break;
    default:
      return cli_usage_error(&cli_cmd_plot, "unknown or incomplete option '%s'", argv[optind - 1]);
    }
  }
  if (rc)
    return rc;
  if (!po.out || !format_of(po.out))
    return cli_usage_error(&cli_cmd_plot, "--out FILE.png, FILE.svg or FILE.pdf is required");
  if (optind >= argc)
    return cli_usage_error(&cli_cmd_plot, "name at least one occupation code, e.g. 29-9021");
  if ((size_t)(argc - optind) > LAB_PLOT_MAX_BOXES)
    return cli_usage_error(&cli_cmd_plot, "at most %d occupations fit in one chart",
                           LAB_PLOT_MAX_BOXES);
  return plot_wages(ctx, &po, argv + optind, (size_t)(argc - optind));
}

const struct cli_cmd cli_cmd_plot = {
    .name = "plot",
    .summary = "draw a chart with gnuplot (PNG, SVG or PDF)",
    .usage = "laborstat plot wages OCC... [--area A] [--year Y] --out FILE.{png,svg,pdf}",
    .help = "  wages        one box per occupation: whiskers 10th-90th percentile, box 25th-75th,\n"
            "               the median and the mean marked; top-coded wages drawn open-ended\n\n"
            "  --out FILE   the chart; its type follows the extension (.png, .svg, .pdf)\n"
            "  --area A     US (default), a state or a metro area\n"
            "  --year Y     the May release (default: the latest with data)\n"
            "  --size WxH   pixels (default 1000 wide, height from the number of boxes)\n"
            "  --font F     gnuplot font, e.g. \"Sans,12\"\n\n"
            "Needs gnuplot (Debian package gnuplot-nox).\n",
    .run = run,
};
