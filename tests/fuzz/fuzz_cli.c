/*
 * fuzz_cli.c - the command-line parser: laborstat's own main() (cli/main.c, compiled as
 * lab_cli_main) and every command's option handling, on a fuzzed argv.
 *
 * Input: arguments separated by NUL bytes (at most 32, each at most 256 bytes). The run must not
 * touch the network, the user's files or a real store, and must stay fast, so:
 *   - each run works in a private temporary folder (chdir, and back after) with HOME and XDG_*
 * pointing into it and LABORSTAT_DB/CONFIG/CONTACT/MIRROR and BLS_API_KEY unset;
 *   - arguments holding '/' (or "..") are refused, so every path is relative to that folder;
 *   - lab_store_open(), curl_easy_init(), fork() and lab_plot_render() are replaced at link time
 *     (-Wl,--wrap) by stubs that fail with an error: commands get as far as they can without a
 *     store (option parsing, argument checks, role files, `stats` on a file, cache listing) and
 *     then stop with "no store" - which exercises their error paths too.
 * Checked: exit code 0, 1 or 2; no crash, leak or undefined behaviour. Run with -close_fd_mask=3
 * (scripts/fuzz.sh does) to silence the CLI's messages.
 */
#include "common/lab_common.h"
#include "datasets/lab_store.h"
#include "fuzz_util.h"

#include <curl/curl.h>
#include <errno.h>
#include <getopt.h>
#include <sys/types.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);
int lab_cli_main(int argc, char **argv);

lab_status __wrap_lab_store_open(const char *path, struct lab_store **out, bool *created,
                                 struct lab_error *err);
CURL *__wrap_curl_easy_init(void);
pid_t __wrap_fork(void);
lab_status __wrap_lab_plot_render(const char *script, size_t len, const char *gnuplot,
                                  const char *output, struct lab_error *err);

lab_status __wrap_lab_store_open(const char *path, struct lab_store **out, bool *created,
                                 struct lab_error *err)
{
  (void)path;
  if (out)
    *out = NULL;
  if (created)
    *created = false;
  return lab_error_set(err, LAB_ERR_IO, "fuzzing: no store");
}

CURL *__wrap_curl_easy_init(void)
{
  return NULL;
}

pid_t __wrap_fork(void)
{
  errno = EPERM;
  return -1;
}

lab_status __wrap_lab_plot_render(const char *script, size_t len, const char *gnuplot,
                                  const char *output, struct lab_error *err)
{
  (void)script;
  (void)len;
  (void)gnuplot;
  (void)output;
  return lab_error_set(err, LAB_ERR_IO, "fuzzing: no gnuplot");
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
  static const char *const unset[] = {"LABORSTAT_DB", "LABORSTAT_CONFIG", "LABORSTAT_CONTACT",
                                      "LABORSTAT_MIRROR", "BLS_API_KEY"};
  static const char *const xdg[] = {"XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME",
                                    "XDG_STATE_HOME"};
  const char *dir = fuzz_tmpdir();
  char path[512];
  int fd;

  (void)argc;
  (void)argv;
  for (size_t i = 0; i < sizeof(unset) / sizeof(unset[0]); i++)
    unsetenv(unset[i]);
  setenv("HOME", dir, 1);
  for (size_t i = 0; i < sizeof(xdg) / sizeof(xdg[0]); i++) {
    snprintf(path, sizeof(path), "%s/%s", dir, xdg[i]);
    setenv(xdg[i], path, 1);
  }
  fd = open("/dev/null", O_RDWR);
  FUZZ_CHECK(fd >= 0);
  dup2(fd, 0); /* no command may wait for input */
  close(fd);
  /* main() pairs curl_global_init with curl_global_cleanup; one extra reference keeps libcurl
     initialised between runs */
  FUZZ_CHECK(curl_global_init(CURL_GLOBAL_ALL) == CURLE_OK);
  return 0;
}

#define MAX_ARGS 32
#define MAX_ARG 256

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  char *args[MAX_ARGS + 2];
  char *buf;
  int argc = 0;
  size_t start = 0;
  int rc, cwd;

  if (size > MAX_ARGS * (MAX_ARG + 1))
    return -1;
  buf = malloc(size + 1);
  FUZZ_CHECK(buf != NULL);
  if (size)
    memcpy(buf, data, size);
  buf[size] = '\0';
  args[argc++] = (char *)"laborstat";
  for (size_t i = 0; i <= size; i++) {
    if (buf[i] != '\0')
      continue;
    if (i == size && start == size)
      break;
    if (argc > MAX_ARGS || i - start > MAX_ARG || strchr(buf + start, '/') ||
        strstr(buf + start, "..")) {
      free(buf);
      return -1; /* not kept in the corpus */
    }
    args[argc++] = buf + start;
    start = i + 1;
  }
  args[argc] = NULL;
  /* into the private folder for the run only: libFuzzer's own paths (corpus, dictionary,
     artifacts) stay relative to where it was started */
  cwd = open(".", O_RDONLY | O_DIRECTORY);
  FUZZ_CHECK(cwd >= 0 && chdir(fuzz_tmpdir()) == 0);
  optind = 0; /* glibc: full re-initialisation of getopt */
  rc = lab_cli_main(argc, args);
  FUZZ_CHECK(fchdir(cwd) == 0);
  close(cwd);
  FUZZ_CHECK(rc >= 0 && rc <= 2);
  free(buf);
  return 0;
}
