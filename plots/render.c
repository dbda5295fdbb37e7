/*
 * render.c - run gnuplot on a script: fork + execvp (no shell), the script on its standard
 * input, its standard error captured.
 *
 * The script goes through one end of a socketpair (a bidirectional pipe) so that send() with
 * MSG_NOSIGNAL can report a gnuplot that quit early as EPIPE instead of raising SIGPIPE in the
 * caller; library code must not change signal dispositions. Writing the script and reading
 * standard error are multiplexed with poll() so neither side can fill a pipe and stall. An
 * exec failure in the child is reported back through a close-on-exec pipe. gnuplot gets the
 * environment without secrets (BLS_API_KEY): nothing it runs or dumps can show them.
 */
#include "plots/lab_plots.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

#define STDERR_MAX 16384 /* bytes of gnuplot's standard error kept for the message */
#define INSTALL_HINT                                                                               \
  "install the Debian package gnuplot-nox (apt-get install gnuplot-nox) or give the path of "      \
  "gnuplot"

/* Everything the parent holds while gnuplot runs; -1 = closed. */
struct child {
  pid_t pid;
  int in;     /* our end of gnuplot's standard input */
  int err;    /* read end of gnuplot's standard error */
  int status; /* from waitpid() */
};

static void close_fd(int *fd)
{
  if (*fd >= 0) {
    close(*fd);
    *fd = -1;
  }
}

static int set_cloexec(int fd)
{
  int flags = fcntl(fd, F_GETFD);

  if (flags < 0)
    return -1;
  return fcntl(fd, F_SETFD, flags | FD_CLOEXEC);
}

/* Wait for the child (retrying on EINTR). Returns 0 or -1. */
static int reap(struct child *c)
{
  pid_t r;

  if (c->pid <= 0)
    return 0;
  do {
    r = waitpid(c->pid, &c->status, 0);
  } while (r < 0 && errno == EINTR);
  c->pid = -1;
  return r < 0 ? -1 : 0;
}

/*
 * In the child: wire the descriptors and exec. Only async-signal-safe calls besides execvp();
 * on failure the errno goes to report and the child exits 127.
 */
static void run_child(const char *prog, char *const *envp, int in, int errw, int devnull,
                      int report)
{
  char *const argv[] = {(char *)prog, (char *)"--default-settings", NULL};
  int e;

  if (dup2(in, STDIN_FILENO) < 0 || dup2(devnull, STDOUT_FILENO) < 0 ||
      dup2(errw, STDERR_FILENO) < 0) {
    e = errno;
  } else {
    environ = (char **)envp; /* the child's own copy of the pointer: execvp() passes it on */
    execvp(prog, argv);
    e = errno;
  }
  if (write(report, &e, sizeof(e)) < 0) {
    /* nothing more can be done in the child */
  }
  _exit(127);
}

/* The process environment without secrets, as a heap array of borrowed strings (free() the
 * array only); NULL when out of memory. */
static char **child_environment(void)
{
  size_t n = 0, k = 0;
  char **envp;

  while (environ && environ[n])
    n++;
  envp = calloc(n + 1, sizeof(*envp));
  for (size_t i = 0; envp && i < n; i++)
    if (strncmp(environ[i], "BLS_API_KEY=", 12) != 0)
      envp[k++] = environ[i];
  return envp;
}

/*
 * Start gnuplot. On success c->pid, c->in and c->err are set. An exec failure is
 * LAB_ERR_EXTERNAL with the install hint.
 */
static lab_status start(struct child *c, const char *prog, struct lab_error *err)
{
  int sv[2] = {-1, -1};
  int ep[2] = {-1, -1};
  int report[2] = {-1, -1};
  int devnull = -1;
  int child_errno = 0;
  ssize_t got;
  char **envp = child_environment();
  lab_status st = LAB_OK;

  if (!envp) {
    st = lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
    goto out;
  }
  if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0 || pipe(ep) < 0 || pipe(report) < 0) {
    st = lab_error_set(err, LAB_ERR_IO, "cannot create pipes for gnuplot: %s", strerror(errno));
    goto out;
  }
  devnull = open("/dev/null", O_WRONLY);
  if (devnull < 0) {
    st = lab_error_set(err, LAB_ERR_IO, "cannot open /dev/null: %s", strerror(errno));
    goto out;
  }
  if (set_cloexec(sv[0]) || set_cloexec(sv[1]) || set_cloexec(ep[0]) || set_cloexec(ep[1]) ||
      set_cloexec(report[0]) || set_cloexec(report[1]) || set_cloexec(devnull)) {
    st = lab_error_set(err, LAB_ERR_IO, "cannot set close-on-exec: %s", strerror(errno));
    goto out;
  }
  c->pid = fork();
  if (c->pid < 0) {
    st = lab_error_set(err, LAB_ERR_IO, "cannot start gnuplot: fork: %s", strerror(errno));
    goto out;
  }
  if (c->pid == 0)
    run_child(prog, envp, sv[1], ep[1], devnull, report[1]);
  close_fd(&report[1]);
  do {
    got = read(report[0], &child_errno, sizeof(child_errno));
  } while (got < 0 && errno == EINTR);
  if (got > 0) {
    reap(c);
    st = lab_error_set(err, LAB_ERR_EXTERNAL, "cannot run '%s': %s; " INSTALL_HINT, prog,
                       strerror(got == (ssize_t)sizeof(child_errno) ? child_errno : EIO));
    goto out;
  }
  c->in = sv[0];
  c->err = ep[0];
  sv[0] = -1;
  ep[0] = -1;
out:
  close_fd(&sv[0]);
  close_fd(&sv[1]);
  close_fd(&ep[0]);
  close_fd(&ep[1]);
  close_fd(&report[0]);
  close_fd(&report[1]);
  close_fd(&devnull);
  free(envp);
  return st;
}

/*
 * Send the script and collect standard error until gnuplot closes it. A gnuplot that stops
 * reading (EPIPE) is not an error here; its exit status tells.
 */
static lab_status pump(struct child *c, const char *script, size_t len, struct lab_buf *errs,
                       struct lab_error *err)
{
  size_t sent = 0;
  char chunk[4096];

  if (len == 0)
    shutdown(c->in, SHUT_WR);
  while (c->err >= 0) {
    struct pollfd fds[2];
    nfds_t nfds = 0;
    int r;

    fds[nfds++] = (struct pollfd){.fd = c->err, .events = POLLIN};
    if (c->in >= 0 && sent < len)
      fds[nfds++] = (struct pollfd){.fd = c->in, .events = POLLOUT};
    r = poll(fds, nfds, -1);
    if (r < 0 && errno == EINTR)
      continue;
    if (r < 0)
      return lab_error_set(err, LAB_ERR_IO, "waiting for gnuplot: %s", strerror(errno));
    if (nfds > 1 && (fds[1].revents & (POLLOUT | POLLERR | POLLHUP))) {
      ssize_t w = send(c->in, script + sent, len - sent, MSG_NOSIGNAL | MSG_DONTWAIT);

      if (w > 0)
        sent += (size_t)w;
      else if (w < 0 && errno != EINTR && errno != EAGAIN && errno != EWOULDBLOCK)
        sent = len; /* EPIPE and friends: gnuplot stopped reading */
      if (sent == len) {
        shutdown(c->in, SHUT_WR);
        close_fd(&c->in);
      }
    }
    if (fds[0].revents & (POLLIN | POLLERR | POLLHUP)) {
      ssize_t got = read(c->err, chunk, sizeof(chunk));

      if (got < 0 && errno == EINTR)
        continue;
      if (got <= 0) {
        close_fd(&c->err);
      } else if (errs->len < STDERR_MAX) {
        size_t keep = (size_t)got;

        if (keep > STDERR_MAX - errs->len)
          keep = STDERR_MAX - errs->len;
        if (lab_buf_add(errs, chunk, keep))
          lab_buf_init(errs, STDERR_MAX); /* out of memory: carry on without the text */
      }
    }
  }
  close_fd(&c->in);
  return LAB_OK;
}

/* Copy s[0..n) without leading blanks into msg (size bytes, NUL-terminated, cut if long). */
static void copy_trimmed(const char *s, size_t n, char *msg, size_t size)
{
  while (n > 0 && (*s == ' ' || *s == '\t')) {
    s++;
    n--;
  }
  if (n >= size)
    n = size - 1;
  memcpy(msg, s, n);
  msg[n] = '\0';
}

/*
 * Say what went wrong from gnuplot's standard error. For a script read from standard input
 * gnuplot echoes the failing command ("gnuplot> set foo"), marks it with a caret and then
 * reports "line 0: <message>"; this gives "<message> (in: set foo)". Without such a report,
 * the first non-blank line is used.
 */
static void error_line(const struct lab_buf *errs, char *msg, size_t size)
{
  const char *s = lab_buf_str(errs);
  const char *first = NULL;
  const char *echo = NULL;
  size_t first_len = 0;
  size_t echo_len = 0;
  char what[200];
  char where[160];

  msg[0] = '\0';
  while (*s) {
    size_t n = strcspn(s, "\r\n");
    size_t lead = strspn(s, " \t");
    bool blank = lead >= n || strspn(s + lead, "^ \t") >= n - lead;

    if (!blank && strncmp(s + lead, "gnuplot> ", 9) == 0) {
      echo = s + lead + 9;
      echo_len = n - lead - 9;
    } else if (!blank && strncmp(s + lead, "line ", 5) == 0 && s[lead + 5] >= '0' &&
               s[lead + 5] <= '9') {
      const char *colon = memchr(s + lead, ':', n - lead);
      size_t skip = colon ? (size_t)(colon + 1 - s) : lead;

      copy_trimmed(s + skip, n - skip, what, sizeof(what));
      if (echo) {
        copy_trimmed(echo, echo_len, where, sizeof(where));
        snprintf(msg, size, "%s (in: %s)", what, where);
      } else {
        snprintf(msg, size, "%s", what);
      }
      return;
    }
    if (!blank && !first) {
      first = s;
      first_len = n;
    }
    s += n;
    s += strspn(s, "\r\n");
  }
  if (first)
    copy_trimmed(first, first_len, msg, size);
}

lab_status lab_plot_render(const char *script, size_t len, const char *gnuplot, const char *output,
                           struct lab_error *err)
{
  struct child c = {.pid = -1, .in = -1, .err = -1, .status = 0};
  struct lab_buf errs;
  struct stat before;
  struct stat after;
  bool existed = false;
  char line[400];
  const char *prog = gnuplot ? gnuplot : "gnuplot";
  lab_status st;

  lab_buf_init(&errs, STDERR_MAX);
  if (!script) {
    st = lab_error_set(err, LAB_ERR_INVALID, "render: no script");
    goto out;
  }
  if (output)
    existed = stat(output, &before) == 0;
  st = start(&c, prog, err);
  if (st)
    goto out;
  st = pump(&c, script, len, &errs, err);
  if (st) {
    kill(c.pid, SIGTERM); /* our own child, by its id */
    goto out;
  }
  if (reap(&c) < 0) {
    st = lab_error_set(err, LAB_ERR_IO, "waiting for gnuplot: %s", strerror(errno));
    goto out;
  }
  error_line(&errs, line, sizeof(line));
  if (WIFSIGNALED(c.status)) {
    st = lab_error_set(err, LAB_ERR_EXTERNAL, "gnuplot was killed by signal %d%s%s",
                       WTERMSIG(c.status), line[0] ? ": " : "", line);
    goto out;
  }
  if (!WIFEXITED(c.status) || WEXITSTATUS(c.status) != 0) {
    st = lab_error_set(err, LAB_ERR_EXTERNAL, "gnuplot failed (exit status %d): %s",
                       WIFEXITED(c.status) ? WEXITSTATUS(c.status) : -1,
                       line[0] ? line : "no message");
    goto out;
  }
  if (!output)
    goto out;
  if (stat(output, &after) != 0) {
    st = lab_error_set(err, LAB_ERR_EXTERNAL, "gnuplot did not write %s: %s%s%s", output,
                       strerror(errno), line[0] ? "; gnuplot said: " : "", line);
    goto out;
  }
  if (after.st_size == 0) {
    st = lab_error_set(err, LAB_ERR_EXTERNAL, "gnuplot wrote an empty %s%s%s", output,
                       line[0] ? "; gnuplot said: " : "", line);
    goto out;
  }
  if (existed && before.st_ino == after.st_ino && before.st_size == after.st_size &&
      before.st_mtim.tv_sec == after.st_mtim.tv_sec &&
      before.st_mtim.tv_nsec == after.st_mtim.tv_nsec &&
      before.st_ctim.tv_sec == after.st_ctim.tv_sec &&
      before.st_ctim.tv_nsec == after.st_ctim.tv_nsec) {
    st = lab_error_set(err, LAB_ERR_EXTERNAL, "gnuplot did not rewrite %s%s%s", output,
                       line[0] ? "; gnuplot said: " : "", line);
    goto out;
  }
out:
  close_fd(&c.in);
  close_fd(&c.err);
  reap(&c);
  lab_buf_release(&errs);
  return st;
}
