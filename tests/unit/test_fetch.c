/*
 * test_fetch.c - fetch/: mirror mapping, and real HTTP GETs through libcurl against a small
 * loopback server started by the test (a forked child on 127.0.0.1, an ephemeral port).
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
#include <unistd.h>

struct server {
  pid_t pid;
  int port;
};

/* Answer `n` connections: GET /ok -> 200 with the request's User-Agent line as the body;
 * anything else -> 404. Then exit. */
static void serve(int fd, int n)
{
  for (int i = 0; i < n; i++) {
    char req[4096] = "";
    char resp[8192];
    size_t got = 0;
    int c = accept(fd, NULL, NULL);
    if (c < 0)
      _exit(1);
    while (got < sizeof(req) - 1 && !strstr(req, "\r\n\r\n")) {
      ssize_t k = read(c, req + got, sizeof(req) - 1 - got);
      if (k <= 0)
        break;
      got += (size_t)k;
      req[got] = '\0';
    }
    if (strncmp(req, "GET /ok ", 8) == 0) {
      char *ua = strstr(req, "User-Agent: ");
      char *end = ua ? strstr(ua, "\r\n") : NULL;
      int len = end ? (int)(end - ua) : 0;
      snprintf(resp, sizeof(resp),
               "HTTP/1.1 200 OK\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%.*s", len, len,
               ua ? ua : "");
    } else {
      snprintf(resp, sizeof(resp),
               "HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n"
               "Connection: close\r\n\r\nnot found");
    }
    if (write(c, resp, strlen(resp)) < 0)
      _exit(1);
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
  lab_buf_init(&body, 1 << 16);
  assert_int_equal(lab_fetch_new(&o, &f, &err), LAB_OK);
  assert_int_equal(lab_fetch_get(f, url, &body, NULL, &err), LAB_ERR_NET);
  lab_buf_release(&body);
  lab_fetch_free(f);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(map_url_should_put_host_and_path_under_the_mirror),
      cmocka_unit_test(fetch_should_refuse_to_run_without_a_contact),
      cmocka_unit_test(get_should_send_a_user_agent_with_the_contact),
      cmocka_unit_test(get_should_report_a_refused_connection),
  };
  int rc;

  curl_global_init(CURL_GLOBAL_ALL);
  rc = cmocka_run_group_tests(tests, NULL, NULL);
  curl_global_cleanup();
  return rc;
}
