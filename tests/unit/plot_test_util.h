/*
 * plot_test_util.h - helpers shared by the chart tests (test_plots.c, test_plot_*.c): gnuplot
 * detection, a fresh temporary folder per test, whole-file reads, golden-file comparison, XML
 * checks and the hostile texts that must never run anything in gnuplot.
 *
 * Include after <cmocka.h>. Ownership: slurp() returns a malloc'd string the caller frees.
 */
#ifndef LAB_PLOT_TEST_UTIL_H
#define LAB_PLOT_TEST_UTIL_H

#include "common/lab_buf.h"
#include "plots/lab_plots.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The hostile texts of the render tests; "@DIR@" becomes the test directory. */
#define PLOT_HOSTILE_TEXTS                                                                         \
  {                                                                                                \
    "a `touch @DIR@/planted` b", "x' . system(\"touch @DIR@/planted\") . 'y",                      \
        "\" . system(\"touch @DIR@/planted\") . \"", "@m it's @M 'x' @m '' @M",                    \
        "T'\nset output '@DIR@/planted'\nplot x\n; set output '@DIR@/planted'",                    \
        "EOD\n!touch @DIR@/planted\n",                                                             \
  }

static inline int have_gnuplot(void)
{
  const char *path = getenv("PATH");
  char dir[4096];

  while (path && *path) {
    size_t n = strcspn(path, ":");

    if (n > 0 && n < sizeof(dir) - 16) {
      memcpy(dir, path, n);
      strcpy(dir + n, "/gnuplot");
      if (access(dir, X_OK) == 0)
        return 1;
    }
    path += n;
    path += *path == ':';
  }
  return 0;
}

#define REQUIRE_GNUPLOT()                                                                          \
  do {                                                                                             \
    if (!have_gnuplot())                                                                           \
      skip();                                                                                      \
  } while (0)

struct fixture {
  char dir[256];
};

static inline int setup_dir(void **state)
{
  struct fixture *f = calloc(1, sizeof(*f));
  const char *tmp = getenv("TMPDIR");

  if (!f)
    return -1;
  snprintf(f->dir, sizeof(f->dir), "%s/lab_plot_XXXXXX", tmp && *tmp ? tmp : "/tmp");
  if (!mkdtemp(f->dir)) {
    free(f);
    return -1;
  }
  *state = f;
  return 0;
}

static inline int teardown_dir(void **state)
{
  struct fixture *f = *state;
  DIR *d = opendir(f->dir);
  struct dirent *e;
  char path[512];

  while (d && (e = readdir(d)) != NULL) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
      continue;
    snprintf(path, sizeof(path), "%s/%s", f->dir, e->d_name);
    unlink(path);
  }
  if (d)
    closedir(d);
  rmdir(f->dir);
  free(f);
  return 0;
}

static inline void path_in(const struct fixture *f, const char *name, char *out, size_t size)
{
  snprintf(out, size, "%s/%s", f->dir, name);
}

static inline int exists(const char *path)
{
  struct stat sb;

  return stat(path, &sb) == 0;
}

/* Read a whole file into a malloc'd NUL-terminated string (NULL on failure). */
static inline char *slurp(const char *path, size_t *len)
{
  FILE *fp = fopen(path, "rb");
  char *data = NULL;
  long size;

  if (!fp)
    return NULL;
  if (fseek(fp, 0, SEEK_END) == 0 && (size = ftell(fp)) >= 0 && fseek(fp, 0, SEEK_SET) == 0) {
    data = malloc((size_t)size + 1);
    if (data && fread(data, 1, (size_t)size, fp) != (size_t)size) {
      free(data);
      data = NULL;
    }
    if (data) {
      data[size] = '\0';
      if (len)
        *len = (size_t)size;
    }
  }
  fclose(fp);
  return data;
}

/* Compare script with the golden file (rewritten first when LAB_UPDATE_EXPECTED=1). */
static inline void assert_golden(const struct lab_buf *b, const char *path)
{
  const char *update = getenv("LAB_UPDATE_EXPECTED");
  char *expected;

  if (update && strcmp(update, "1") == 0) {
    FILE *fp = fopen(path, "wb");

    assert_non_null(fp);
    assert_int_equal(fwrite(b->data, 1, b->len, fp), b->len);
    assert_int_equal(fclose(fp), 0);
  }
  expected = slurp(path, NULL);
  assert_non_null(expected);
  assert_string_equal(lab_buf_str(b), expected);
  free(expected);
}

/* Is the file at path well-formed XML (when xmllint is installed)? */
static inline void assert_xml_well_formed(const char *path)
{
  char cmd[1024];

  if (system("command -v xmllint >/dev/null 2>&1") != 0)
    return;
  snprintf(cmd, sizeof(cmd), "xmllint --noout '%s' 2>/dev/null", path);
  assert_int_equal(system(cmd), 0);
}

/* hostile with "@DIR@" replaced by dir, into out. */
static inline void expand_dir(const char *hostile, const char *dir, struct lab_buf *out)
{
  const char *at;

  for (const char *p = hostile; (at = strstr(p, "@DIR@")) != NULL; p = at + 5) {
    assert_int_equal(lab_buf_add(out, p, (size_t)(at - p)), LAB_OK);
    assert_int_equal(lab_buf_adds(out, dir), LAB_OK);
    hostile = at + 5;
  }
  assert_int_equal(lab_buf_adds(out, hostile), LAB_OK);
}

/* The macro definitions that would run a command if @m or @M were expanded. */
static inline void macro_prelude(const char *dir, struct lab_buf *out)
{
  assert_int_equal(lab_buf_addf(out,
                                "m = \"'.system(\\\"touch %s/planted\\\").'\"\n"
                                "M = \"'.system(\\\"touch %s/planted\\\").'\"\n",
                                dir, dir),
                   LAB_OK);
}

/* A per-process temporary output path for a chart: /tmp/lab_plot_TAG_PID.FORMAT. */
static inline void plot_tmp_path(char *out, size_t size, const char *tag, const char *format)
{
  snprintf(out, size, "/tmp/lab_plot_%s_%ld.%s", tag, (long)getpid(), format);
}

/* Render script (whose output is path) with gnuplot and return the file's bytes (malloc'd); the
 * file is removed. Skips the test when gnuplot is missing. */
static inline char *plot_render_file(const struct lab_buf *script, const char *path)
{
  struct lab_error err = {0};
  char *bytes;

  if (!have_gnuplot())
    skip();
  assert_int_equal(lab_plot_render(script->data, script->len, NULL, path, &err), LAB_OK);
  bytes = slurp(path, NULL);
  assert_non_null(bytes);
  unlink(path);
  return bytes;
}

/* render(format, title): a chart of the test's kind, as bytes (title NULL = the usual one). */
typedef char *(*plot_render_fn)(const char *format, const char *title);

/* PNG, SVG and PDF are what they claim, and the same input gives the same SVG bytes. */
static inline void plot_assert_three_formats(plot_render_fn render)
{
  char *png = render("png", NULL);
  char *svg = render("svg", NULL);
  char *svg2 = render("svg", NULL);
  char *pdf = render("pdf", NULL);

  assert_memory_equal(png, "\x89PNG\r\n\x1a\n", 8);
  assert_true(strncmp(svg, "<?xml", 5) == 0 && strstr(svg, "</svg>"));
  assert_string_equal(svg, svg2);
  assert_true(strncmp(pdf, "%PDF-", 5) == 0);
  free(png);
  free(svg);
  free(svg2);
  free(pdf);
}

/* A title with backticks, system(), a macro, both quotes and a new command runs nothing. */
static inline void plot_assert_hostile_title_inert(plot_render_fn render, const char *tag)
{
  char marker[128], title[600];
  char *svg;

  snprintf(marker, sizeof(marker), "/tmp/lab_%s_pwn_%ld", tag, (long)getpid());
  unlink(marker);
  snprintf(title, sizeof(title), "`touch %s` system(\"touch %s\") @x 'q' \"d\"\n; set output '%s'",
           marker, marker, marker);
  svg = render("svg", title);
  assert_true(access(marker, F_OK) != 0);
  free(svg);
}

#endif
