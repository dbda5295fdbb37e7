/*
 * basis.c - converting OEWS wages to real or price-parity-adjusted dollars.
 */
#include "cli/basis.h"
#include "datasets/lab_query.h"

#include <stdio.h>
#include <string.h>

bool cli_basis_parse(const char *text, struct cli_basis *b)
{
  memset(b, 0, sizeof(*b));
  if (strcmp(text, "nominal") == 0)
    b->kind = CLI_BASIS_NOMINAL;
  else if (strcmp(text, "real") == 0)
    b->kind = CLI_BASIS_REAL;
  else if (strcmp(text, "rpp") == 0)
    b->kind = CLI_BASIS_RPP;
  else
    return false;
  snprintf(b->name, sizeof(b->name), "%s", text);
  return true;
}

lab_status cli_basis_prepare(struct lab_store *s, struct cli_basis *b, struct lab_error *err)
{
  int latest = 0;
  lab_status st;

  if (!b->name[0])
    cli_basis_parse("nominal", b);
  if (b->kind != CLI_BASIS_REAL)
    return LAB_OK;
  st = lab_store_cpi_latest(s, &latest, b->vintage, sizeof(b->vintage), err);
  if (!st && b->base_year == 0)
    b->base_year = latest;
  return st;
}

static void scale(struct lab_oews_cell *c, double factor)
{
  for (int m = 0; m < LAB_M_COUNT; m++)
    if (lab_measure_is_wage((enum lab_measure)m) &&
        (c->m[m].state == LAB_V_VALUE || c->m[m].state == LAB_V_TOPCODED))
      c->m[m].v *= factor;
}

lab_status cli_basis_apply(struct lab_store *s, const struct cli_basis *b, struct lab_oews_cell *c,
                           char *detail, size_t size, struct lab_error *err)
{
  double from = 0, to = 0, rpp = 100;
  int used = 0;
  lab_status st = LAB_OK;

  switch (b->kind) {
  case CLI_BASIS_NOMINAL:
    snprintf(detail, size, "nominal dollars of May %d", c->year);
    break;
  case CLI_BASIS_REAL:
    st = lab_store_cpi(s, c->year, &from, err);
    if (!st)
      st = lab_store_cpi(s, b->base_year, &to, err);
    if (st)
      break;
    scale(c, to / from);
    snprintf(detail, size, "real %d dollars (CPI-U annual averages %d = %g, %d = %g; vintage %s)",
             b->base_year, c->year, from, b->base_year, to, b->vintage);
    break;
  case CLI_BASIS_RPP:
    if (strcmp(c->area.type, "nation") != 0 && strcmp(c->area.type, "state") != 0) {
      st = lab_error_set(err, LAB_ERR_INVALID,
                         "price parities are held for states only, not for %s (%s): use a state "
                         "or --basis nominal",
                         c->area.name, c->area.type);
      break;
    }
    if (strcmp(c->area.code, "US") != 0) {
      st = lab_store_rpp(s, c->area.code, c->year, &rpp, &used, err);
      if (st)
        break;
    } else {
      used = c->year;
    }
    scale(c, 100.0 / rpp);
    snprintf(detail, size,
             "dollars adjusted for regional prices: BEA RPP %d for %s = %g (U.S. = 100)%s", used,
             c->area.name, rpp, used != c->year ? ", the latest held" : "");
    break;
  }
  return st;
}
