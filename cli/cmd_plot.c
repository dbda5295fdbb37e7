/*
 * cmd_plot.c - `laborstat plot KIND ...`: the chart kinds, dispatched from one table.
 */
#include "cli/plot.h"

#include <string.h>

static const struct cli_plot_kind *const kinds[] = {
    &cli_plot_wages,      &cli_plot_compare,    &cli_plot_map,     &cli_plot_trend,
    &cli_plot_growth_pay, &cli_plot_projection, &cli_plot_sectors,
};

const struct cli_plot_kind *cli_plot_kind_find(const char *name)
{
  for (size_t i = 0; i < LAB_ARRAY_SIZE(kinds); i++)
    if (strcmp(name, kinds[i]->name) == 0)
      return kinds[i];
  return NULL;
}

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
  if (argc < 2)
    return cli_usage_error(&cli_cmd_plot, "name a chart kind (see 'laborstat help plot')");
  for (size_t i = 0; i < LAB_ARRAY_SIZE(kinds); i++)
    if (strcmp(argv[1], kinds[i]->name) == 0)
      return kinds[i]->run(ctx, argc - 1, argv + 1);
  return cli_usage_error(&cli_cmd_plot, "unknown chart kind '%s' (see 'laborstat help plot')",
                         argv[1]);
}

const struct cli_cmd cli_cmd_plot = {
    .name = "plot",
    .summary = "draw a chart with gnuplot (PNG, SVG or PDF) and write its script beside it",
    .usage = "laborstat plot KIND ... --out FILE.{png,svg,pdf}",
    .help = "Kinds:\n"
            "  wages        one box per occupation or role: whiskers 10th-90th percentile, box\n"
            "               25th-75th, the median and the mean marked; top-coded wages drawn\n"
            "               open-ended; --density (occupations only) draws each one's\n"
            "               lognormal fitted to the published percentiles above its box\n"
            "               laborstat plot wages OCC...|ROLE [--area A] [--year Y] [--density]\n"
            "  compare      areas side by side: bars sorted by the annual mean (or median) wage,\n"
            "               95% error bars from the published RSEs (bars without an RSE marked),\n"
            "               the national value as a dashed line; a role: its mixture median\n"
            "               (no intervals); --top N keeps the N highest (msa default 25)\n"
            "               laborstat plot compare OCC|ROLE --by state|msa [--year Y]\n"
            "               [--basis nominal|real|rpp] [--measure a_mean|a_median] [--top N]\n"
            "  map          U.S. state tile-grid map coloured by a measure (viridis classes, a\n"
            "               legend with the breaks), the postal code and value in each tile,\n"
            "               states without data grey (n/a); growth = the projected percent\n"
            "               change (Projections Central, cycle in the caption)\n"
            "               laborstat plot map OCC|ROLE [--measure a_median|a_mean|a_pct10..\n"
            "               a_pct90|loc_quotient|jobs_1000|tot_emp|growth] [--year Y]\n"
            "               [--basis nominal|real|rpp]\n"
            "  trend        one OEWS measure over the May releases, nominal and real (CPI-U),\n"
            "               the log-linear trend with a band from its slope's 95% CI, SOC and\n"
            "               top-code breaks marked, top-coded values open; for tot_emp the BLS\n"
            "               projection with its +-13.9 pp band (occupation codes only); a\n"
            "               ROLE (one role, not a preset) is each year the employment-weighted\n"
            "               mixture of its codes' fitted lognormals (median, or mean with\n"
            "               --measure a_mean), its codes named at each SOC-edition break\n"
            "               laborstat plot trend OCC|ROLE [--area A] [--from Y] [--to Y]\n"
            "               [--measure M] [--basis nominal|real]\n"
            "  growth-pay   projected 10-year growth (BLS national, %) against the median annual\n"
            "               wage, bubble area proportional to base employment, every bubble\n"
            "               labelled, all occupations (00-0000) as dashed reference lines\n"
            "               laborstat plot growth-pay --role PRESET | --occ CODE,CODE...\n"
            "  projection   base against projected employment with the +-13.9 pp error band,\n"
            "               and annual openings, per occupation or role (a role sums its codes)\n"
            "               laborstat plot projection --role PRESET | --occ CODE,CODE...\n"
            "               [--area A]\n"
            "  sectors      industry shares of an occupation's national employment (OEWS\n"
            "               industry-specific estimates): one bar per industry, sorted, labelled\n"
            "               with its employment; share = industry employment / the national\n"
            "               cross-industry employment of the same May year; ownerships of one\n"
            "               NAICS code summed (May 2018/2019); unpublished ('**') industries\n"
            "               n/a; the rest as \"Other industries\"; default: the latest year\n"
            "               with 2-digit sectors\n"
            "               laborstat plot sectors OCC [--year Y]\n\n"
            "Options of every kind:\n"
            "  --out FILE   the chart; its type follows the extension (.png, .svg, .pdf); the\n"
            "               gnuplot script is written beside it as FILE.gp, its data as\n"
            "               FILE.csv\n"
            "  --force      overwrite FILE (and FILE.gp, FILE.csv) if they exist\n"
            "  --area A     US (default), a state or a metro area\n"
            "  --year Y     the May release (default: the latest with data)\n"
            "  --size WxH   pixels (default 1000 wide, height from the number of boxes)\n"
            "  --font F     gnuplot font, e.g. \"Sans,12\"\n\n"
            "Needs gnuplot (Debian package gnuplot-nox).\n",
    .run = run,
};
