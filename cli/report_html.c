/*
 * report_html.c - index.html: one self-contained page. Charts are embedded as inline SVG (their
 * ids prefixed per chart so that they do not collide), tables come from the CSV files in data/,
 * every text from data or the spec is HTML-escaped, and nothing is loaded from elsewhere.
 */
#include "cli/report.h"

#include <string.h>

#define ADD(s)                                                                                     \
  do {                                                                                             \
    if (!st)                                                                                       \
      st = lab_buf_adds(out, (s));                                                                 \
  } while (0)
#define ESC(s)                                                                                     \
  do {                                                                                             \
    if (!st)                                                                                       \
      st = report_html_escape(out, (s));                                                           \
  } while (0)

static const char style[] =
    "body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222;"
    "line-height:1.45}h1{font-size:1.8em}h2{border-bottom:2px solid #0072b2;margin-top:2em}"
    "figure{margin:1.5em 0}figure svg{max-width:100%;height:auto;border:1px solid #ddd}"
    "figcaption,.note{font-size:.85em;color:#444}table{border-collapse:collapse;font-size:.85em;"
    "margin:.5em 0;display:block;overflow-x:auto}th,td{border:1px solid #bbb;padding:.25em "
    ".5em;vertical-align:top}"
    "th{background:#eef4fa}td.num{text-align:right}.error{color:#a00}code{font-size:.95em;overflow-"
    "wrap:anywhere}"
    "nav li{margin:.1em 0}\n";

/* Append the chart's SVG from its root element on, ids prefixed with "cN-". */
static lab_status embed_svg(struct lab_buf *out, const struct report *r, size_t idx,
                            struct lab_error *err)
{
  static const char *const drop[] = {" xmlns=\"http://www.w3.org/2000/svg\"",
                                     " xmlns:xlink=\"http://www.w3.org/1999/xlink\""};
  struct lab_buf svg;
  char path[REPORT_PATH_MAX + 256], prefix[16];
  const char *p, *end;
  lab_status st;

  lab_buf_init(&svg, 32u << 20);
  snprintf(path, sizeof(path), "%s/charts/%s.svg", r->dir, r->charts[idx].stem);
  snprintf(prefix, sizeof(prefix), "c%zu-", idx + 1);
  st = report_read_file(path, &svg, err);
  p = st ? NULL : strstr(lab_buf_str(&svg), "<svg");
  if (!st && !p)
    st = lab_error_set(err, LAB_ERR_PARSE, "%s is not an SVG file", path);
  end = lab_buf_str(&svg) + svg.len;
  while (!st && p < end) {
    static const char *const ref[] = {"id='", "id=\"", "href='#", "href=\"#", "url(#"};
    size_t k = 0, d = 0;

    while (d < LAB_ARRAY_SIZE(drop) && strncmp(p, drop[d], strlen(drop[d])) != 0)
      d++;
    if (d < LAB_ARRAY_SIZE(drop)) {
      p += strlen(drop[d]);
      continue;
    }
    while (k < LAB_ARRAY_SIZE(ref) && strncmp(p, ref[k], strlen(ref[k])) != 0)
      k++;
    if (k < LAB_ARRAY_SIZE(ref)) {
      st = lab_buf_add(out, p, strlen(ref[k]));
      if (!st)
        st = lab_buf_adds(out, prefix);
      p += strlen(ref[k]);
    } else {
      st = lab_buf_add(out, p, 1);
      p++;
    }
  }
  if (st && !err->status)
    lab_error_set(err, st, "out of memory");
  lab_buf_release(&svg);
  return st;
}

static bool numeric(const char *s)
{
  size_t n = strspn(s, "0123456789.-+eE");
  return s[0] && n == strlen(s);
}

/* The CSV as an HTML table; the claims table's "file" column (a path) is left out. */
static lab_status table(struct lab_buf *out, const struct report *r, const struct report_table *t,
                        struct lab_error *err)
{
  struct report_csv csv;
  char path[REPORT_PATH_MAX + 256];
  lab_status st;

  snprintf(path, sizeof(path), "%s/%s", r->dir, t->csv);
  st = report_csv_read(path, &csv, err);
  if (st)
    return st;
  ADD("<h3>");
  ESC(t->heading);
  ADD("</h3>\n<table>\n");
  for (size_t i = 0; i < csv.rows; i++) {
    ADD("<tr>");
    for (size_t j = 0; j < csv.cols; j++) {
      const char *cell = csv.cell[i * csv.cols + j];

      if (strcmp(csv.cell[j], "file") == 0)
        continue;
      ADD(i == 0 ? "<th>" : numeric(cell) ? "<td class=\"num\">" : "<td>");
      ESC(cell);
      ADD(i == 0 ? "</th>" : "</td>");
    }
    ADD("</tr>\n");
  }
  ADD("</table>\n<p class=\"note\">");
  ESC(t->note);
  ADD(" Data: <code>");
  ESC(t->csv);
  ADD("</code></p>\n");
  report_csv_free(&csv);
  if (st && !err->status)
    lab_error_set(err, st, "out of memory");
  return st;
}

static lab_status chart(struct lab_buf *out, const struct report *r, size_t i,
                        struct lab_error *err)
{
  const struct report_chart *c = &r->charts[i];
  lab_status st = LAB_OK;

  ADD("<figure>\n<h3>");
  ESC(c->heading);
  ADD("</h3>\n");
  if (!c->ok) {
    ADD("<p class=\"error\">Not drawn: ");
    ESC(c->error);
    ADD("</p>\n</figure>\n");
    return st;
  }
  if (!st)
    st = embed_svg(out, r, i, err);
  ADD("\n<figcaption>Made with: <code>");
  ESC(c->cmdline);
  ADD("</code>. Files: <code>charts/");
  ESC(c->stem);
  ADD(".{png,svg,pdf}</code> and their gnuplot scripts (<code>.gp</code>); data: ");
  for (size_t k = 0; k < c->ncsv; k++) {
    ADD(k ? ", <code>" : "<code>");
    ESC(c->csv[k]);
    ADD("</code>");
  }
  ADD(". Source, release and dollar basis: in the chart's caption; the datasets: see "
      "<a href=\"#provenance\">Provenance</a>.</figcaption>\n</figure>\n");
  return st;
}

static lab_status page(struct lab_buf *out, const struct report *r, struct lab_error *err)
{
  lab_status st = LAB_OK;

  ADD("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
  ESC(r->spec.title);
  ADD("</title>\n<style>");
  ADD(style);
  ADD("</style>\n</head>\n<body>\n<h1>");
  ESC(r->spec.title);
  ADD("</h1>\n<p>");
  ESC(r->spec.description);
  ADD("</p>\n<nav><ul>\n");
  for (int s = 0; s < REPORT_NSECTIONS; s++) {
    if (!r->spec.section[s])
      continue;
    ADD("<li><a href=\"#");
    ADD(report_section_name((enum report_section)s));
    ADD("\">");
    ESC(report_section_title((enum report_section)s));
    ADD("</a></li>\n");
  }
  ADD("<li><a href=\"#methods\">Method notes</a></li>\n"
      "<li><a href=\"#provenance\">Provenance</a></li>\n</ul></nav>\n");
  for (int s = 0; s < REPORT_NSECTIONS && !st; s++) {
    if (!r->spec.section[s])
      continue;
    ADD("<section id=\"");
    ADD(report_section_name((enum report_section)s));
    ADD("\">\n<h2>");
    ESC(report_section_title((enum report_section)s));
    ADD("</h2>\n");
    for (size_t i = 0; i < r->ncharts && !st; i++)
      if (r->charts[i].section == (enum report_section)s)
        st = chart(out, r, i, err);
    for (size_t i = 0; i < r->ntables && !st; i++)
      if (r->tables[i].section == (enum report_section)s && s != REPORT_S_CAVEATS)
        st = table(out, r, &r->tables[i], err);
    for (size_t i = 0; s == REPORT_S_CAVEATS && report_caveats[i]; i++) {
      ADD("<p>");
      ESC(report_caveats[i]);
      ADD("</p>\n");
    }
    ADD("</section>\n");
  }
  ADD("<section id=\"methods\">\n<h2>Method notes</h2>\n");
  for (size_t i = 0; report_methods[i]; i++) {
    ADD("<p>");
    ESC(report_methods[i]);
    ADD("</p>\n");
  }
  ADD("</section>\n<section id=\"provenance\">\n<h2>Provenance</h2>\n");
  for (size_t i = 0; i < r->ntables && !st; i++)
    if (r->tables[i].section == REPORT_S_CAVEATS)
      st = table(out, r, &r->tables[i], err);
  ADD("</section>\n</body>\n</html>\n");
  if (st && !err->status)
    lab_error_set(err, st, "out of memory");
  return st;
}

lab_status report_write_html(const struct report *r, struct lab_error *err)
{
  struct lab_buf out;
  char path[REPORT_PATH_MAX + 64];
  lab_status st;

  lab_buf_init(&out, 256u << 20);
  snprintf(path, sizeof(path), "%s/index.html", r->dir);
  st = page(&out, r, err);
  if (!st)
    st = report_write_file(path, lab_buf_str(&out), out.len, err);
  lab_buf_release(&out);
  return st;
}
