/*
 * store_flush.c - write-back ahead of the commit. A large write transaction leaves SQLite's
 * pages in the kernel's page cache until COMMIT, whose fsync then waits for all of them (a
 * release of the all-data file is ~100 MB: a quarter of a second on this class of disk). While
 * a write transaction is open, a progress handler asks the kernel now and then to start
 * writing what is dirty (sync_file_range, which does not wait), so the disk works while we
 * parse and the commit's fsync finds little left to do. Durability is unchanged: SQLite still
 * syncs at COMMIT exactly as before.
 *
 * SQLite does not hand out its file descriptor; the store finds it by the database file's
 * device and inode among the process's open descriptors and only ever borrows it (never
 * closes it: closing any descriptor of the file would drop SQLite's POSIX locks).
 */
#define _GNU_SOURCE
#include "datasets/store_internal.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>

#define FLUSH_EVERY_OPS 2000000 /* VM instructions between two kicks: ~20,000 OEWS rows */

/* The descriptor open on the file with sb's device and inode, or -1. */
static int find_fd(const struct stat *sb)
{
  int found = -1;
#ifdef __linux__
  DIR *d = opendir("/proc/self/fd");
  struct dirent *e;
  struct stat fs;

  while (d && found < 0 && (e = readdir(d))) {
    char *end;
    long fd = strtol(e->d_name, &end, 10);
    if (*end || end == e->d_name || fd == dirfd(d))
      continue;
    if (fstat((int)fd, &fs) == 0 && S_ISREG(fs.st_mode) && fs.st_dev == sb->st_dev &&
        fs.st_ino == sb->st_ino)
      found = (int)fd;
  }
  if (d)
    closedir(d);
#else
  (void)sb;
#endif
  return found;
}

static int flush_tick(void *arg)
{
  struct lab_store *s = arg;
#ifdef SYNC_FILE_RANGE_WRITE
  struct stat fs;
  /* the descriptor is SQLite's: make sure it still names the store before using it */
  if (fstat(s->flush_fd, &fs) == 0 && fs.st_dev == s->flush_dev && fs.st_ino == s->flush_ino)
    sync_file_range(s->flush_fd, 0, 0, SYNC_FILE_RANGE_WRITE);
#else
  (void)s;
#endif
  return 0; /* never interrupts */
}

void store_flush_begin(struct lab_store *s)
{
  struct stat sb;

  s->flush_fd = -1;
  if (stat(s->path, &sb) != 0)
    return;
  s->flush_fd = find_fd(&sb);
  if (s->flush_fd < 0)
    return;
  s->flush_dev = sb.st_dev;
  s->flush_ino = sb.st_ino;
  sqlite3_progress_handler(s->db, FLUSH_EVERY_OPS, flush_tick, s);
}

void store_flush_end(struct lab_store *s)
{
  if (s->flush_fd >= 0)
    sqlite3_progress_handler(s->db, 0, NULL, NULL);
  s->flush_fd = -1;
}
