/*
 * cmd_plot.c - `laborstat plot KIND ...`: the chart kinds, dispatched from one table.
 */
#include "cli/plot.h"

#include <string.h>

static const struct cli_plot_kind *const kinds[] = {
    &cli_plot_wages,
};

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
            "               open-ended\n"
            "               laborstat plot wages OCC...|ROLE [--area A] [--year Y]\n\n"
            "Options of every kind:\n"
            "  --out FILE   the chart; its type follows the extension (.png, .svg, .pdf); the\n"
            "               gnuplot script is written beside it as FILE.gp\n"
            "  --area A     US (default), a state or a metro area\n"
            "  --year Y     the May release (default: the latest with data)\n"
            "  --size WxH   pixels (default 1000 wide, height from the number of boxes)\n"
            "  --font F     gnuplot font, e.g. \"Sans,12\"\n\n"
            "Needs gnuplot (Debian package gnuplot-nox).\n",
    .run = run,
};
