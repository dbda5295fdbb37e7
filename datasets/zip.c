/*
 * zip.c - the zip reader of lab_zip.h: the end-of-central-directory record (and its zip64
 * locator), the central directory, local headers, stored and deflated data, CRC-32. ISA-L
 * (Intel's igzip) inflates and checksums: about twice zlib's speed on BLS's workbooks
 * (docs/performance.md). Every size and offset read from the file is checked against the file's
 * size before use.
 */
#include "datasets/lab_zip.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <isa-l/crc.h>
#include <isa-l/igzip_lib.h>

#define EOCD_SIZE 22u
#define EOCD_MAX_COMMENT 65535u
#define LOC64_SIZE 20u
#define EOCD64_SIZE 56u
#define CDH_SIZE 46u
#define LFH_SIZE 30u
#define CD_MAX ((uint64_t)64 << 20) /* a directory larger than 64 MiB is not a BLS archive */
#define IN_CHUNK (256u * 1024u)

struct lab_zip {
  int fd;
  uint64_t file_size;
  struct lab_zip_entry *e;
  size_t n;
  char *names; /* every entry's name, NUL-terminated */
};

struct lab_zip_member {
  struct lab_zip *z; /* borrowed */
  const struct lab_zip_entry *e;
  uint64_t pos, end; /* the compressed bytes still to read: [pos, end) of the file */
  uint64_t out;      /* inflated bytes handed out */
  uint32_t crc;
  struct inflate_state *zs; /* owned (deflated members): ~85 KiB, so not inline */
  bool stream_end, done;
  lab_status failed; /* why reads fail from now on (LAB_OK while they do not) */
  unsigned char *in; /* owned: IN_CHUNK bytes (deflated members) */
  char why[200];
};

static uint16_t le16(const unsigned char *p)
{
  return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t le32(const unsigned char *p)
{
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t le64(const unsigned char *p)
{
  return (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32;
}

/* Read exactly n bytes at off: 0, or -1 (errno set; EIO for a file that ends early). */
static int read_at(int fd, void *buf, size_t n, uint64_t off)
{
  char *p = buf;

  while (n > 0) {
    ssize_t r = pread(fd, p, n, (off_t)off);
    if (r < 0 && errno == EINTR)
      continue;
    if (r <= 0) {
      if (r == 0)
        errno = EIO;
      return -1;
    }
    p += r;
    n -= (size_t)r;
    off += (uint64_t)r;
  }
  return 0;
}

static lab_status not_zip(struct lab_error *err)
{
  return lab_error_set(err, LAB_ERR_PARSE, "Not a zip archive");
}

/* The central directory's place and entry count, from the end records. */
struct cd_where {
  uint64_t offset, size, count;
};

static lab_status find_cd(struct lab_zip *z, struct cd_where *w, struct lab_error *err)
{
  uint64_t tail =
      z->file_size < EOCD_SIZE + EOCD_MAX_COMMENT ? z->file_size : EOCD_SIZE + EOCD_MAX_COMMENT;
  unsigned char *buf = NULL;
  unsigned char loc[LOC64_SIZE], rec[EOCD64_SIZE];
  uint64_t base = z->file_size - tail, eocd = 0;
  bool found = false;
  lab_status st = LAB_OK;

  if (z->file_size < EOCD_SIZE)
    return not_zip(err);
  buf = malloc((size_t)tail);
  if (!buf)
    return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
  if (read_at(z->fd, buf, (size_t)tail, base) != 0) {
    st = lab_error_set(err, LAB_ERR_IO, "cannot read: %s", strerror(errno));
    goto out;
  }
  /* the last record whose comment ends within the file */
  for (uint64_t i = tail - EOCD_SIZE + 1; i-- > 0 && !found;)
    if (le32(buf + i) == 0x06054b50u && i + EOCD_SIZE + le16(buf + i + 20) <= tail) {
      found = true;
      eocd = base + i;
      if (le16(buf + i + 4) != 0 || le16(buf + i + 6) != 0) {
        st = lab_error_set(err, LAB_ERR_PARSE, "archive spans several disks (not supported)");
        goto out;
      }
      w->count = le16(buf + i + 10);
      w->size = le32(buf + i + 12);
      w->offset = le32(buf + i + 16);
    }
  if (!found) {
    st = not_zip(err);
    goto out;
  }
  /* zip64: a locator right before the record points at the zip64 end record */
  if (eocd >= LOC64_SIZE && read_at(z->fd, loc, LOC64_SIZE, eocd - LOC64_SIZE) == 0 &&
      le32(loc) == 0x07064b50u) {
    uint64_t at = le64(loc + 8);
    if (at > eocd - LOC64_SIZE || eocd - LOC64_SIZE - at < EOCD64_SIZE ||
        read_at(z->fd, rec, EOCD64_SIZE, at) != 0 || le32(rec) != 0x06064b50u) {
      st = lab_error_set(err, LAB_ERR_PARSE, "damaged zip64 end of central directory");
      goto out;
    }
    w->count = le64(rec + 32);
    w->size = le64(rec + 40);
    w->offset = le64(rec + 48);
    eocd = at;
  }
  if (w->offset > eocd || w->size > eocd - w->offset || w->size > CD_MAX ||
      w->count > w->size / CDH_SIZE)
    st = lab_error_set(err, LAB_ERR_PARSE,
                       "damaged central directory (it does not fit in the archive)");
out:
  free(buf);
  return st;
}

/* Zip64 extended information (extra field 0x0001) for the fields saturated in the entry. */
static lab_status zip64_extra(struct lab_zip_entry *e, const unsigned char *x, size_t len,
                              bool want_size, bool want_csize, bool want_offset,
                              struct lab_error *err)
{
  size_t i = 0;

  while (i + 4 <= len) {
    uint16_t id = le16(x + i), n = le16(x + i + 2);
    const unsigned char *d = x + i + 4;
    size_t k = 0;
    if (i + 4 + n > len)
      break;
    if (id == 0x0001) {
      if (want_size && k + 8 <= n) {
        e->size = le64(d + k);
        k += 8;
        want_size = false;
      }
      if (want_csize && k + 8 <= n) {
        e->csize = le64(d + k);
        k += 8;
        want_csize = false;
      }
      if (want_offset && k + 8 <= n) {
        e->offset = le64(d + k);
        want_offset = false;
      }
      break;
    }
    i += 4 + (size_t)n;
  }
  if (want_size || want_csize || want_offset)
    return lab_error_set(err, LAB_ERR_PARSE,
                         "damaged central directory: member '%s' lacks its "
                         "zip64 sizes",
                         e->name);
  return LAB_OK;
}

static lab_status read_cd(struct lab_zip *z, const struct cd_where *w, struct lab_error *err)
{
  unsigned char *cd = NULL;
  size_t *name_off = NULL, names_len = 0, i = 0, pos = 0;
  lab_status st = LAB_OK;

  cd = malloc(w->size ? (size_t)w->size : 1);
  z->e = calloc(w->count ? (size_t)w->count : 1, sizeof(*z->e));
  name_off = calloc(w->count ? (size_t)w->count : 1, sizeof(*name_off));
  z->names = malloc(w->size ? (size_t)w->size : 1); /* the names are shorter than the directory */
  if (!cd || !z->e || !name_off || !z->names) {
    st = lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
    goto out;
  }
  if (read_at(z->fd, cd, (size_t)w->size, w->offset) != 0) {
    st = lab_error_set(err, LAB_ERR_IO, "cannot read: %s", strerror(errno));
    goto out;
  }
  for (i = 0; i < w->count; i++) {
    struct lab_zip_entry *e = &z->e[i];
    const unsigned char *h = cd + pos;
    size_t nlen, xlen, clen, keep;
    if (w->size - pos < CDH_SIZE || le32(h) != 0x02014b50u) {
      st = lab_error_set(err, LAB_ERR_PARSE, "damaged central directory (entry %zu of %llu)", i + 1,
                         (unsigned long long)w->count);
      goto out;
    }
    nlen = le16(h + 28);
    xlen = le16(h + 30);
    clen = le16(h + 32);
    if (w->size - pos - CDH_SIZE < nlen + xlen + clen) {
      st = lab_error_set(err, LAB_ERR_PARSE, "damaged central directory (entry %zu of %llu)", i + 1,
                         (unsigned long long)w->count);
      goto out;
    }
    e->opsys = h[5];
    e->flags = le16(h + 8);
    e->method = le16(h + 10);
    e->crc = le32(h + 16);
    e->csize = le32(h + 20);
    e->size = le32(h + 24);
    e->attr = le32(h + 38);
    e->offset = le32(h + 42);
    keep = strnlen((const char *)h + CDH_SIZE, nlen);
    memcpy(z->names + names_len, h + CDH_SIZE, keep);
    z->names[names_len + keep] = '\0';
    name_off[i] = names_len;
    names_len += keep + 1;
    e->name = z->names + name_off[i];
    if (e->size == 0xffffffffu || e->csize == 0xffffffffu || e->offset == 0xffffffffu) {
      st = zip64_extra(e, h + CDH_SIZE + nlen, xlen, e->size == 0xffffffffu,
                       e->csize == 0xffffffffu, e->offset == 0xffffffffu, err);
      if (st)
        goto out;
    }
    pos += CDH_SIZE + nlen + xlen + clen;
  }
  z->n = i;
out:
  free(cd);
  free(name_off);
  return st;
}

lab_status lab_zip_open(const char *path, struct lab_zip **out, struct lab_error *err)
{
  struct lab_zip *z = calloc(1, sizeof(*z));
  struct cd_where w = {0};
  struct stat sb;
  lab_status st = LAB_OK;

  *out = NULL;
  if (!z)
    return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
  z->fd = open(path, O_RDONLY | O_CLOEXEC);
  if (z->fd < 0 || fstat(z->fd, &sb) != 0) {
    st = lab_error_set(err, LAB_ERR_IO, "cannot open: %s", strerror(errno));
    goto out;
  }
  if (!S_ISREG(sb.st_mode)) {
    st = lab_error_set(err, LAB_ERR_IO, "cannot open: not a regular file");
    goto out;
  }
  z->file_size = (uint64_t)sb.st_size;
  st = find_cd(z, &w, err);
  if (!st)
    st = read_cd(z, &w, err);
out:
  if (st) {
    lab_zip_close(z);
    return st;
  }
  *out = z;
  return LAB_OK;
}

void lab_zip_close(struct lab_zip *z)
{
  if (!z)
    return;
  if (z->fd >= 0)
    close(z->fd);
  free(z->e);
  free(z->names);
  free(z);
}

size_t lab_zip_count(const struct lab_zip *z)
{
  return z->n;
}

const struct lab_zip_entry *lab_zip_entry(const struct lab_zip *z, size_t i)
{
  return i < z->n ? &z->e[i] : NULL;
}

long lab_zip_find(const struct lab_zip *z, const char *name)
{
  for (size_t i = 0; i < z->n; i++)
    if (strcmp(z->e[i].name, name) == 0)
      return (long)i;
  return -1;
}

bool lab_zip_entry_is_link(const struct lab_zip_entry *e)
{
  return e->opsys == LAB_ZIP_OPSYS_UNIX && ((e->attr >> 16) & 0170000u) == 0120000u;
}

/* ------------------------------------------------------------------------------ members */

lab_status lab_zip_member_open(struct lab_zip *z, size_t i, struct lab_zip_member **out,
                               struct lab_error *err)
{
  const struct lab_zip_entry *e = lab_zip_entry(z, i);
  struct lab_zip_member *m = NULL;
  unsigned char h[LFH_SIZE];
  uint64_t data;
  lab_status st = LAB_OK;

  *out = NULL;
  if (!e)
    return lab_error_set(err, LAB_ERR_NOTFOUND, "no member %zu", i);
  if (e->flags & 1u)
    return lab_error_set(err, LAB_ERR_PARSE, "member '%s' is encrypted (not supported)", e->name);
  if (e->method != 0 && e->method != 8)
    return lab_error_set(err, LAB_ERR_PARSE,
                         "member '%s' uses compression method %u (laborstat reads stored and "
                         "deflated members)",
                         e->name, (unsigned)e->method);
  if (e->offset > z->file_size || z->file_size - e->offset < LFH_SIZE ||
      read_at(z->fd, h, LFH_SIZE, e->offset) != 0 || le32(h) != 0x04034b50u)
    return lab_error_set(err, LAB_ERR_PARSE, "member '%s' is damaged (no local header)", e->name);
  data = e->offset + LFH_SIZE + le16(h + 26) + le16(h + 28);
  if (data > z->file_size || e->csize > z->file_size - data ||
      (e->method == 0 && e->csize != e->size))
    return lab_error_set(err, LAB_ERR_PARSE,
                         "member '%s' is damaged (its data do not fit in the archive)", e->name);
  m = calloc(1, sizeof(*m));
  if (!m)
    return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
  m->z = z;
  m->e = e;
  m->pos = data;
  m->end = data + e->csize;
  m->crc = 0;
  if (e->method == 8) {
    m->in = malloc(IN_CHUNK);
    m->zs = malloc(sizeof(*m->zs));
    if (!m->in || !m->zs) {
      st = lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
      goto out;
    }
    isal_inflate_init(m->zs); /* raw deflate, 32 KiB window, no checksum (ours is below) */
  }
out:
  if (st) {
    lab_zip_member_close(m);
    return st;
  }
  *out = m;
  return LAB_OK;
}

static long long fail(struct lab_zip_member *m, lab_status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static long long fail(struct lab_zip_member *m, lab_status st, const char *fmt, ...)
{
  va_list ap;

  va_start(ap, fmt);
  vsnprintf(m->why, sizeof(m->why), fmt, ap);
  va_end(ap);
  m->failed = st;
  return -1;
}

/* The member ended: its size and CRC-32 must be the directory's. */
static long long finish(struct lab_zip_member *m)
{
  if (m->out != m->e->size)
    return fail(m, LAB_ERR_PARSE,
                "is damaged: it inflates to fewer bytes than the %llu the archive declares",
                (unsigned long long)m->e->size);
  if (m->crc != m->e->crc)
    return fail(m, LAB_ERR_PARSE, "is damaged: CRC-32 mismatch");
  m->done = true;
  return 0;
}

static const char *isal_reason(int rc)
{
  switch (rc) {
  case ISAL_INVALID_BLOCK:
    return "an invalid block header";
  case ISAL_INVALID_SYMBOL:
    return "an invalid code";
  case ISAL_INVALID_LOOKBACK:
    return "a distance too far back";
  default:
    return "a decoding error";
  }
}

/* Up to cap bytes of a deflated member. */
static long long inflate_some(struct lab_zip_member *m, unsigned char *buf, size_t cap)
{
  struct inflate_state *zs = m->zs;

  zs->next_out = buf;
  zs->avail_out = (uint32_t)cap;
  while (zs->avail_out > 0 && !m->stream_end) {
    uint32_t in_before, out_before;
    int rc;
    if (zs->avail_in == 0 && m->pos < m->end) {
      size_t n = m->end - m->pos < IN_CHUNK ? (size_t)(m->end - m->pos) : IN_CHUNK;
      if (read_at(m->z->fd, m->in, n, m->pos) != 0)
        return fail(m, LAB_ERR_IO, "is damaged: cannot read its data: %s", strerror(errno));
      m->pos += n;
      zs->next_in = m->in;
      zs->avail_in = (uint32_t)n;
    }
    in_before = zs->avail_in;
    out_before = zs->avail_out;
    rc = isal_inflate(zs);
    if (rc < 0)
      return fail(m, LAB_ERR_PARSE, "is damaged: invalid compressed data (%s)", isal_reason(rc));
    if (zs->block_state == ISAL_BLOCK_FINISH)
      m->stream_end = true;
    else if (zs->avail_in == in_before && zs->avail_out == out_before) {
      /* no progress: every byte was read (or the decoder is stuck on damaged data) */
      return fail(m, LAB_ERR_PARSE, "is damaged: its compressed data end early");
    }
  }
  return (long long)(zs->next_out - buf);
}

long long lab_zip_member_read(struct lab_zip_member *m, void *buf, size_t cap)
{
  long long n;

  if (m->failed)
    return -1;
  if (m->done || cap == 0)
    return 0;
  if (cap > 0x40000000u) /* the inflater counts in uint32_t */
    cap = 0x40000000u;
  if (m->e->method == 0) {
    n = (long long)(m->end - m->pos < cap ? m->end - m->pos : cap);
    if (n > 0 && read_at(m->z->fd, buf, (size_t)n, m->pos) != 0)
      return fail(m, LAB_ERR_IO, "is damaged: cannot read its data: %s", strerror(errno));
    m->pos += (uint64_t)n;
  } else {
    n = inflate_some(m, buf, cap);
    if (n < 0)
      return -1;
  }
  if ((uint64_t)n > m->e->size - m->out)
    return fail(m, LAB_ERR_TOOLARGE,
                "inflates past the %llu bytes the archive declares (damaged, or a zip bomb)",
                (unsigned long long)m->e->size);
  m->out += (uint64_t)n;
  m->crc = crc32_gzip_refl(m->crc, buf, (uint64_t)n);
  if (n > 0)
    return n;
  return m->e->method == 0 || m->stream_end ? finish(m)
                                            : fail(m, LAB_ERR_PARSE, "is damaged: no data");
}

const char *lab_zip_member_error(const struct lab_zip_member *m)
{
  return m->why;
}

lab_status lab_zip_member_status(const struct lab_zip_member *m)
{
  return m->failed;
}

void lab_zip_member_close(struct lab_zip_member *m)
{
  if (!m)
    return;
  free(m->zs);
  free(m->in);
  free(m);
}
