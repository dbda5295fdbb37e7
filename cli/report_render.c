/*
 * report_render.c - render the built scripts in parallel: up to `jobs` worker processes at a
 * time, each running lab_plot_render() (one gnuplot) and sending back its error through a pipe.
 */
#include "cli/report.h"
#include "plots/lab_plots.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *const formats[REPORT_NFORMATS] = {"svg", "png", "pdf"};

struct worker {
  pid_t pid;   /* 0 = free */
  int fd;      /* read end of the worker's error pipe */
  size_t task; /* chart * REPORT_NFORMATS + format */
};

/* In the worker: render one script, write the error message (if any) to fd, exit. */
static void work(const struct report *r, const struct lab_buf *script, size_t task, int fd)
{
  const struct report_chart *c = &r->charts[task / REPORT_NFORMATS];
  struct lab_error err = {0};
  char out[REPORT_PATH_MAX + 256];
  lab_status st;

  snprintf(out, sizeof(out), "%s/charts/%s.%s", r->dir, c->stem, formats[task % REPORT_NFORMATS]);
  st = lab_plot_render(lab_buf_str(script), script->len, NULL, out, &err);
  if (st) {
    size_t len = strlen(err.msg);
    ssize_t w = write(fd, err.msg, len > 0 ? len : 1);
    (void)w;
  }
  _exit(st ? 1 : 0);
}

/* Wait for one worker; record its result. Returns false when there was none to wait for. */
static bool reap(struct report *r, struct worker *w, size_t nw, size_t *failed)
{
  int status = 0;
  pid_t pid;

  do
    pid = wait(&status);
  while (pid < 0 && errno == EINTR);
  if (pid < 0)
    return false;
  for (size_t i = 0; i < nw; i++) {
    struct report_chart *c;
    char msg[384] = "", stem[96];
    ssize_t n;

    if (w[i].pid != pid)
      continue;
    c = &r->charts[w[i].task / REPORT_NFORMATS];
    n = read(w[i].fd, msg, sizeof(msg) - 1);
    close(w[i].fd);
    w[i].pid = 0;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      if (c->ok)
        (*failed)++;
      c->ok = false;
      memcpy(stem, c->stem, sizeof(stem));
      snprintf(c->error, sizeof(c->error), "%s.%s: %s", stem, formats[w[i].task % REPORT_NFORMATS],
               n > 0 ? msg : "gnuplot worker failed");
    }
    break;
  }
  return true;
}

size_t report_render(struct report *r, const struct lab_buf *scripts, long jobs)
{
  struct worker w[64] = {{0}};
  size_t nw = jobs < 1 ? 1 : jobs > 64 ? 64 : (size_t)jobs;
  size_t ntasks = r->ncharts * REPORT_NFORMATS, running = 0, failed = 0;

  fflush(NULL); /* nothing buffered is written twice by the workers */
  for (size_t t = 0; t < ntasks; t++) {
    size_t slot = 0;
    int fds[2];

    if (!r->charts[t / REPORT_NFORMATS].ok)
      continue;
    while (running == nw) {
      if (!reap(r, w, nw, &failed))
        break;
      running--;
    }
    while (slot < nw && w[slot].pid != 0)
      slot++;
    if (pipe(fds) != 0) {
      snprintf(r->charts[t / REPORT_NFORMATS].error, sizeof(r->charts[0].error),
               "cannot create a pipe: %s", strerror(errno));
      r->charts[t / REPORT_NFORMATS].ok = false;
      failed++;
      continue;
    }
    w[slot].pid = fork();
    if (w[slot].pid == 0) {
      close(fds[0]);
      work(r, &scripts[t], t, fds[1]);
    }
    close(fds[1]);
    if (w[slot].pid < 0) {
      w[slot].pid = 0;
      close(fds[0]);
      snprintf(r->charts[t / REPORT_NFORMATS].error, sizeof(r->charts[0].error),
               "cannot start a worker: %s", strerror(errno));
      r->charts[t / REPORT_NFORMATS].ok = false;
      failed++;
      continue;
    }
    w[slot].fd = fds[0];
    w[slot].task = t;
    running++;
  }
  while (running > 0 && reap(r, w, nw, &failed))
    running--;
  return failed;
}
