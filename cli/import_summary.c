/*
 * import_summary.c - the one line printed per imported file (by `import` and `fetch`).
 */
#include "cli/cli.h"
#include "datasets/lab_import.h"
#include "common/lab_num.h"

#include <stdio.h>
#include <string.h>

void cli_print_import_summary(const char *path, const struct lab_import_summary *s)
{
  const char *replacing = ", replacing the earlier copy of that release";
  char rows[32];

  lab_num_format_grouped((double)s->rows, 0, rows, sizeof(rows));
  if (strcmp(s->source, "ep") == 0) {
    printf("imported %s: BLS Employment Projections %s %s, %s rows", path, s->scope, s->vintage,
           rows);
  } else if (strcmp(s->source, "pc") == 0) {
    printf("imported %s: Projections Central %s, %s rows", path,
           s->vintage[0] ? s->vintage : "(empty page)", rows);
    replacing = ", merged with the earlier copy of that release (its other areas kept)";
  } else if (strcmp(s->source, "rpp") == 0) {
    printf("imported %s: BEA regional price parities %s, %s rows", path, s->vintage, rows);
  } else if (strcmp(s->source, "cpi") == 0) {
    printf("imported %s: CPI series (cu flat file) %s, %s rows", path, s->vintage, rows);
  } else if (strcmp(s->source, "series") == 0) {
    if (s->vintage[0])
      printf("imported %s: BLS API series %s, %s rows", path, s->vintage, rows);
    else
      printf("imported %s: BLS API answer without observations (nothing stored)", path);
    replacing = ", replacing earlier copies of those series";
  } else {
    printf("imported %s: OEWS %s May %s, %s rows", path, s->scope, s->vintage, rows);
  }
  if (s->duplicates)
    printf(" (%ld repeated codes stored once)", s->duplicates);
  if (s->replaced)
    fputs(replacing, stdout);
  putchar('\n');
}
