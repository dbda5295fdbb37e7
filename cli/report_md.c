/*
 * report_md.c - report.md: the content of index.html in Markdown, charts as relative links to
 * charts/NAME.png, tables from the CSV files in data/.
 */
#include "cli/report.h"

#include <string.h>

#define ADD(s)                                                                                     \
  do {                                                                                             \
    if (!st)                                                                                       \
      st = lab_buf_adds(out, (s));                                                                 \
  } while (0)

/* Text in Markdown: markup characters backslash-escaped, newlines and '|' made harmless. */
static lab_status md(struct lab_buf *out, const char *text)
{
  lab_status st = LAB_OK;

  for (const char *p = text ? text : ""; *p && !st; p++) {
    unsigned char c = (unsigned char)*p;

    if (c < 0x20 || c == 0x7f)
      st = lab_buf_adds(out, " ");
    else if (strchr("\\`*_[]<>|", c))
      st = lab_buf_addf(out, "\\%c", c);
    else
      st = lab_buf_add(out, p, 1);
  }
  return st;
}

#define MD(s)                                                                                      \
  do {                                                                                             \
    if (!st)                                                                                       \
      st = md(out, (s));                                                                           \
  } while (0)

static lab_status table(struct lab_buf *out, const struct report *r, const struct report_table *t,
                        struct lab_error *err)
{
  struct report_csv csv;
  char path[REPORT_PATH_MAX + 256];
  lab_status st = LAB_OK;

  snprintf(path, sizeof(path), "%s/%s", r->dir, t->csv);
  st = report_csv_read(path, &csv, err);
  if (st)
    return st;
  ADD("### ");
  MD(t->heading);
  ADD("\n\n");
  for (size_t i = 0; i < csv.rows; i++) {
    for (size_t j = 0; j < csv.cols; j++) {
      if (strcmp(csv.cell[j], "file") == 0)
        continue;
      ADD("| ");
      MD(csv.cell[i * csv.cols + j]);
      ADD(" ");
    }
    ADD("|\n");
    for (size_t j = 0; i == 0 && j < csv.cols; j++)
      if (strcmp(csv.cell[j], "file") != 0)
        ADD("|---");
    if (i == 0)
      ADD("|\n");
  }
  ADD("\n");
  MD(t->note);
  ADD(" Data: ");
  MD(t->csv);
  ADD("\n\n");
  report_csv_free(&csv);
  if (st && !err->status)
    lab_error_set(err, st, "out of memory");
  return st;
}

static lab_status chart(struct lab_buf *out, const struct report_chart *c)
{
  lab_status st = LAB_OK;

  ADD("### ");
  MD(c->heading);
  ADD("\n\n");
  if (!c->ok) {
    ADD("Not drawn: ");
    MD(c->error);
    ADD("\n\n");
    return st;
  }
  ADD("![");
  MD(c->heading);
  ADD("](charts/");
  ADD(c->stem); /* letters, digits, '-' and '_' only */
  ADD(".png)\n\nMade with: `");
  if (!st && !strchr(c->cmdline, '`'))
    ADD(c->cmdline);
  ADD("`. Also [SVG](charts/");
  ADD(c->stem);
  ADD(".svg) and [PDF](charts/");
  ADD(c->stem);
  ADD(".pdf); data: ");
  for (size_t k = 0; k < c->ncsv; k++) {
    ADD(k ? ", " : "");
    MD(c->csv[k]);
  }
  ADD(".\n\n");
  return st;
}

lab_status report_write_md(const struct report *r, struct lab_error *err)
{
  struct lab_buf b, *out = &b;
  char path[REPORT_PATH_MAX + 64];
  lab_status st = LAB_OK;

  lab_buf_init(&b, 64u << 20);
  ADD("# ");
  MD(r->spec.title);
  ADD("\n\n");
  MD(r->spec.description);
  ADD("\n\n");
  for (int s = 0; s < REPORT_NSECTIONS && !st; s++) {
    if (!r->spec.section[s])
      continue;
    ADD("## ");
    MD(report_section_title((enum report_section)s));
    ADD("\n\n");
    for (size_t i = 0; i < r->ncharts && !st; i++)
      if (r->charts[i].section == (enum report_section)s)
        st = chart(out, &r->charts[i]);
    for (size_t i = 0; i < r->ntables && !st; i++)
      if (r->tables[i].section == (enum report_section)s && s != REPORT_S_CAVEATS)
        st = table(out, r, &r->tables[i], err);
    for (size_t i = 0; s == REPORT_S_CAVEATS && report_caveats[i]; i++) {
      MD(report_caveats[i]);
      ADD("\n\n");
    }
  }
  ADD("## Method notes\n\n");
  for (size_t i = 0; report_methods[i]; i++) {
    MD(report_methods[i]);
    ADD("\n\n");
  }
  ADD("## Provenance\n\n");
  for (size_t i = 0; i < r->ntables && !st; i++)
    if (r->tables[i].section == REPORT_S_CAVEATS)
      st = table(out, r, &r->tables[i], err);
  snprintf(path, sizeof(path), "%s/report.md", r->dir);
  if (!st)
    st = report_write_file(path, lab_buf_str(&b), b.len, err);
  else if (!err->status)
    lab_error_set(err, st, "out of memory");
  lab_buf_release(&b);
  return st;
}
