/*
 * test_fetch.c - fetch/: mirror mapping, and real HTTP GETs through libcurl against a small
 * loopback server started by the test (a forked child on 127.0.0.1, an ephemeral port) that
 * scripts faults: 503s, 429 with Retry-After, a persistent 500, a body cut short.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "fetch/lab_fetch.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct server {
  pid_t pid;
  int port;
};

/* One response for request number `seen` (0-based, counted per path in this child) of `req`.
 * Scripted faults: /flaky answers 503 twice then 200; /busy 429 with Retry-After: 1 then 200;
 * /down always 500; /cut promises 100 bytes and sends 10 the first time, then all of them;
 * /file is "hello world" with ETag "v1", and 304 to a request that names that ETag. */
static void respond(int c, const char *req, int seen)
{
  char resp[8192];

  if (strncmp(req, "GET /ok ", 8) == 0) {
    const char *ua = strstr(req, "User-Agent: ");
    const char *end = ua ? strstr(ua, "\r\n") : NULL;
    int len = end ? (int)(end - ua) : 0;
    snprintf(resp, sizeof(resp),
             "HTTP/1.1 200 OK\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%.*s", len, len,
             ua ? ua : "");
  } else if (strncmp(req, "GET /file ", 10) == 0 && strstr(req, "If-None-Match: \"v1\"")) {
    snprintf(resp, sizeof(resp),
             "HTTP/1.1 304 Not Modified\r\nETag: \"v1\"\r\n"
             "Connection: close\r\n\r\n");
  } else if (strncmp(req, "GET /file ", 10) == 0) {
    snprintf(resp, sizeof(resp),
             "HTTP/1.1 200 OK\r\nETag: \"v1\"\r\nLast-Modified: Wed, 11 Sep 2025 12:00:00 GMT\r\n"
             "Content-Length: 11\r\nConnection: close\r\n\r\nhello world");
  } else if (strncmp(req, "GET /flaky ", 11) == 0 && seen < 2) {
    snprintf(resp, sizeof(resp),
             "HTTP/1.1 503 Busy\r\nContent-Length: 4\r\n"
             "Connection: close\r\n\r\nbusy");
  } else if (strncmp(req, "GET /busy ", 10) == 0 && seen < 1) {
    snprintf(resp, sizeof(resp),
             "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 1\r\n"
             "Content-Length: 4\r\nConnection: close\r\n\r\nslow");
  } else if (strncmp(req, "GET /down ", 10) == 0) {
    snprintf(resp, sizeof(resp),
             "HTTP/1.1 500 Oops\r\nContent-Length: 4\r\n"
             "Connection: close\r\n\r\noops");
  } else if (strncmp(req, "GET /cut ", 9) == 0) {
    snprintf(resp, sizeof(resp),
             "HTTP/1.1 200 OK\r\nContent-Length: 100\r\nConnection: close\r\n\r\n%.*s",
             seen < 1 ? 10 : 100,
             "0123456789012345678901234567890123456789012345678901234567890123456789"
             "012345678901234567890123456789");
  } else if (strncmp(req, "GET /flaky ", 11) == 0 || strncmp(req, "GET /busy ", 10) == 0) {
    snprintf(resp, sizeof(resp),
             "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n"
             "Connection: close\r\n\r\ndone");
  } else {
    snprintf(resp, sizeof(resp),
             "HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n"
             "Connection: close\r\n\r\nnot found");
  }
  if (write(c, resp, strlen(resp)) < 0)
    _exit(1);
}

/* Answer `n` connections (see respond()), then exit. */
static void serve(int fd, int n)
{
  static const char *const paths[] = {"/flaky ", "/busy ", "/down ", "/cut "};
  int seen[4] = {0};

  for (int i = 0; i < n; i++) {
    char req[4096] = "";
    size_t got = 0;
    int c = accept(fd, NULL, NULL);
    int k = -1;
    if (c < 0)
      _exit(1);
    while (got < sizeof(req) - 1 && !strstr(req, "\r\n\r\n")) {
      ssize_t r = read(c, req + got, sizeof(req) - 1 - got);
      if (r <= 0)
        break;
      got += (size_t)r;
      req[got] = '\0';
    }
    for (int p = 0; p < 4; p++)
      if (strncmp(req + 4, paths[p], strlen(paths[p])) == 0)
        k = p;
    respond(c, req, k >= 0 ? seen[k]++ : 0);
    close(c);
  }
  _exit(0);
}

static int start_server(struct server *s, int connections)
{
  struct sockaddr_in a = {.sin_family = AF_INET};
  socklen_t len = sizeof(a);
  int fd = socket(AF_INET, SOCK_STREAM, 0);

  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) != 0 || listen(fd, 4) != 0 ||
      getsockname(fd, (struct sockaddr *)&a, &len) != 0)
    return -1;
  s->port = ntohs(a.sin_port);
  s->pid = fork();
  if (s->pid == 0)
    serve(fd, connections);
  close(fd);
  return s->pid > 0 ? 0 : -1;
}

static void stop_server(struct server *s)
{
  int status;
  kill(s->pid, SIGTERM);
  waitpid(s->pid, &status, 0);
}

static void map_url_should_put_host_and_path_under_the_mirror(void **state)
{
  char *out = NULL;

  (void)state;
  assert_int_equal(lab_fetch_map_url("http://127.0.0.1:8080/m/",
                                     "https://www.bls.gov/oes/special-requests/oesm23nat.zip", &out,
                                     NULL),
                   LAB_OK);
  assert_string_equal(out,
                      "http://127.0.0.1:8080/m/www.bls.gov/oes/special-requests/oesm23nat.zip");
  free(out);
  assert_int_equal(lab_fetch_map_url(NULL, "https://api.bls.gov/x", &out, NULL), LAB_OK);
  assert_string_equal(out, "https://api.bls.gov/x");
  free(out);
  assert_int_equal(lab_fetch_map_url("http://m", "ftp://x/y", &out, NULL), LAB_ERR_INVALID);
}

static void fetch_should_refuse_to_run_without_a_contact(void **state)
{
  struct lab_fetch_opts o = {0};
  struct lab_fetch *f = NULL;
  struct lab_error err = {0};

  (void)state;
  assert_int_equal(lab_fetch_new(&o, &f, &err), LAB_ERR_INVALID);
  assert_null(f);
  assert_non_null(strstr(err.msg, "LABORSTAT_CONTACT"));
}

static void get_should_send_a_user_agent_with_the_contact(void **state)
{
  struct server srv;
  struct lab_fetch_opts o = {.contact = "planner@example.org"};
  struct lab_fetch *f = NULL;
  struct lab_buf body;
  struct lab_error err = {0};
  char mirror[64];
  long status = 0;

  (void)state;
  assert_int_equal(start_server(&srv, 2), 0);
  snprintf(mirror, sizeof(mirror), "http://127.0.0.1:%d", srv.port);
  o.mirror = mirror;
  lab_buf_init(&body, 1 << 16);
  assert_int_equal(lab_fetch_new(&o, &f, &err), LAB_OK);
  /* through the mirror: https://ok -> http://127.0.0.1:PORT/ok */
  assert_int_equal(lab_fetch_get(f, "https://ok", &body, &status, &err), LAB_OK);
  assert_int_equal(status, 200);
  assert_string_equal(lab_buf_str(&body),
                      "User-Agent: laborstat/" LAB_VERSION " (+planner@example.org)");
  lab_buf_reset(&body);
  assert_int_equal(lab_fetch_get(f, "https://missing", &body, &status, &err), LAB_ERR_HTTP);
  assert_int_equal(status, 404);
  assert_non_null(strstr(err.msg, "HTTP 404"));
  lab_buf_release(&body);
  lab_fetch_free(f);
  stop_server(&srv);
}

static void get_should_report_a_refused_connection(void **state)
{
  struct server srv;
  struct lab_fetch_opts o = {.contact = "x@example.org"};
  struct lab_fetch *f = NULL;
  struct lab_buf body;
  struct lab_error err = {0};
  char url[64];

  (void)state;
  /* a port that was just free: start and stop a server to learn one */
  assert_int_equal(start_server(&srv, 0), 0);
  stop_server(&srv);
  snprintf(url, sizeof(url), "http://127.0.0.1:%d/ok", srv.port);
  o.max_attempts = 2;
  o.backoff_ms = 10;
  lab_buf_init(&body, 1 << 16);
  assert_int_equal(lab_fetch_new(&o, &f, &err), LAB_OK);
  assert_int_equal(lab_fetch_get(f, url, &body, NULL, &err), LAB_ERR_NET);
  assert_non_null(strstr(err.msg, "(after 2 attempts)"));
  lab_buf_release(&body);
  lab_fetch_free(f);
}

static double now_s(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* GET path from a fresh server answering `connections` requests, with fast retries. */
static lab_status get_path(const char *path, int connections, int attempts, struct lab_buf *body,
                           long *status, struct lab_error *err)
{
  struct server srv;
  struct lab_fetch_opts o = {.contact = "x@example.org", .backoff_ms = 10};
  struct lab_fetch *f = NULL;
  char url[96];
  lab_status st;

  o.max_attempts = attempts;
  assert_int_equal(start_server(&srv, connections), 0);
  snprintf(url, sizeof(url), "http://127.0.0.1:%d%s", srv.port, path);
  assert_int_equal(lab_fetch_new(&o, &f, err), LAB_OK);
  st = lab_fetch_get(f, url, body, status, err);
  lab_fetch_free(f);
  stop_server(&srv);
  return st;
}

static void get_should_retry_server_errors_until_they_pass(void **state)
{
  struct lab_buf body;
  struct lab_error err = {0};
  long status = 0;

  (void)state;
  lab_buf_init(&body, 1 << 16);
  assert_int_equal(get_path("/flaky", 3, 4, &body, &status, &err), LAB_OK);
  assert_int_equal(status, 200);
  assert_string_equal(lab_buf_str(&body), "done"); /* the 503 bodies were dropped */
  lab_buf_release(&body);
}

static void get_should_wait_as_long_as_retry_after_says(void **state)
{
  struct lab_buf body;
  struct lab_error err = {0};
  double t0 = now_s();

  (void)state;
  lab_buf_init(&body, 1 << 16);
  assert_int_equal(get_path("/busy", 2, 4, &body, NULL, &err), LAB_OK);
  assert_true(now_s() - t0 >= 0.95); /* Retry-After: 1, not the 10 ms backoff */
  assert_string_equal(lab_buf_str(&body), "done");
  lab_buf_release(&body);
}

static void get_should_give_up_after_its_attempts_with_the_count(void **state)
{
  struct lab_buf body;
  struct lab_error err = {0};
  long status = 0;

  (void)state;
  lab_buf_init(&body, 1 << 16);
  assert_int_equal(get_path("/down", 3, 3, &body, &status, &err), LAB_ERR_HTTP);
  assert_int_equal(status, 500);
  assert_non_null(strstr(err.msg, "HTTP 500 (after 3 attempts)"));
  lab_buf_release(&body);
}

static void get_should_refetch_a_body_cut_short(void **state)
{
  struct lab_buf body;
  struct lab_error err = {0};

  (void)state;
  lab_buf_init(&body, 1 << 16);
  assert_int_equal(lab_buf_adds(&body, "kept:"), LAB_OK); /* appended to, never overwritten */
  assert_int_equal(get_path("/cut", 2, 4, &body, NULL, &err), LAB_OK);
  assert_int_equal(body.len, 105);
  assert_true(strncmp(lab_buf_str(&body), "kept:0123456789", 15) == 0);
  lab_buf_release(&body);
}

static void get_should_not_retry_a_missing_file(void **state)
{
  struct lab_buf body;
  struct lab_error err = {0};
  long status = 0;

  (void)state;
  lab_buf_init(&body, 1 << 16);
  assert_int_equal(get_path("/nothing", 1, 4, &body, &status, &err), LAB_ERR_HTTP);
  assert_int_equal(status, 404);
  assert_null(strstr(err.msg, "attempts"));
  lab_buf_release(&body);
}

/* Files in dir whose name contains part (to find leftovers). */
static int count_files(const char *dir, const char *part)
{
  char cmd[512], out[32] = "";
  FILE *p;

  snprintf(cmd, sizeof(cmd), "ls -A '%s' | grep -c -- '%s'", dir, part);
  p = popen(cmd, "r");
  if (!p)
    return -1;
  if (!fgets(out, sizeof(out), p))
    out[0] = '\0';
  pclose(p);
  return atoi(out);
}

static void file_should_be_written_with_its_record_then_kept_when_unchanged(void **state)
{
  struct server srv;
  struct lab_fetch_opts o = {.contact = "x@example.org", .backoff_ms = 10};
  struct lab_fetch *f = NULL;
  struct lab_fetch_file_info info;
  struct lab_error err = {0};
  char dir[] = "/tmp/lab_fetch_file_XXXXXX", path[128], url[96], again[128];

  (void)state;
  assert_non_null(mkdtemp(dir));
  snprintf(path, sizeof(path), "%s/x.zip", dir);
  assert_int_equal(start_server(&srv, 2), 0);
  snprintf(url, sizeof(url), "http://127.0.0.1:%d/file", srv.port);
  assert_int_equal(lab_fetch_new(&o, &f, &err), LAB_OK);
  assert_int_equal(lab_fetch_file(f, url, path, &info, &err), LAB_OK);
  assert_false(info.not_modified);
  assert_int_equal(info.size, 11);
  /* sha256("hello world") */
  assert_string_equal(info.sha256,
                      "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9");
  assert_string_equal(info.etag, "\"v1\"");
  assert_int_equal(lab_fetch_meta_read(path, &info, again, sizeof(again), &err), LAB_OK);
  assert_string_equal(again, url);
  assert_string_equal(info.last_modified, "Wed, 11 Sep 2025 12:00:00 GMT");
  /* the second request is conditional; the server's 304 keeps the file */
  assert_int_equal(lab_fetch_file(f, url, path, &info, &err), LAB_OK);
  assert_true(info.not_modified);
  assert_int_equal(count_files(dir, ".part-"), 0);
  lab_fetch_free(f);
  stop_server(&srv);
  unlink(path);
  strcat(path, ".meta");
  unlink(path);
  rmdir(dir);
}

static void file_should_stay_as_it_was_when_a_download_fails(void **state)
{
  struct server srv;
  struct lab_fetch_opts o = {.contact = "x@example.org", .backoff_ms = 10, .max_attempts = 2};
  struct lab_fetch *f = NULL;
  struct lab_error err = {0};
  char dir[] = "/tmp/lab_fetch_fail_XXXXXX", path[128], url[96], cmd[256];
  FILE *fp;
  char *text = NULL;

  (void)state;
  assert_non_null(mkdtemp(dir));
  snprintf(path, sizeof(path), "%s/good.zip", dir);
  fp = fopen(path, "w");
  assert_non_null(fp);
  fputs("the good copy", fp);
  fclose(fp);
  assert_int_equal(start_server(&srv, 2), 0);
  snprintf(url, sizeof(url), "http://127.0.0.1:%d/down", srv.port);
  assert_int_equal(lab_fetch_new(&o, &f, &err), LAB_OK);
  assert_int_equal(lab_fetch_file(f, url, path, NULL, &err), LAB_ERR_HTTP);
  fp = fopen(path, "r");
  assert_non_null(fp);
  text = calloc(1, 64);
  assert_non_null(fgets(text, 64, fp));
  fclose(fp);
  assert_string_equal(text, "the good copy");
  assert_int_equal(count_files(dir, ".part-"), 0);
  assert_int_equal(count_files(dir, ".meta"), 0);
  free(text);
  lab_fetch_free(f);
  stop_server(&srv);
  snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
  assert_int_equal(system(cmd), 0);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(map_url_should_put_host_and_path_under_the_mirror),
      cmocka_unit_test(fetch_should_refuse_to_run_without_a_contact),
      cmocka_unit_test(get_should_send_a_user_agent_with_the_contact),
      cmocka_unit_test(get_should_report_a_refused_connection),
      cmocka_unit_test(get_should_retry_server_errors_until_they_pass),
      cmocka_unit_test(get_should_wait_as_long_as_retry_after_says),
      cmocka_unit_test(get_should_give_up_after_its_attempts_with_the_count),
      cmocka_unit_test(get_should_refetch_a_body_cut_short),
      cmocka_unit_test(get_should_not_retry_a_missing_file),
      cmocka_unit_test(file_should_be_written_with_its_record_then_kept_when_unchanged),
      cmocka_unit_test(file_should_stay_as_it_was_when_a_download_fails),
  };
  int rc;

  curl_global_init(CURL_GLOBAL_ALL);
  rc = cmocka_run_group_tests(tests, NULL, NULL);
  curl_global_cleanup();
  return rc;
}
