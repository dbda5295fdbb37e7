/*
 * fetch_pace.c - per-host pacing: the context remembers when its last request to each host
 * started and waits before the next one until pace_ms have passed. No globals: the table lives in
 * struct lab_fetch.
 */
#include "fetch/fetch_internal.h"

#include <errno.h>
#include <string.h>
#include <strings.h>
#include <time.h>

void fetch_sleep_ms(long ms)
{
  struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L};

  if (ms <= 0)
    return;
  while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
    ;
}

static long long now_ms(void)
{
  struct timespec ts;

  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The authority of url (host[:port], without user:password@) into out; "" when there is none. */
static void url_host(const char *url, char *out, size_t size)
{
  const char *p = strstr(url, "://");
  const char *end, *at;
  size_t n;

  out[0] = '\0';
  if (!p)
    return;
  p += 3;
  end = p + strcspn(p, "/?#");
  at = memchr(p, '@', (size_t)(end - p));
  if (at)
    p = at + 1;
  n = (size_t)(end - p);
  if (n >= size)
    n = size - 1;
  memcpy(out, p, n);
  out[n] = '\0';
}

void fetch_pace(struct lab_fetch *f, const char *url)
{
  char host[sizeof(f->hosts[0].name)];
  struct fetch_host *slot = NULL;
  long long now;

  if (f->pace_ms <= 0)
    return;
  url_host(url, host, sizeof(host));
  for (size_t i = 0; i < FETCH_PACE_HOSTS && !slot; i++)
    if (f->hosts[i].name[0] && strcasecmp(f->hosts[i].name, host) == 0)
      slot = &f->hosts[i];
  now = now_ms();
  if (slot && now - slot->started_ms < f->pace_ms) {
    fetch_sleep_ms((long)(f->pace_ms - (now - slot->started_ms)));
    now = now_ms();
  }
  if (!slot) { /* a free slot, or the one used longest ago */
    slot = &f->hosts[0];
    for (size_t i = 1; i < FETCH_PACE_HOSTS && slot->name[0]; i++)
      if (!f->hosts[i].name[0] || f->hosts[i].started_ms < slot->started_ms)
        slot = &f->hosts[i];
    memcpy(slot->name, host, sizeof(host));
  }
  slot->started_ms = now;
}
