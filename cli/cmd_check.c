/*
 * cmd_check.c - `laborstat check FILE`: what the data say about published claims on pay and
 * growth (claims format: docs/roles.md), with a verdict per claim.
 */
#include "cli/check.h"
#include "common/lab_file.h"
#include "common/lab_num.h"
#include "datasets/lab_table.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define CLAIMS_MAX_BYTES (4u << 20)
#define CLAIMS_MAX 500

enum { C_WHO, C_MEASURE, C_VALUE, C_LOW, C_HIGH, C_YEAR, C_SOURCE, C_NOTE, C_NCOLS };

struct reader {
  const char *file;
  int idx[C_NCOLS];
  struct cli_claim *v;
  size_t n;
};

static void copy_field(const struct lab_row *row, int idx, char *out, size_t size)
{
  snprintf(out, size, "%s", idx >= 0 && (size_t)idx < row->n ? row->field[idx] : "");
}

static lab_status on_begin(void *ctx, const struct lab_table_meta *meta,
                           const struct lab_row *header, struct lab_error *err)
{
  static const char *const names[C_NCOLS] = {"who",  "measure", "value",  "low",
                                             "high", "year",    "source", "note"};
  struct reader *r = ctx;
  char key[64];

  (void)meta;
  for (int i = 0; i < C_NCOLS; i++)
    r->idx[i] = -1;
  for (size_t c = 0; c < header->n; c++) {
    snprintf(key, sizeof(key), "%s", header->field[c]);
    for (char *p = key; *p; p++)
      *p = (*p >= 'A' && *p <= 'Z') ? (char)(*p - 'A' + 'a') : *p;
    for (int i = 0; i < C_NCOLS; i++)
      if (strcmp(key, names[i]) == 0)
        r->idx[i] = (int)c;
  }
  if (r->idx[C_WHO] < 0 || r->idx[C_MEASURE] < 0)
    return lab_error_set_at(err, LAB_ERR_PARSE, r->file, header->line, 1,
                            "a claims file needs the columns 'who' and 'measure' (and value, "
                            "low, high, year, source, note as needed)");
  return LAB_OK;
}

static lab_status on_row(void *ctx, const struct lab_row *row, struct lab_error *err)
{
  struct reader *r = ctx;
  struct cli_claim *c;

  if (r->n >= CLAIMS_MAX)
    return lab_error_set_at(err, LAB_ERR_TOOLARGE, r->file, row->line, 1,
                            "more than %d claims in one file", CLAIMS_MAX);
  c = &r->v[r->n++];
  memset(c, 0, sizeof(*c));
  c->line = row->line;
  copy_field(row, r->idx[C_WHO], c->who, sizeof(c->who));
  copy_field(row, r->idx[C_MEASURE], c->measure, sizeof(c->measure));
  copy_field(row, r->idx[C_VALUE], c->value, sizeof(c->value));
  copy_field(row, r->idx[C_LOW], c->low, sizeof(c->low));
  copy_field(row, r->idx[C_HIGH], c->high, sizeof(c->high));
  copy_field(row, r->idx[C_YEAR], c->year, sizeof(c->year));
  copy_field(row, r->idx[C_SOURCE], c->source, sizeof(c->source));
  return cli_claim_validate(c, r->file, r->idx, err);
}

static lab_status on_end(void *ctx, struct lab_error *err)
{
  (void)ctx;
  (void)err;
  return LAB_OK;
}

static lab_status read_claims(const char *path, struct reader *r, struct lab_error *err)
{
  struct lab_sink sink = {r, on_begin, on_row, on_end};
  char *buf = NULL;
  size_t len = 0;
  lab_status st = lab_file_read(path, CLAIMS_MAX_BYTES, &buf, &len, err);

  if (!st)
    st = lab_csv_read(buf, len, path, &sink, err);
  free(buf);
  return st;
}

/* ---------------------------------------------------------------------------------- output */

static void print_table(const struct cli_claim *c, const struct cli_verdict *v, size_t n)
{
  for (size_t i = 0; i < n; i++) {
    printf("%s%zu. %s: %s %s", i ? "\n" : "", i + 1, c[i].who, c[i].measure, v[i].claim);
    if (c[i].source[0])
      printf(" (%s)", c[i].source);
    putchar('\n');
    printf("   data:    %s\n   verdict: %s: %s\n   from:    %s\n", v[i].data, v[i].verdict,
           v[i].why, v[i].from);
  }
}

static void print_csv(const char *file, const struct cli_claim *c, const struct cli_verdict *v,
                      size_t n)
{
  puts("file,line,who,measure,claim,data,data_value,data_year,verdict,explanation,from,source");
  for (size_t i = 0; i < n; i++) {
    char num[40] = "";
    if (!isnan(v[i].value))
      lab_num_format(v[i].value, num, sizeof(num));
    cli_csv_field(stdout, file);
    printf(",%zu,", c[i].line);
    cli_csv_field(stdout, c[i].who);
    putchar(',');
    cli_csv_field(stdout, c[i].measure);
    putchar(',');
    cli_csv_field(stdout, v[i].claim);
    putchar(',');
    cli_csv_field(stdout, v[i].data);
    printf(",%s,%d,%s,", num, v[i].year, v[i].verdict);
    cli_csv_field(stdout, v[i].why);
    putchar(',');
    cli_csv_field(stdout, v[i].from);
    putchar(',');
    cli_csv_field(stdout, c[i].source);
    putchar('\n');
  }
}

static void print_json(const char *file, const struct cli_claim *c, const struct cli_verdict *v,
                       size_t n)
{
  cJSON *arr = cJSON_CreateArray();
  char *text;

  for (size_t i = 0; i < n; i++) {
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "file", file);
    cJSON_AddNumberToObject(o, "line", (double)c[i].line);
    cJSON_AddStringToObject(o, "who", c[i].who);
    cJSON_AddStringToObject(o, "measure", c[i].measure);
    cJSON_AddStringToObject(o, "claim", v[i].claim);
    cJSON_AddStringToObject(o, "data", v[i].data);
    if (isnan(v[i].value))
      cJSON_AddNullToObject(o, "data_value");
    else
      cJSON_AddNumberToObject(o, "data_value", v[i].value);
    cJSON_AddNumberToObject(o, "data_year", v[i].year);
    cJSON_AddStringToObject(o, "verdict", v[i].verdict);
    cJSON_AddStringToObject(o, "explanation", v[i].why);
    cJSON_AddStringToObject(o, "from", v[i].from);
    cJSON_AddStringToObject(o, "source", c[i].source);
    cJSON_AddItemToArray(arr, o);
  }
  text = cJSON_Print(arr);
  if (text)
    printf("%s\n", text);
  free(text);
  cJSON_Delete(arr);
}

/* ------------------------------------------------------------------------------------- run */

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
  struct reader r = {0};
  struct cli_verdict *verdicts = NULL;
  struct lab_store *store = NULL;
  struct lab_error err = {0};
  lab_status st;
  int rc;

  rc = cli_only_global_options(ctx, &cli_cmd_check, argc, argv);
  if (rc)
    return rc;
  if (optind + 1 != argc)
    return cli_usage_error(&cli_cmd_check, "name one claims file (CSV), e.g. "
                                           "datasets/claims/seed-articles.csv");
  r.file = argv[optind];
  r.v = calloc(CLAIMS_MAX, sizeof(*r.v));
  verdicts = calloc(CLAIMS_MAX, sizeof(*verdicts));
  if (!r.v || !verdicts) {
    rc = cli_fail(&(struct lab_error){.status = LAB_ERR_NOMEM, .msg = "out of memory"});
    goto out;
  }
  st = read_claims(r.file, &r, &err);
  if (!st)
    st = cli_store(ctx, &store, &err);
  for (size_t i = 0; i < r.n && !st; i++)
    st = cli_claim_check(store, &r.v[i], &verdicts[i], &err);
  if (st) {
    rc = cli_fail(&err);
    goto out;
  }
  if (ctx->format == CLI_CSV)
    print_csv(r.file, r.v, verdicts, r.n);
  else if (ctx->format == CLI_JSON)
    print_json(r.file, r.v, verdicts, r.n);
  else
    print_table(r.v, verdicts, r.n);
out:
  free(r.v);
  free(verdicts);
  return rc;
}

const struct cli_cmd cli_cmd_check = {
    .name = "check",
    .summary = "check published claims about pay and growth against the data",
    .usage = "laborstat check FILE.csv",
    .help = "FILE lists claims, one per row: who (a role, an SOC code or title words), measure\n"
            "(median, mean, range, growth, growth_vs_average), value or low/high, year, source\n"
            "(see docs/roles.md). For each claim: what the data say, which releases and codes,\n"
            "and a verdict: supported, contradicted, partly supported or not verifiable.\n"
            "The claims of the articles this project started from: "
            "datasets/claims/seed-articles.csv\n",
    .run = run,
};
