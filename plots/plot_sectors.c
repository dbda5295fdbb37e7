/*
 * plot_sectors.c - an occupation's employment by industry as a gnuplot script (pure text
 * building).
 *
 * Layout: industries on the vertical axis, sorted from the largest share (top) to the
 * smallest, then the remainder ("Other industries", grey), then the industries whose
 * employment is not published ("n/a", no bar); labels wrapped into at most two lines; the
 * share of the occupation's employment in percent on the horizontal axis from 0%. Title,
 * caption, terminal and number formats come from gp_frame.c; every number in the script is
 * written with integer formats or the shortest exact decimal (locale-independent).
 */
#include "plots/gp_frame.h"
#include "plots/lab_plots.h"

#include "common/lab_num.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WHAT "industry-shares chart"
#define DEFAULT_WIDTH 1000
#define LABEL_LINES 2   /* lines per industry label */
#define MAX_TICKS 8     /* ticks on the share axis, at most */
#define BAR_HALF "0.34" /* half the bar height, in rows */
#define ROW_PX_ONE 24   /* default row height when every label takes one line (at 11 pt) */
#define ROW_PX_TWO 36   /* ... when some label takes two lines */
#define DEFAULT_OTHER "Other industries"
#define NA_TEXT "n/a (employment not published)"

#define COLOR_BAR GP_COLOR_BLUE
#define COLOR_OTHER "#AAAAAA"
#define COLOR_NA "#777777"

enum row_kind { ROW_BAR = 0, ROW_OTHER = 1, ROW_NA = 2 };

/* One row of the chart. */
struct row {
  const char *label;
  double emp;   /* persons, NAN for n/a */
  double share; /* percent, NAN for n/a */
  enum row_kind kind;
  char text[112]; /* "24,640 (71.6%)" or NA_TEXT */
};

struct layout {
  struct gp_frame f;
  size_t label_width; /* characters per label line */
  double plot_left, plot_w;
  double top, bottom;
};

static int by_share(const void *a, const void *b)
{
  const struct row *x = a;
  const struct row *y = b;

  if (x->kind != y->kind)
    return x->kind < y->kind ? -1 : 1;
  if (x->kind == ROW_BAR && x->share != y->share)
    return x->share > y->share ? -1 : 1;
  return strcmp(x->label, y->label);
}

static lab_status check_data(const struct lab_plot_sectors *s, struct lab_error *err)
{
  if (!s || !s->sectors || s->n == 0 || s->n > LAB_PLOT_MAX_SECTORS)
    return lab_error_set(err, LAB_ERR_INVALID, WHAT ": want 1..%d industries",
                         LAB_PLOT_MAX_SECTORS);
  if (!isfinite(s->total) || s->total <= 0)
    return lab_error_set(err, LAB_ERR_INVALID, WHAT ": the total must be finite and > 0");
  for (size_t i = 0; i < s->n; i++) {
    const struct lab_plot_sector *x = &s->sectors[i];

    if (!x->label)
      return lab_error_set(err, LAB_ERR_INVALID, WHAT ": industry %zu has no label", i + 1);
    if (!isnan(x->emp) && !(isfinite(x->emp) && x->emp >= 0))
      return lab_error_set(err, LAB_ERR_INVALID,
                           WHAT ": industry %zu: the employment must be finite and >= 0, or NAN",
                           i + 1);
    if (!isnan(x->emp) && x->emp > s->total)
      return lab_error_set(err, LAB_ERR_INVALID,
                           WHAT ": industry %zu: the employment is above the total", i + 1);
  }
  return LAB_OK;
}

/* "71.6%" with one decimal; "<0.1%" for a positive share under 0.05%. */
static void share_text(double share, char *buf, size_t size)
{
  char num[48];

  if (share > 0 && share < 0.05) {
    snprintf(buf, size, "<0.1%%");
    return;
  }
  lab_num_format_grouped(share, 1, num, sizeof(num));
  snprintf(buf, size, "%s%%", num);
}

/* The rows: one per industry, the remainder when positive; sorted. *n gets their number. */
static lab_status make_rows(const struct lab_plot_sectors *s, struct row **out, size_t *n,
                            struct lab_error *err)
{
  struct row *rows = calloc(s->n + 1, sizeof(*rows));
  double sum = 0;
  size_t k = 0;

  if (!rows)
    return lab_error_set(err, LAB_ERR_NOMEM, WHAT ": out of memory");
  for (size_t i = 0; i < s->n; i++) {
    struct row *r = &rows[k++];

    r->label = s->sectors[i].label;
    r->emp = s->sectors[i].emp;
    r->kind = isnan(r->emp) ? ROW_NA : ROW_BAR;
    r->share = isnan(r->emp) ? NAN : 100.0 * r->emp / s->total;
    if (!isnan(r->emp))
      sum += r->emp;
  }
  if (s->total - sum > 0) {
    struct row *r = &rows[k++];

    r->label = s->other_label ? s->other_label : DEFAULT_OTHER;
    r->emp = s->total - sum;
    r->share = 100.0 * r->emp / s->total;
    r->kind = ROW_OTHER;
  }
  for (size_t i = 0; i < k; i++) {
    char amount[48], pct[56];

    if (rows[i].kind == ROW_NA) {
      snprintf(rows[i].text, sizeof(rows[i].text), "%s", NA_TEXT);
      continue;
    }
    lab_num_format_grouped(rows[i].emp, 0, amount, sizeof(amount));
    share_text(rows[i].share, pct, sizeof(pct));
    snprintf(rows[i].text, sizeof(rows[i].text), "%s (%s)", amount, pct);
  }
  qsort(rows, k, sizeof(*rows), by_share);
  *out = rows;
  *n = k;
  return LAB_OK;
}

/* Canvas, label width, title and caption, margins. */
static lab_status plan(const struct row *rows, size_t n, const struct lab_plot_opts *opts,
                       struct layout *lay, struct lab_error *err)
{
  struct gp_frame probe;
  size_t label_max = 0;
  size_t lines = 1;
  double label_width;
  int fs = gp_font_size(opts->font);
  int height;
  lab_status st;

  st = gp_frame_canvas(&probe, opts, DEFAULT_WIDTH, 600, WHAT, err);
  if (st)
    return st;
  label_width = probe.w / (2.2 * probe.font_size);
  lay->label_width = label_width < 18 ? 18 : label_width > 40 ? 40 : (size_t)label_width;
  for (size_t i = 0; i < n && !st; i++) {
    size_t k = 0;

    st = gp_label_chars(rows[i].label, lay->label_width, LABEL_LINES, &label_max);
    if (!st)
      st = gp_wrapped_lines(rows[i].label, lay->label_width, LABEL_LINES, &k);
    if (k > lines)
      lines = k;
  }
  if (st)
    return lab_error_set(err, st, WHAT ": labels: %s", lab_strerror(st));
  height = 230 + (int)n * (lines > 1 ? ROW_PX_TWO : ROW_PX_ONE) * fs / GP_DEFAULT_FONT_SIZE;
  if (height < 400)
    height = 400;
  if (height > GP_MAX_SIZE)
    height = GP_MAX_SIZE;
  st = gp_frame_canvas(&lay->f, opts, DEFAULT_WIDTH, height, WHAT, err);
  if (st)
    return st;
  lay->plot_left = (double)(label_max + 4) * lay->f.cw;
  lay->plot_w = lay->f.w - lay->plot_left - 3 * lay->f.cw;
  if (lay->plot_w < lay->f.w / 4)
    lay->plot_w = lay->f.w / 4;
  st = gp_frame_text(&lay->f, opts, lay->plot_left, lay->plot_w);
  if (st)
    return lab_error_set(err, st, WHAT ": title or caption: %s", lab_strerror(st));
  lay->bottom = lay->f.caption_top + 10.0 + 3.6 * lay->f.lh;
  lay->top = lay->f.title_bottom;
  return LAB_OK;
}

/*
 * The share axis: [0, *xmax] percent (at least 1) with ticks every *step up to 100%, wide
 * enough for the texts right of the bars.
 */
static void plan_axis(const struct row *rows, size_t n, const struct layout *lay, long *xmax,
                      long *step)
{
  static const long steps[] = {1, 2, 5, 10, 20, 25};
  double need = 1;

  for (size_t i = 0; i < n; i++) {
    double px = (double)(gp_chars_of(rows[i].text) + 2) * lay->f.cw;
    double x = rows[i].kind == ROW_NA ? 0 : rows[i].share;
    double right;

    /* the bar ends at x; its text, px wide, must end inside the plot: x * plot_w / right + px
       <= plot_w, solved for right (at most 4 x when the text is very wide) */
    if (lay->plot_w - px < lay->plot_w / 4)
      right = x * 4;
    else
      right = x * lay->plot_w / (lay->plot_w - px);
    if (right > need)
      need = right;
  }
  for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
    *step = steps[i];
    if (need / (double)steps[i] <= MAX_TICKS)
      break;
  }
  *xmax = (long)ceil(need / (double)*step) * *step;
}

static lab_status emit_data(struct lab_buf *out, const struct row *rows, size_t n,
                            size_t label_width)
{
  struct lab_buf lines;
  char num[64];
  lab_status st = lab_buf_adds(out, "$sectors << EOD\n"
                                    "# row \"label\" \"label (2)\" share emp kind \"text\"\n");

  lab_buf_init(&lines, GP_SCRATCH_MAX);
  for (size_t i = 0; i < n && !st; i++) {
    const char *s;
    size_t start = 0;

    lab_buf_reset(&lines);
    st = gp_fit_label(&lines, rows[i].label, label_width, LABEL_LINES);
    if (!st)
      st = lab_buf_addf(out, "%zu", i + 1);
    s = lab_buf_str(&lines);
    for (int k = 0; k < LABEL_LINES && !st; k++) {
      const char *nl = start < lines.len ? memchr(s + start, '\n', lines.len - start) : NULL;
      size_t end = nl ? (size_t)(nl - s) : lines.len;

      st = lab_buf_add(out, " ", 1);
      if (!st)
        st = lab_plot_datum(out, s + start, end - start);
      start = end < lines.len ? end + 1 : lines.len;
    }
    if (!st)
      st = lab_buf_addf(out, " %s", gp_data_value(rows[i].share, num, sizeof(num)));
    if (!st)
      st = lab_buf_addf(out, " %s %d ", gp_data_value(rows[i].emp, num, sizeof(num)),
                        (int)rows[i].kind);
    if (!st)
      st = lab_plot_datum(out, rows[i].text, strlen(rows[i].text));
    if (!st)
      st = lab_buf_add(out, "\n", 1);
  }
  if (!st)
    st = lab_buf_adds(out, "EOD\n"
                           "lbl(a, b) = a . (b eq '' ? '' : \"\\n\" . b)\n"
                           "h = " BAR_HALF "\n");
  lab_buf_release(&lines);
  return st;
}

static lab_status emit_frame(struct lab_buf *out, const struct lab_plot_opts *opts,
                             const struct layout *lay, size_t n, long xmax, long step)
{
  char top[32], bottom[32];
  lab_status st = gp_emit_title_caption(out, opts, &lay->f);

  if (!st)
    st = lab_buf_addf(out,
                      "unset key\n"
                      "set tmargin at screen %s\n"
                      "set bmargin at screen %s\n"
                      "set rmargin 3\n"
                      "set border 3 lc rgb '" GP_COLOR_BORDER "'\n"
                      "set xlabel \"Share of the occupation's employment (%%)\""
                      " textcolor rgb '" GP_COLOR_TEXT "'\n"
                      "set format x '%%.0f%%%%'\n"
                      "set xrange [0:%ld]\n"
                      "set xtics 0, %ld, %ld nomirror out textcolor rgb '" GP_COLOR_TEXT "'\n"
                      "set yrange [%zu.6:0.4]\n"
                      "set ytics nomirror scale 0 textcolor rgb '" GP_COLOR_TEXT "'\n"
                      "set grid xtics lt 1 lc rgb '" GP_COLOR_GRID "' lw 1\n",
                      gp_fraction(1.0 - lay->top / lay->f.h, top, sizeof(top)),
                      gp_fraction(lay->bottom / lay->f.h, bottom, sizeof(bottom)), xmax, step,
                      xmax < 100 ? xmax : 100, n);
  return st;
}

static lab_status emit_plot(struct lab_buf *out)
{
  return lab_buf_adds(
      out, "set style fill solid 1.0 noborder\n"
           "plot \\\n"
           "  $sectors using (0):1:ytic(lbl(strcol(2), strcol(3))) with points pt -1, \\\n"
           "  $sectors using ($4 / 2):1:(0):($6 == 0 ? $4 : NaN):($1 - h):($1 + h)"
           " with boxxyerror fc rgb '" COLOR_BAR "', \\\n"
           "  $sectors using ($4 / 2):1:(0):($6 == 1 ? $4 : NaN):($1 - h):($1 + h)"
           " with boxxyerror fc rgb '" COLOR_OTHER "', \\\n"
           "  $sectors using ($6 == 2 ? NaN : $4):1:7 with labels left offset char 0.6, 0"
           " textcolor rgb '" GP_COLOR_TEXT "', \\\n"
           "  $sectors using ($6 == 2 ? 0 : NaN):1:7 with labels left offset char 0.6, 0"
           " textcolor rgb '" COLOR_NA "'\n");
}

lab_status lab_plot_sectors_script(const struct lab_plot_sectors *s,
                                   const struct lab_plot_opts *opts, struct lab_buf *out,
                                   struct lab_error *err)
{
  struct row *rows = NULL;
  struct layout lay = {.label_width = 0};
  size_t n = 0;
  long xmax = 0, step = 0;
  lab_status st;

  if (!out) {
    st = lab_error_set(err, LAB_ERR_INVALID, WHAT ": no output buffer");
    goto out;
  }
  st = check_data(s, err);
  if (!st)
    st = gp_check_opts(opts, WHAT, err);
  if (!st)
    st = make_rows(s, &rows, &n, err);
  if (!st)
    st = plan(rows, n, opts, &lay, err);
  if (st)
    goto out;
  plan_axis(rows, n, &lay, &xmax, &step);
  st = lab_buf_adds(out, "# laborstat: employment by industry (gnuplot 5.4)\n");
  if (!st)
    st = gp_emit_terminal(out, opts, &lay.f);
  if (!st)
    st = emit_data(out, rows, n, lay.label_width);
  if (!st)
    st = emit_frame(out, opts, &lay, n, xmax, step);
  if (!st)
    st = emit_plot(out);
  if (st)
    st = lab_error_set(err, st, WHAT ": cannot build the script: %s", lab_strerror(st));
out:
  free(rows);
  return st;
}
