/*
 * test_catalog.c - datasets/catalog.c (URLs and cache paths) and common/config.c (the config
 * file: keys, positions of errors, the key file's permissions).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "common/lab_config.h"
#include "datasets/lab_catalog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void oews_url_should_follow_the_bls_archive_names(void **state)
{
  char *url = NULL;
  size_t n;
  const struct lab_oews_geo *g = lab_catalog_oews_geos(&n);

  (void)state;
  assert_int_equal(n, 5);
  assert_int_equal(lab_catalog_oews_url(2024, lab_catalog_oews_geo("national"), &url, NULL),
                   LAB_OK);
  assert_string_equal(url, "https://www.bls.gov/oes/special-requests/oesm24nat.zip");
  free(url);
  assert_int_equal(lab_catalog_oews_url(2009, lab_catalog_oews_geo("in4"), &url, NULL), LAB_OK);
  assert_string_equal(url, "https://www.bls.gov/oes/special-requests/oesm09in4.zip");
  free(url);
  assert_string_equal(g[2].code, "ma");
  assert_null(lab_catalog_oews_geo("county"));
  assert_int_equal(lab_catalog_oews_url(1990, g, &url, NULL), LAB_ERR_INVALID);
  assert_null(url);
}

static void pc_url_should_page_and_refuse_sizes_the_server_refuses(void **state)
{
  char *url = NULL;

  (void)state;
  assert_int_equal(lab_catalog_pc_url("6+32", 2, 100, &url, NULL), LAB_OK);
  assert_string_equal(url, "https://public.projectionscentral.org/Projections/LongTermRestJson/"
                           "6+32?items_per_page=100&page=2");
  free(url);
  assert_int_equal(lab_catalog_pc_url("all", 0, 20, &url, NULL), LAB_ERR_INVALID);
  assert_int_equal(lab_catalog_pc_url("6;rm", 0, 10, &url, NULL), LAB_ERR_INVALID);
}

static void cache_path_should_mirror_host_and_path_and_refuse_escapes(void **state)
{
  char *p = NULL;

  (void)state;
  assert_int_equal(lab_catalog_cache_path(
                       "/c", "https://www.bls.gov/oes/special-requests/oesm24nat.zip", &p, NULL),
                   LAB_OK);
  assert_string_equal(p, "/c/www.bls.gov/oes/special-requests/oesm24nat.zip");
  free(p);
  assert_int_equal(lab_catalog_cache_path("/c",
                                          "https://public.projectionscentral.org/Projections/"
                                          "LongTermRestJson/all?items_per_page=1000&page=0",
                                          &p, NULL),
                   LAB_OK);
  assert_string_equal(p, "/c/public.projectionscentral.org/Projections/LongTermRestJson/"
                         "all@items_per_page=1000&page=0");
  free(p);
  assert_int_equal(lab_catalog_cache_path("/c", "https://api.bls.gov/x/?q=a/b", &p, NULL), LAB_OK);
  assert_string_equal(p, "/c/api.bls.gov/x/index@q=a_b");
  free(p);
  assert_int_equal(lab_catalog_cache_path("/c", "https://h/a/../../etc/passwd", &p, NULL),
                   LAB_ERR_INVALID);
  assert_int_equal(lab_catalog_cache_path("/c", "https://h/a//b", &p, NULL), LAB_ERR_INVALID);
  assert_int_equal(lab_catalog_cache_path("/c", "https://h/./b", &p, NULL), LAB_ERR_INVALID);
  assert_int_equal(lab_catalog_cache_path("/c", "https://h", &p, NULL), LAB_ERR_INVALID);
  assert_int_equal(lab_catalog_cache_path("/c", "file:///etc/passwd", &p, NULL), LAB_ERR_INVALID);
  assert_null(p);
}

/* Write text to a new file in a temporary folder with the given mode; returns its path. */
static char *config_file(const char *text, mode_t mode)
{
  static char path[64];
  FILE *f;

  snprintf(path, sizeof(path), "/tmp/lab-config-XXXXXX");
  assert_non_null(mkdtemp(path));
  strcat(path, "/config");
  f = fopen(path, "w");
  assert_non_null(f);
  fputs(text, f);
  fclose(f);
  assert_int_equal(chmod(path, mode), 0);
  return path;
}

static void remove_config(const char *path)
{
  char dir[64];

  unlink(path);
  snprintf(dir, sizeof(dir), "%.*s", (int)(strrchr(path, '/') - path), path);
  rmdir(dir);
}

static void config_should_read_keys_comments_and_numbers(void **state)
{
  struct lab_config c;
  char *path = config_file("# mine\ncontact = me@example.org  # inline\n\n  pace_ms=250\n"
                           "mirror = http://127.0.0.1:8000\r\nretries = 2\n",
                           0644);

  (void)state;
  assert_int_equal(lab_config_load(path, &c, NULL), LAB_OK);
  assert_string_equal(c.contact, "me@example.org");
  assert_string_equal(c.mirror, "http://127.0.0.1:8000");
  assert_int_equal(c.pace_ms, 250);
  assert_int_equal(c.retries, 2);
  assert_int_equal(c.timeout_s, -1);
  assert_null(c.api_key);
  lab_config_release(&c);
  remove_config(path);
}

static void config_should_locate_what_it_cannot_read(void **state)
{
  struct lab_config c;
  struct lab_error err = {0};
  char *path = config_file("contact = a@b\nspeed = 3\n", 0600);

  (void)state;
  assert_int_equal(lab_config_load(path, &c, &err), LAB_ERR_PARSE);
  assert_int_equal(err.line, 2);
  assert_int_equal(err.column, 1);
  assert_non_null(strstr(err.msg, "unknown key 'speed'"));
  assert_null(c.contact);
  remove_config(path);
  path = config_file("pace_ms = fast\n", 0600);
  assert_int_equal(lab_config_load(path, &c, &err), LAB_ERR_PARSE);
  assert_int_equal(err.column, 11);
  remove_config(path);
  path = config_file("just words\n", 0600);
  assert_int_equal(lab_config_load(path, &c, &err), LAB_ERR_PARSE);
  assert_non_null(strstr(err.msg, "expected 'key = value'"));
  remove_config(path);
}

static void config_should_refuse_a_key_others_may_read(void **state)
{
  struct lab_config c;
  struct lab_error err = {0};
  char *path = config_file("api_key = SECRET-0123456789\n", 0640);

  (void)state;
  assert_int_equal(lab_config_load(path, &c, &err), LAB_ERR_INVALID);
  assert_non_null(strstr(err.msg, "chmod 600"));
  assert_null(strstr(err.msg, "SECRET"));
  assert_null(c.api_key);
  assert_int_equal(chmod(path, 0600), 0);
  assert_int_equal(lab_config_load(path, &c, &err), LAB_OK);
  assert_string_equal(c.api_key, "SECRET-0123456789");
  lab_config_release(&c);
  assert_null(c.api_key);
  remove_config(path);
}

static void config_should_be_empty_when_there_is_no_file(void **state)
{
  struct lab_config c;

  (void)state;
  assert_int_equal(lab_config_load("/nonexistent/laborstat/config", &c, NULL), LAB_OK);
  assert_null(c.path);
  assert_null(c.contact);
  assert_int_equal(c.pace_ms, -1);
  lab_config_release(&c);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(oews_url_should_follow_the_bls_archive_names),
      cmocka_unit_test(pc_url_should_page_and_refuse_sizes_the_server_refuses),
      cmocka_unit_test(cache_path_should_mirror_host_and_path_and_refuse_escapes),
      cmocka_unit_test(config_should_read_keys_comments_and_numbers),
      cmocka_unit_test(config_should_locate_what_it_cannot_read),
      cmocka_unit_test(config_should_refuse_a_key_others_may_read),
      cmocka_unit_test(config_should_be_empty_when_there_is_no_file),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
