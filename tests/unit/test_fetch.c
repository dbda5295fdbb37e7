/*
 * test_fetch.c - fetch/: mirror mapping, and real HTTP GETs through libcurl against a small
 * loopback server started by the test (a forked child on 127.0.0.1, an ephemeral port) that
 * scripts faults: 503s, 429 with Retry-After, a persistent 500, a body cut short, a download cut
 * after 40 bytes (resumed with Range, or not), a slow drip, a redirect loop, a JSON echo. The
 * child appends every request it reads to a log file the tests search.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "fetch/lab_fetch.h"

#include "common/lab_file.h"
#include "common/lab_sha256.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <fcntl.h>
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
  char log[64]; /* every request the child read, appended */
};

/* The 100-byte body of /ranged and /norange. */
static const char hundred[] = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                              "0123456789abcdefghijklmnopqrstuvwxyz..";

/* /ranged and /norange: the first answer promises 100 bytes, says it takes ranges, and breaks
 * off after 40; later ones answer a "Range: bytes=40-" with If-Range "r1" by a 206 with the other
 * 60 (/ranged) or ignore it with a 200 and all 100 (/norange). */
static void respond_ranged(char *resp, size_t size, const char *req, int seen, bool honour)
{
  const char *head = "HTTP/1.1 200 OK\r\nContent-Length: 100\r\nAccept-Ranges: bytes\r\n"
                     "ETag: \"r1\"\r\nConnection: close\r\n\r\n";

  if (seen < 1)
    snprintf(resp, size, "%s%.40s", head, hundred);
  else if (honour && strstr(req, "\r\nRange: bytes=40-\r\n") && strstr(req, "If-Range: \"r1\""))
    snprintf(resp, size,
             "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes 40-99/100\r\n"
             "Content-Length: 60\r\nETag: \"r1\"\r\nConnection: close\r\n\r\n%s",
             hundred + 40);
  else
    snprintf(resp, size, "%s%s", head, hundred);
}

/* POST /echo: the length and type of the body received. */
static void respond_echo(char *resp, size_t size, const char *req)
{
  const char *type = strstr(req, "Content-Type: ");
  const char *body = strstr(req, "\r\n\r\n");
  char text[256];
  int n = snprintf(text, sizeof(text), "len=%zu type=%.*s", body ? strlen(body + 4) : 0,
                   type ? (int)strcspn(type + 14, "\r") : 0, type ? type + 14 : "");

  snprintf(resp, size, "HTTP/1.1 200 OK\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s", n,
           text);
}

/* One response for request number `seen` (0-based, counted per path in this child) of `req`.
 * Scripted faults: /flaky answers 503 twice then 200; /busy 429 with Retry-After: 1 then 200;
 * /down always 500; /cut promises 100 bytes and sends 10 the first time, then all of them;
 * /file is "hello world" with ETag "v1", and 304 to a request that names that ETag; /slow sends
 * its headers and 1 byte of 100, then stalls; /loop redirects to itself; POST /echo and POST /down
 * (always 500). */
static void respond(int c, const char *req, int seen)
{
  char resp[8192];

  if (strncmp(req, "GET /ranged ", 12) == 0 || strncmp(req, "GET /norange ", 13) == 0) {
    respond_ranged(resp, sizeof(resp), req, seen, req[5] == 'r');
  } else if (strncmp(req, "GET /slow ", 10) == 0) {
    snprintf(resp, sizeof(resp),
             "HTTP/1.1 200 OK\r\nContent-Length: 100\r\nConnection: close\r\n\r\nx");
    if (write(c, resp, strlen(resp)) < 0)
      _exit(1);
    sleep(5); /* the client gives up first; stop_server() ends this */
    return;
  } else if (strncmp(req, "GET /loop ", 10) == 0) {
    snprintf(resp, sizeof(resp),
             "HTTP/1.1 302 Found\r\nLocation: /loop\r\nContent-Length: 0\r\n"
             "Connection: close\r\n\r\n");
  } else if (strncmp(req, "POST /echo ", 11) == 0) {
    respond_echo(resp, sizeof(resp), req);
  } else if (strncmp(req, "POST /down ", 11) == 0) {
    snprintf(resp, sizeof(resp),
             "HTTP/1.1 500 Oops\r\nContent-Length: 4\r\nConnection: close\r\n\r\noops");
  } else if (strncmp(req, "GET /ok ", 8) == 0) {
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

/* Read one request (head, and the body its Content-Length announces) into req[0..size). */
static void read_request(int c, char *req, size_t size)
{
  size_t got = 0, want = 0;
  const char *end = NULL;

  req[0] = '\0';
  while (got < size - 1 && (!end || got < want)) {
    ssize_t r = read(c, req + got, size - 1 - got);
    if (r <= 0)
      break;
    got += (size_t)r;
    req[got] = '\0';
    if (!end && (end = strstr(req, "\r\n\r\n"))) {
      const char *cl = strstr(req, "Content-Length: ");
      want = (size_t)(end + 4 - req) + (cl && cl < end ? strtoul(cl + 16, NULL, 10) : 0);
    }
  }
}

/* Answer `n` connections (see respond()), logging each request to logfd, then exit. */
static void serve(int fd, int n, int logfd)
{
  static const char *const paths[] = {"/flaky ", "/busy ",   "/down ",
                                      "/cut ",   "/ranged ", "/norange "};
  int seen[6] = {0};

  for (int i = 0; i < n; i++) {
    char req[4096];
    int c = accept(fd, NULL, NULL);
    int k = -1;
    if (c < 0)
      _exit(1);
    read_request(c, req, sizeof(req));
    if (write(logfd, req, strlen(req)) < 0)
      _exit(1);
    for (int p = 0; p < 6; p++)
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
  int logfd;

  snprintf(s->log, sizeof(s->log), "/tmp/lab_fetch_log_XXXXXX");
  logfd = mkstemp(s->log);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (logfd < 0 || fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) != 0 ||
      listen(fd, 4) != 0 || getsockname(fd, (struct sockaddr *)&a, &len) != 0)
    return -1;
  s->port = ntohs(a.sin_port);
  s->pid = fork();
  if (s->pid == 0)
    serve(fd, connections, logfd);
  close(fd);
  close(logfd);
  return s->pid > 0 ? 0 : -1;
}

static void stop_server(struct server *s)
{
  int status;
  kill(s->pid, SIGTERM);
  waitpid(s->pid, &status, 0);
  unlink(s->log);
}

/* Whether the server's log holds text (call before stop_server()). */
static bool server_saw(const struct server *s, const char *text)
{
  char *log = NULL;
  size_t len = 0;
  bool yes;

  assert_int_equal(lab_file_read(s->log, 1 << 20, &log, &len, NULL), LAB_OK);
  yes = strstr(log, text) != NULL;
  free(log);
  return yes;
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

/* What a progress callback saw. */
struct seen_progress {
  int calls;
  int finished;
  size_t done, total; /* of the last call */
  bool over;          /* some call said done > total (total known) or a total other than want */
  size_t want;        /* the total expected when known (0 = do not check) */
};

static void on_progress(void *ctx, const char *url, size_t done, size_t total, bool finished)
{
  struct seen_progress *p = ctx;

  (void)url;
  p->calls++;
  p->finished += finished;
  p->done = done;
  p->total = total;
  if (total && (done > total || (p->want && total != p->want)))
    p->over = true;
}

/* Download path from srv into a fresh file in a temporary folder; the file's text in *text. */
static lab_status file_from(const struct server *srv, const char *path, struct lab_fetch_opts *o,
                            struct lab_fetch_file_info *info, char **text, size_t *len,
                            struct lab_error *err)
{
  char dir[] = "/tmp/lab_fetch_res_XXXXXX", file[128], url[96], cmd[160];
  struct lab_fetch *f = NULL;
  lab_status st;

  assert_non_null(mkdtemp(dir));
  snprintf(file, sizeof(file), "%s/x.bin", dir);
  snprintf(url, sizeof(url), "http://127.0.0.1:%d%s", srv->port, path);
  assert_int_equal(lab_fetch_new(o, &f, err), LAB_OK);
  st = lab_fetch_file(f, url, file, info, err);
  *text = NULL;
  if (st == LAB_OK)
    assert_int_equal(lab_file_read(file, 1 << 20, text, len, NULL), LAB_OK);
  assert_int_equal(count_files(dir, ".part-"), 0);
  lab_fetch_free(f);
  snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
  assert_int_equal(system(cmd), 0);
  return st;
}

static void file_should_resume_a_cut_download_with_range(void **state)
{
  struct server srv;
  struct seen_progress seen = {.want = 100};
  struct lab_fetch_opts o = {.contact = "x@example.org", .backoff_ms = 10};
  struct lab_fetch_file_info info;
  struct lab_error err = {0};
  char *text = NULL, hex[65];
  size_t len = 0;

  (void)state;
  o.progress = on_progress;
  o.progress_ctx = &seen;
  assert_int_equal(start_server(&srv, 2), 0);
  assert_int_equal(file_from(&srv, "/ranged", &o, &info, &text, &len, &err), LAB_OK);
  assert_int_equal(len, 100);
  assert_memory_equal(text, hundred, 100);
  lab_sha256_of(hundred, 100, hex);
  assert_string_equal(info.sha256, hex);
  assert_int_equal(info.size, 100);
  assert_string_equal(info.etag, "\"r1\"");
  /* the second request asked for the rest only, and only if the file had not changed */
  assert_true(server_saw(&srv, "\r\nRange: bytes=40-\r\n"));
  assert_true(server_saw(&srv, "\r\nIf-Range: \"r1\"\r\n"));
  /* progress counted the 40 bytes once: totals of 100 throughout, one final call at 100 */
  assert_int_equal(seen.finished, 1);
  assert_int_equal(seen.done, 100);
  assert_false(seen.over);
  free(text);
  stop_server(&srv);
}

static void file_should_start_over_when_the_server_ignores_range(void **state)
{
  struct server srv;
  struct lab_fetch_opts o = {.contact = "x@example.org", .backoff_ms = 10};
  struct lab_fetch_file_info info;
  struct lab_error err = {0};
  char *text = NULL, hex[65];
  size_t len = 0;

  (void)state;
  assert_int_equal(start_server(&srv, 2), 0);
  assert_int_equal(file_from(&srv, "/norange", &o, &info, &text, &len, &err), LAB_OK);
  assert_true(server_saw(&srv, "\r\nRange: bytes=40-\r\n")); /* asked, answered with a 200 */
  assert_int_equal(len, 100);
  assert_memory_equal(text, hundred, 100);
  lab_sha256_of(hundred, 100, hex);
  assert_string_equal(info.sha256, hex);
  assert_int_equal(info.size, 100);
  free(text);
  stop_server(&srv);
}

static void file_should_report_progress_finished_once_with_its_size(void **state)
{
  struct server srv;
  struct seen_progress seen = {0};
  struct lab_fetch_opts o = {.contact = "x@example.org", .backoff_ms = 10};
  struct lab_fetch_file_info info;
  struct lab_error err = {0};
  char *text = NULL;
  size_t len = 0;

  (void)state;
  o.progress = on_progress;
  o.progress_ctx = &seen;
  assert_int_equal(start_server(&srv, 1), 0);
  assert_int_equal(file_from(&srv, "/file", &o, &info, &text, &len, &err), LAB_OK);
  assert_int_equal(seen.finished, 1);
  assert_int_equal(seen.done, info.size);
  assert_int_equal(seen.done, 11);
  assert_int_equal(seen.total, 11);
  free(text);
  stop_server(&srv);
}

/* Seconds taken by two GETs of /ok from one context with pace_ms. */
static double two_gets(long pace_ms)
{
  struct server srv;
  struct lab_fetch_opts o = {.contact = "x@example.org", .pace_ms = pace_ms};
  struct lab_fetch *f = NULL;
  struct lab_buf body;
  struct lab_error err = {0};
  char url[64];
  double t0;

  assert_int_equal(start_server(&srv, 2), 0);
  snprintf(url, sizeof(url), "http://127.0.0.1:%d/ok", srv.port);
  lab_buf_init(&body, 1 << 16);
  assert_int_equal(lab_fetch_new(&o, &f, &err), LAB_OK);
  t0 = now_s();
  assert_int_equal(lab_fetch_get(f, url, &body, NULL, &err), LAB_OK);
  assert_int_equal(lab_fetch_get(f, url, &body, NULL, &err), LAB_OK);
  t0 = now_s() - t0;
  lab_buf_release(&body);
  lab_fetch_free(f);
  stop_server(&srv);
  return t0;
}

static void get_should_pace_requests_to_one_host(void **state)
{
  (void)state;
  assert_true(two_gets(300) >= 0.3);
  assert_true(two_gets(0) < 0.25);
}

static void get_should_give_up_on_a_transfer_too_slow(void **state)
{
  struct server srv;
  struct lab_fetch_opts o = {.contact = "x@example.org", .max_attempts = 1};
  struct lab_fetch *f = NULL;
  struct lab_buf body;
  struct lab_error err = {0};
  char url[64];
  double t0 = now_s();

  (void)state;
  o.low_speed_s = 1;
  o.low_speed_bytes = 1000;
  assert_int_equal(start_server(&srv, 1), 0);
  snprintf(url, sizeof(url), "http://127.0.0.1:%d/slow", srv.port);
  lab_buf_init(&body, 1 << 16);
  assert_int_equal(lab_fetch_new(&o, &f, &err), LAB_OK);
  assert_int_equal(lab_fetch_get(f, url, &body, NULL, &err), LAB_ERR_NET);
  assert_true(now_s() - t0 < 4.0);
  assert_non_null(strstr(err.msg, "too slow"));
  lab_buf_release(&body);
  lab_fetch_free(f);
  stop_server(&srv);
}

static void get_should_end_a_redirect_loop_at_the_limit(void **state)
{
  struct server srv;
  struct lab_fetch_opts o = {.contact = "x@example.org", .backoff_ms = 10, .max_redirects = 3};
  struct lab_fetch *f = NULL;
  struct lab_buf body;
  struct lab_error err = {0};
  char url[64];

  (void)state;
  assert_int_equal(start_server(&srv, 4), 0); /* the first request and 3 redirects */
  snprintf(url, sizeof(url), "http://127.0.0.1:%d/loop", srv.port);
  lab_buf_init(&body, 1 << 16);
  assert_int_equal(lab_fetch_new(&o, &f, &err), LAB_OK);
  assert_int_equal(lab_fetch_get(f, url, &body, NULL, &err), LAB_ERR_NET);
  assert_non_null(strstr(err.msg, "too many redirects (the limit is 3)"));
  assert_null(strstr(err.msg, "attempts")); /* not retried */
  lab_buf_release(&body);
  lab_fetch_free(f);
  stop_server(&srv);
}

static void post_json_should_send_the_body_as_json(void **state)
{
  struct server srv;
  struct seen_progress seen = {0};
  struct lab_fetch_opts o = {.contact = "x@example.org"};
  struct lab_fetch *f = NULL;
  struct lab_buf body;
  struct lab_error err = {0};
  char url[64];
  long status = 0;

  (void)state;
  o.progress = on_progress;
  o.progress_ctx = &seen;
  assert_int_equal(start_server(&srv, 1), 0);
  snprintf(url, sizeof(url), "http://127.0.0.1:%d/echo", srv.port);
  lab_buf_init(&body, 1 << 16);
  assert_int_equal(lab_buf_adds(&body, "kept:"), LAB_OK);
  assert_int_equal(lab_fetch_new(&o, &f, &err), LAB_OK);
  assert_int_equal(lab_fetch_post_json(f, url, "{\"seriesid\":[\"OEUN1\"]}", &body, &status, &err),
                   LAB_OK);
  assert_int_equal(status, 200);
  assert_string_equal(lab_buf_str(&body), "kept:len=22 type=application/json");
  assert_false(server_saw(&srv, "Expect:")); /* no 100-continue wait */
  assert_int_equal(seen.finished, 1);
  lab_buf_release(&body);
  lab_fetch_free(f);
  stop_server(&srv);
}

static void post_json_should_keep_the_body_out_of_errors(void **state)
{
  struct server srv;
  struct lab_fetch_opts o = {.contact = "x@example.org", .backoff_ms = 10, .max_attempts = 2};
  struct lab_fetch *f = NULL;
  struct lab_buf body;
  struct lab_error err = {0};
  const char *json = "{\"registrationkey\":\"SECRET-KEY-0123456789\"}";
  char url[64];

  (void)state;
  assert_int_equal(start_server(&srv, 2), 0);
  snprintf(url, sizeof(url), "http://127.0.0.1:%d/down", srv.port);
  lab_buf_init(&body, 1 << 16);
  assert_int_equal(lab_fetch_new(&o, &f, &err), LAB_OK);
  assert_int_equal(lab_fetch_post_json(f, url, json, &body, NULL, &err), LAB_ERR_HTTP);
  assert_true(server_saw(&srv, "SECRET-KEY-0123456789")); /* it was sent... */
  assert_null(strstr(err.msg, "SECRET-KEY"));             /* ...and is not in the message */
  assert_non_null(strstr(err.msg, "HTTP 500 (after 2 attempts)"));
  stop_server(&srv);
  /* the server is gone now: a network error, again without the key */
  assert_int_equal(lab_fetch_post_json(f, url, json, &body, NULL, &err), LAB_ERR_NET);
  assert_null(strstr(err.msg, "SECRET-KEY"));
  lab_buf_release(&body);
  lab_fetch_free(f);
}

static void fetch_new_should_name_a_cacert_it_cannot_read(void **state)
{
  struct lab_fetch_opts o = {.contact = "x@example.org", .cacert = "/nonexistent/extra-ca.pem"};
  struct lab_fetch *f = NULL;
  struct lab_error err = {0};
  struct server srv;
  struct lab_buf body;
  char pem[] = "/tmp/lab_fetch_ca_XXXXXX", url[64];
  int fd;

  (void)state;
  assert_int_equal(lab_fetch_new(&o, &f, &err), LAB_ERR_IO);
  assert_null(f);
  assert_non_null(strstr(err.msg, "/nonexistent/extra-ca.pem"));
  /* a readable bundle is taken (verification stays on; plain http does not use it) */
  fd = mkstemp(pem);
  assert_true(fd >= 0);
  assert_true(write(fd, "-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----\n", 59) ==
              59);
  close(fd);
  o.cacert = pem;
  assert_int_equal(start_server(&srv, 1), 0);
  snprintf(url, sizeof(url), "http://127.0.0.1:%d/ok", srv.port);
  lab_buf_init(&body, 1 << 16);
  assert_int_equal(lab_fetch_new(&o, &f, &err), LAB_OK);
  assert_int_equal(lab_fetch_get(f, url, &body, NULL, &err), LAB_OK);
  lab_buf_release(&body);
  lab_fetch_free(f);
  stop_server(&srv);
  unlink(pem);
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
      cmocka_unit_test(file_should_resume_a_cut_download_with_range),
      cmocka_unit_test(file_should_start_over_when_the_server_ignores_range),
      cmocka_unit_test(file_should_report_progress_finished_once_with_its_size),
      cmocka_unit_test(get_should_pace_requests_to_one_host),
      cmocka_unit_test(get_should_give_up_on_a_transfer_too_slow),
      cmocka_unit_test(get_should_end_a_redirect_loop_at_the_limit),
      cmocka_unit_test(post_json_should_send_the_body_as_json),
      cmocka_unit_test(post_json_should_keep_the_body_out_of_errors),
      cmocka_unit_test(fetch_new_should_name_a_cacert_it_cannot_read),
  };
  int rc;

  curl_global_init(CURL_GLOBAL_ALL);
  rc = cmocka_run_group_tests(tests, NULL, NULL);
  curl_global_cleanup();
  return rc;
}
