/*
 * test_zip.c - the zip reader (lab_zip.h): archives written by libzip (an independent
 * implementation) read back byte for byte in reads of several sizes, symbolic links, a zip64
 * archive built by hand, and damaged archives, each refused with its status and message.
 * Archives are written at test time into a fresh folder under /tmp.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "datasets/lab_zip.h"
#include "test_util.h"

#include <zip.h>
#include <zlib.h>

#define BIG_SIZE ((size_t)1 << 20)
#define IN_CHUNK ((size_t)256 * 1024) /* zip.c reads compressed data in chunks of this size */

/* One member to write with libzip. */
struct member {
  const char *name;
  const void *data;
  size_t len;
  int32_t method; /* ZIP_CM_STORE or ZIP_CM_DEFLATE */
  uint8_t opsys;  /* with mode: external attributes set when mode != 0 */
  uint32_t mode;  /* Unix mode (the high 16 bits of the attributes) */
};

/* Write the members to path with libzip, each with the compression asked for. */
static void write_zip(const char *path, const struct member *m, size_t n)
{
  int code = 0;
  zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &code);

  assert_non_null(za);
  for (size_t i = 0; i < n; i++) {
    zip_source_t *src = zip_source_buffer(za, m[i].data, m[i].len, 0);
    zip_int64_t idx;
    assert_non_null(src);
    idx = zip_file_add(za, m[i].name, src, ZIP_FL_OVERWRITE);
    assert_true(idx >= 0);
    assert_int_equal(zip_set_file_compression(za, (zip_uint64_t)idx, m[i].method, 0), 0);
    if (m[i].mode)
      assert_int_equal(
          zip_file_set_external_attributes(za, (zip_uint64_t)idx, 0, m[i].opsys, m[i].mode << 16),
          0);
  }
  assert_int_equal(zip_close(za), 0);
}

static void write_file(const char *path, const void *data, size_t len)
{
  FILE *f = fopen(path, "wb");

  assert_non_null(f);
  assert_int_equal(fwrite(data, 1, len, f), len);
  assert_int_equal(fclose(f), 0);
}

/* The whole file, malloc'd; its length goes to len. */
static unsigned char *load_file(const char *path, size_t *len)
{
  FILE *f = fopen(path, "rb");
  unsigned char *buf;
  long size;

  assert_non_null(f);
  assert_int_equal(fseek(f, 0, SEEK_END), 0);
  size = ftell(f);
  assert_true(size > 0);
  rewind(f);
  buf = malloc((size_t)size);
  assert_non_null(buf);
  assert_int_equal(fread(buf, 1, (size_t)size, f), (size_t)size);
  fclose(f);
  *len = (size_t)size;
  return buf;
}

static uint32_t get16(const unsigned char *p)
{
  return (uint32_t)(p[0] | p[1] << 8);
}

static uint32_t get32(const unsigned char *p)
{
  return get16(p) | get16(p + 2) << 16;
}

static void set16(unsigned char *p, uint32_t v)
{
  p[0] = (unsigned char)v;
  p[1] = (unsigned char)(v >> 8);
}

static void set32(unsigned char *p, uint32_t v)
{
  set16(p, v & 0xffffu);
  set16(p + 2, v >> 16);
}

/* Where a libzip archive (no comment) keeps entry i: its central-directory header, local header
 * and data, found by walking the directory independently of the reader under test. */
struct where {
  size_t cd, lfh, data;
};

static struct where locate(const unsigned char *zip, size_t len, size_t i)
{
  const unsigned char *eocd = zip + len - 22;
  struct where w;

  assert_int_equal(get32(eocd), 0x06054b50u);
  assert_true(i < get16(eocd + 10));
  w.cd = get32(eocd + 16);
  for (size_t k = 0; k < i; k++) {
    assert_int_equal(get32(zip + w.cd), 0x02014b50u);
    w.cd += 46 + get16(zip + w.cd + 28) + get16(zip + w.cd + 30) + get16(zip + w.cd + 32);
  }
  assert_int_equal(get32(zip + w.cd), 0x02014b50u);
  w.lfh = get32(zip + w.cd + 42);
  assert_int_equal(get32(zip + w.lfh), 0x04034b50u);
  w.data = w.lfh + 30 + get16(zip + w.lfh + 26) + get16(zip + w.lfh + 28);
  return w;
}

/* ~len bytes of text that deflate cannot squeeze much: words of random letters and digits. */
static unsigned char *noisy_text(size_t len)
{
  unsigned char *t = malloc(len);
  uint32_t x = 12345u;

  assert_non_null(t);
  for (size_t i = 0; i < len; i++) {
    x = x * 1103515245u + 12345u;
    uint32_t r = (x >> 16) % 40u;
    t[i] = r < 26   ? (unsigned char)('a' + r)
           : r < 36 ? (unsigned char)('0' + r - 26)
           : r < 39 ? ' '
                    : '\n';
  }
  return t;
}

/* Read entry i to its end in reads of step bytes; returns the bytes (malloc'd), their count in
 * len. Every read must keep within step and the declared size, and a read after the end gives 0
 * again. */
static unsigned char *read_all(struct lab_zip *z, size_t i, size_t step, size_t *len)
{
  const struct lab_zip_entry *e = lab_zip_entry(z, i);
  struct lab_zip_member *m = NULL;
  struct lab_error err = {0};
  unsigned char *out, *buf = malloc(step);
  long long n;
  size_t total = 0;

  assert_non_null(e);
  assert_non_null(buf);
  out = malloc((size_t)e->size + 1);
  assert_non_null(out);
  assert_int_equal(lab_zip_member_open(z, i, &m, &err), LAB_OK);
  while ((n = lab_zip_member_read(m, buf, step)) > 0) {
    assert_true((size_t)n <= step);
    assert_true(total + (size_t)n <= e->size);
    memcpy(out + total, buf, (size_t)n);
    total += (size_t)n;
  }
  if (n < 0)
    fail_msg("member %s: %s", e->name, lab_zip_member_error(m));
  assert_int_equal(total, e->size);
  assert_string_equal(lab_zip_member_error(m), "");
  assert_int_equal(lab_zip_member_read(m, buf, step), 0);
  assert_int_equal(lab_zip_member_read(m, buf, step), 0);
  lab_zip_member_close(m);
  free(buf);
  *len = total;
  return out;
}

/* Check entry named name against what was written, and read it back in each step size. */
static void check_member(struct lab_zip *z, const struct member *want)
{
  static const size_t steps[] = {1, 7, 65536};
  long i = lab_zip_find(z, want->name);
  const struct lab_zip_entry *e;

  assert_true(i >= 0);
  e = lab_zip_entry(z, (size_t)i);
  assert_string_equal(e->name, want->name);
  assert_int_equal(e->size, want->len);
  assert_int_equal(e->method, want->method == ZIP_CM_STORE ? 0 : 8);
  if (e->method == 0)
    assert_int_equal(e->csize, e->size);
  assert_int_equal(e->crc, crc32(0L, want->data, (uInt)want->len));
  for (size_t s = 0; s < LAB_ARRAY_SIZE(steps); s++) {
    size_t len = 0;
    unsigned char *got = read_all(z, (size_t)i, steps[s], &len);
    assert_int_equal(len, want->len);
    if (len > 0)
      assert_memory_equal(got, want->data, len);
    free(got);
  }
}

static void zip_should_read_back_what_libzip_wrote(void **state)
{
  static const char csv[] = "OCC_CODE,OCC_TITLE,TOT_EMP\n11-1011,Chief Executives,211230\n"
                            "15-1211,Computer Systems Analysts,538800\n";
  unsigned char *big = noisy_text(BIG_SIZE);
  const struct member m[] = {
      {"hello.txt", "hello, world\n", 13, ZIP_CM_STORE, 0, 0},
      {"dir/oews.csv", csv, sizeof(csv) - 1, ZIP_CM_DEFLATE, 0, 0},
      {"empty", "", 0, ZIP_CM_STORE, 0, 0},
      {"big.txt", big, BIG_SIZE, ZIP_CM_DEFLATE, 0, 0},
      {"big-stored.txt", big + 1, BIG_SIZE - 1, ZIP_CM_STORE, 0, 0},
  };
  struct lab_zip *z = NULL;
  struct lab_error err = {0};
  char dir[64], path[128];

  (void)state;
  test_tmpdir(dir, sizeof(dir));
  snprintf(path, sizeof(path), "%s/a.zip", dir);
  write_zip(path, m, LAB_ARRAY_SIZE(m));
  assert_int_equal(lab_zip_open(path, &z, &err), LAB_OK);
  assert_int_equal(lab_zip_count(z), LAB_ARRAY_SIZE(m));
  for (size_t i = 0; i < LAB_ARRAY_SIZE(m); i++)
    check_member(z, &m[i]);
  /* the big member's compressed data span several of the reader's input chunks */
  assert_true(lab_zip_entry(z, (size_t)lab_zip_find(z, "big.txt"))->csize > 2 * IN_CHUNK);
  assert_int_equal(lab_zip_find(z, "hello.tx"), -1);
  assert_int_equal(lab_zip_find(z, "HELLO.TXT"), -1);
  assert_null(lab_zip_entry(z, LAB_ARRAY_SIZE(m)));

  /* two members open at once, read in turn */
  {
    struct lab_zip_member *a = NULL, *b = NULL;
    unsigned char *bufa = malloc(65536), *bufb = malloc(65536);
    size_t ta = 0, tb = 0;
    long long na = 1, nb = 1;
    assert_non_null(bufa);
    assert_non_null(bufb);
    assert_int_equal(lab_zip_member_open(z, 3, &a, &err), LAB_OK);
    assert_int_equal(lab_zip_member_open(z, 4, &b, &err), LAB_OK);
    while (na > 0 || nb > 0) {
      if (na > 0 && (na = lab_zip_member_read(a, bufa, 65536)) > 0) {
        assert_memory_equal(bufa, big + ta, (size_t)na);
        ta += (size_t)na;
      }
      if (nb > 0 && (nb = lab_zip_member_read(b, bufb, 65536)) > 0) {
        assert_memory_equal(bufb, big + 1 + tb, (size_t)nb);
        tb += (size_t)nb;
      }
    }
    assert_int_equal(na, 0);
    assert_int_equal(nb, 0);
    assert_int_equal(ta, BIG_SIZE);
    assert_int_equal(tb, BIG_SIZE - 1);
    lab_zip_member_close(a);
    lab_zip_member_close(b);
    free(bufa);
    free(bufb);
  }
  lab_zip_close(z);
  free(big);
  test_rmdir(dir);
}

static void zip_entry_is_link_should_tell_symlinks_from_files(void **state)
{
  const struct member m[] = {
      {"link", "target.txt", 10, ZIP_CM_STORE, ZIP_OPSYS_UNIX, 0120777u},
      {"file", "data", 4, ZIP_CM_STORE, ZIP_OPSYS_UNIX, 0100644u},
      {"socket", "", 0, ZIP_CM_STORE, ZIP_OPSYS_UNIX, 0140755u},
      {"dir/", "", 0, ZIP_CM_STORE, ZIP_OPSYS_UNIX, 040755u},
      /* the same bits from another system are not a Unix mode */
      {"dos", "x", 1, ZIP_CM_STORE, ZIP_OPSYS_DOS, 0120777u},
      {"default", "y", 1, ZIP_CM_STORE, 0, 0},
  };
  static const bool is_link[] = {true, false, false, false, false, false};
  struct lab_zip *z = NULL;
  struct lab_error err = {0};
  char dir[64], path[128];

  (void)state;
  test_tmpdir(dir, sizeof(dir));
  snprintf(path, sizeof(path), "%s/links.zip", dir);
  write_zip(path, m, LAB_ARRAY_SIZE(m));
  assert_int_equal(lab_zip_open(path, &z, &err), LAB_OK);
  assert_int_equal(lab_zip_count(z), LAB_ARRAY_SIZE(m));
  for (size_t i = 0; i < LAB_ARRAY_SIZE(m); i++) {
    long k = lab_zip_find(z, m[i].name);
    assert_true(k >= 0);
    if (lab_zip_entry_is_link(lab_zip_entry(z, (size_t)k)) != is_link[i])
      fail_msg("%s: lab_zip_entry_is_link should be %d", m[i].name, is_link[i]);
  }
  assert_int_equal(lab_zip_entry(z, 0)->opsys, LAB_ZIP_OPSYS_UNIX);
  assert_int_equal(lab_zip_entry(z, 0)->attr >> 16, 0120777u);
  /* a link's data is its target */
  check_member(z, &m[0]);
  lab_zip_close(z);
  test_rmdir(dir);
}

/* ------------------------------------------------------------------------------ zip64 */

/* Bytes of an archive built by hand. */
struct bytes {
  unsigned char b[4096];
  size_t n;
};

static void put(struct bytes *o, uint64_t v, int width)
{
  assert_true(o->n + (size_t)width <= sizeof(o->b));
  for (int i = 0; i < width; i++)
    o->b[o->n++] = (unsigned char)(v >> (8 * i));
}

static void put_raw(struct bytes *o, const void *p, size_t n)
{
  assert_true(o->n + n <= sizeof(o->b));
  memcpy(o->b + o->n, p, n);
  o->n += n;
}

/* Raw deflate (no zlib header) of text into out; the compressed length. */
static size_t deflate_raw(const char *text, unsigned char *out, size_t cap)
{
  z_stream zs = {0};
  size_t n;

  assert_int_equal(deflateInit2(&zs, 9, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
  zs.next_in = (Bytef *)(uintptr_t)text;
  zs.avail_in = (uInt)strlen(text);
  zs.next_out = out;
  zs.avail_out = (uInt)cap;
  assert_int_equal(deflate(&zs, Z_FINISH), Z_STREAM_END);
  n = cap - zs.avail_out;
  deflateEnd(&zs);
  return n;
}

static const char z64_stored[] = "zip64 member, stored\n";
static const char z64_deflated[] = "zip64 member, deflated: la la la la la la la la la la la la\n";

/*
 * A zip64 archive as tests/bad-inputs/gen.py zip_bomb() writes one: member "stored.txt" with
 * every size and its offset saturated (0xFFFFFFFF) in the directory and all three in its zip64
 * extra field; member "deflated.txt" with only its offset saturated (the extra field then holds
 * the offset alone); a zip64 end record and locator before the classic end record, whose counts
 * and offsets are saturated too. extra_id is the id of the first member's zip64 field (0x0001).
 */
static void build_zip64(struct bytes *o, uint16_t extra_id)
{
  unsigned char def[256];
  size_t dlen = deflate_raw(z64_deflated, def, sizeof(def));
  uint32_t crc1 = (uint32_t)crc32(0L, (const Bytef *)z64_stored, sizeof(z64_stored) - 1);
  uint32_t crc2 = (uint32_t)crc32(0L, (const Bytef *)z64_deflated, sizeof(z64_deflated) - 1);
  uint64_t len1 = sizeof(z64_stored) - 1, len2 = sizeof(z64_deflated) - 1;
  size_t off2, cd, cd_end;

  o->n = 0;
  /* member 1: local header with a zip64 extra (sizes), the data */
  put(o, 0x04034b50u, 4);
  put(o, 45, 2);
  put(o, 0, 2);
  put(o, 0, 2);
  put(o, 0, 4); /* time, date */
  put(o, crc1, 4);
  put(o, 0xffffffffu, 4);
  put(o, 0xffffffffu, 4);
  put(o, 10, 2);
  put(o, 20, 2);
  put_raw(o, "stored.txt", 10);
  put(o, 1, 2);
  put(o, 16, 2);
  put(o, len1, 8);
  put(o, len1, 8);
  put_raw(o, z64_stored, len1);
  /* member 2: an ordinary local header */
  off2 = o->n;
  put(o, 0x04034b50u, 4);
  put(o, 20, 2);
  put(o, 0, 2);
  put(o, 8, 2);
  put(o, 0, 4);
  put(o, crc2, 4);
  put(o, dlen, 4);
  put(o, len2, 4);
  put(o, 12, 2);
  put(o, 0, 2);
  put_raw(o, "deflated.txt", 12);
  put_raw(o, def, dlen);
  /* the central directory */
  cd = o->n;
  put(o, 0x02014b50u, 4);
  put(o, 3u << 8 | 45u, 2);
  put(o, 45, 2);
  put(o, 0, 2);
  put(o, 0, 2);
  put(o, 0, 4);
  put(o, crc1, 4);
  put(o, 0xffffffffu, 4);
  put(o, 0xffffffffu, 4);
  put(o, 10, 2);
  put(o, 28, 2);
  put(o, 0, 2); /* comment */
  put(o, 0, 2); /* disk */
  put(o, 0, 2); /* internal attributes */
  put(o, 0100644u << 16, 4);
  put(o, 0xffffffffu, 4);
  put_raw(o, "stored.txt", 10);
  put(o, extra_id, 2);
  put(o, 24, 2);
  put(o, len1, 8); /* size, compressed size, offset: in this order */
  put(o, len1, 8);
  put(o, 0, 8);
  put(o, 0x02014b50u, 4);
  put(o, 3u << 8 | 45u, 2);
  put(o, 45, 2);
  put(o, 0, 2);
  put(o, 8, 2);
  put(o, 0, 4);
  put(o, crc2, 4);
  put(o, dlen, 4);
  put(o, len2, 4);
  put(o, 12, 2);
  put(o, 12, 2);
  put(o, 0, 2);
  put(o, 0, 2);
  put(o, 0, 2);
  put(o, 0100644u << 16, 4);
  put(o, 0xffffffffu, 4);
  put_raw(o, "deflated.txt", 12);
  put(o, 1, 2);
  put(o, 8, 2);
  put(o, off2, 8); /* the offset alone */
  cd_end = o->n;
  /* zip64 end of central directory record, its locator, the classic record */
  put(o, 0x06064b50u, 4);
  put(o, 44, 8);
  put(o, 45, 2);
  put(o, 45, 2);
  put(o, 0, 4);
  put(o, 0, 4);
  put(o, 2, 8);
  put(o, 2, 8);
  put(o, cd_end - cd, 8);
  put(o, cd, 8);
  put(o, 0x07064b50u, 4);
  put(o, 0, 4);
  put(o, cd_end, 8);
  put(o, 1, 4);
  put(o, 0x06054b50u, 4);
  put(o, 0, 2);
  put(o, 0, 2);
  put(o, 0xffff, 2);
  put(o, 0xffff, 2);
  put(o, 0xffffffffu, 4);
  put(o, 0xffffffffu, 4);
  put(o, 0, 2);
}

static void zip64_archive_should_read_back(void **state)
{
  const struct member m[] = {
      {"stored.txt", z64_stored, sizeof(z64_stored) - 1, ZIP_CM_STORE, 0, 0},
      {"deflated.txt", z64_deflated, sizeof(z64_deflated) - 1, ZIP_CM_DEFLATE, 0, 0},
  };
  struct bytes o;
  struct lab_zip *z = NULL;
  struct lab_error err = {0};
  char dir[64], path[128];

  (void)state;
  test_tmpdir(dir, sizeof(dir));
  snprintf(path, sizeof(path), "%s/z64.zip", dir);
  build_zip64(&o, 0x0001);
  write_file(path, o.b, o.n);
  assert_int_equal(lab_zip_open(path, &z, &err), LAB_OK);
  assert_int_equal(lab_zip_count(z), 2);
  assert_string_equal(lab_zip_entry(z, 0)->name, "stored.txt");
  assert_int_equal(lab_zip_entry(z, 0)->offset, 0);
  assert_int_equal(lab_zip_entry(z, 0)->csize, sizeof(z64_stored) - 1);
  assert_string_equal(lab_zip_entry(z, 1)->name, "deflated.txt");
  assert_true(lab_zip_entry(z, 1)->offset > 0 && lab_zip_entry(z, 1)->offset < 0xffffffffu);
  assert_true(lab_zip_entry(z, 1)->csize < sizeof(z64_deflated) - 1);
  check_member(z, &m[0]);
  check_member(z, &m[1]);
  lab_zip_close(z);

  /* the same archive whose first entry lacks its zip64 field */
  build_zip64(&o, 0x0009);
  write_file(path, o.b, o.n);
  assert_int_equal(lab_zip_open(path, &z, &err), LAB_ERR_PARSE);
  assert_null(z);
  assert_non_null(strstr(err.msg, "'stored.txt' lacks its zip64 sizes"));

  /* a locator pointing past the zip64 end record */
  build_zip64(&o, 0x0001);
  o.b[o.n - 22 - 20 + 8] += 1;
  write_file(path, o.b, o.n);
  assert_int_equal(lab_zip_open(path, &z, &err), LAB_ERR_PARSE);
  assert_non_null(strstr(err.msg, "damaged zip64 end of central directory"));

  /* all 64 bits of an offset count: 4 GiB past the second local header is past the file */
  build_zip64(&o, 0x0001);
  o.b[o.n - 22 - 20 - 56 - 4] = 1; /* bit 32 of the last field of the directory */
  write_file(path, o.b, o.n);
  assert_int_equal(lab_zip_open(path, &z, &err), LAB_OK);
  assert_int_equal(lab_zip_entry(z, 1)->offset >> 32, 1);
  {
    struct lab_zip_member *mm = NULL;
    assert_int_equal(lab_zip_member_open(z, 1, &mm, &err), LAB_ERR_PARSE);
    assert_non_null(strstr(err.msg, "'deflated.txt' is damaged (no local header)"));
  }
  lab_zip_close(z);
  test_rmdir(dir);
}

/* ------------------------------------------------------------------------------ errors */

static void open_should_refuse_what_is_not_a_zip(void **state)
{
  static const char csv[] = "OCC_CODE,OCC_TITLE,TOT_EMP\n11-1011,Chief Executives,211230\n";
  struct lab_zip *z = (struct lab_zip *)&z; /* must be reset to NULL */
  struct lab_error err = {0};
  char dir[64], path[128];

  (void)state;
  test_tmpdir(dir, sizeof(dir));
  snprintf(path, sizeof(path), "%s/table.csv", dir);
  write_file(path, csv, sizeof(csv) - 1);
  assert_int_equal(lab_zip_open(path, &z, &err), LAB_ERR_PARSE);
  assert_null(z);
  assert_int_equal(err.status, LAB_ERR_PARSE);
  assert_non_null(strstr(err.msg, "Not a zip archive"));
  /* a local header but no end record */
  {
    unsigned char lfh[40] = {'P', 'K', 3, 4};
    write_file(path, lfh, sizeof(lfh));
    assert_int_equal(lab_zip_open(path, &z, &err), LAB_ERR_PARSE);
    assert_non_null(strstr(err.msg, "Not a zip archive"));
  }
  /* shorter than an end record, and empty */
  write_file(path, "PK\5\6", 4);
  assert_int_equal(lab_zip_open(path, &z, &err), LAB_ERR_PARSE);
  assert_non_null(strstr(err.msg, "Not a zip archive"));
  write_file(path, "", 0);
  assert_int_equal(lab_zip_open(path, &z, &err), LAB_ERR_PARSE);
  assert_non_null(strstr(err.msg, "Not a zip archive"));

  snprintf(path, sizeof(path), "%s/missing.zip", dir);
  assert_int_equal(lab_zip_open(path, &z, &err), LAB_ERR_IO);
  assert_null(z);
  assert_non_null(strstr(err.msg, "cannot open"));
  assert_int_equal(lab_zip_open(dir, &z, &err), LAB_ERR_IO);
  assert_non_null(strstr(err.msg, "not a regular file"));
  test_rmdir(dir);
}

/* A small archive: stored, deflated and empty members. */
static const char small_a[] = "first member, stored\n";
static const char small_b[] = "second member, deflated, deflated, deflated, deflated\n";
static const struct member small[] = {
    {"a.txt", small_a, sizeof(small_a) - 1, ZIP_CM_STORE, 0, 0},
    {"b.txt", small_b, sizeof(small_b) - 1, ZIP_CM_DEFLATE, 0, 0},
    {"c/empty", "", 0, ZIP_CM_DEFLATE, 0, 0},
};

/*
 * Open path and read every member to its end: 1 when everything read cleanly (and then each
 * member's bytes must be the original's at the same index), 0 when something failed with a
 * message. A damaged archive must never give other bytes than were written.
 */
static int try_read(const char *path)
{
  struct lab_zip *z = NULL;
  struct lab_error err = {0};
  int clean = 1;

  if (lab_zip_open(path, &z, &err) != LAB_OK) {
    assert_null(z);
    assert_int_not_equal(err.status, LAB_OK);
    assert_true(err.msg[0] != '\0');
    return 0;
  }
  for (size_t i = 0; i < lab_zip_count(z); i++) {
    const struct lab_zip_entry *e = lab_zip_entry(z, i);
    struct lab_zip_member *m = NULL;
    unsigned char buf[4096];
    size_t total = 0;
    long long n;
    bool same = lab_zip_count(z) == LAB_ARRAY_SIZE(small);
    err = (struct lab_error){0};
    if (lab_zip_member_open(z, i, &m, &err) != LAB_OK) {
      assert_null(m);
      assert_true(err.msg[0] != '\0');
      clean = 0;
      continue;
    }
    while ((n = lab_zip_member_read(m, buf, sizeof(buf))) > 0) {
      assert_true(total + (size_t)n <= e->size);
      if (same && (total + (size_t)n > small[i].len ||
                   memcmp(buf, (const char *)small[i].data + total, (size_t)n) != 0))
        same = false;
      total += (size_t)n;
    }
    if (n < 0) {
      assert_true(lab_zip_member_error(m)[0] != '\0');
      assert_int_equal(lab_zip_member_read(m, buf, sizeof(buf)), -1);
      clean = 0;
    } else {
      assert_int_equal(total, e->size);
      if (!same || total != small[i].len)
        fail_msg("%s: entry %zu read cleanly but differs from what was written", path, i);
    }
    lab_zip_member_close(m);
  }
  lab_zip_close(z);
  return clean;
}

static void open_should_refuse_every_truncated_archive(void **state)
{
  unsigned char *zip;
  size_t len = 0;
  char dir[64], path[128], cut[128];

  (void)state;
  test_tmpdir(dir, sizeof(dir));
  snprintf(path, sizeof(path), "%s/small.zip", dir);
  snprintf(cut, sizeof(cut), "%s/cut.zip", dir);
  write_zip(path, small, LAB_ARRAY_SIZE(small));
  zip = load_file(path, &len);
  assert_int_equal(try_read(path), 1);
  for (size_t p = 0; p < len; p++) {
    write_file(cut, zip, p);
    if (try_read(cut))
      fail_msg("the first %zu of %zu bytes read as a whole archive", p, len);
  }
  free(zip);
  test_rmdir(dir);
}

static void damaged_archive_should_never_read_other_bytes(void **state)
{
  unsigned char *zip;
  size_t len = 0, failed = 0;
  char dir[64], path[128], bad[128];

  (void)state;
  test_tmpdir(dir, sizeof(dir));
  snprintf(path, sizeof(path), "%s/small.zip", dir);
  snprintf(bad, sizeof(bad), "%s/bad.zip", dir);
  write_zip(path, small, LAB_ARRAY_SIZE(small));
  zip = load_file(path, &len);
  /* each byte changed in turn: an error, or the original bytes (the change was in a field the
   * reader does not use) */
  for (size_t i = 0; i < len; i++) {
    zip[i] ^= 0x5a;
    write_file(bad, zip, len);
    failed += try_read(bad) == 0;
    zip[i] ^= 0x5a;
  }
  /* most bytes matter: the data, the sizes, the signatures */
  assert_true(failed > len / 2);
  free(zip);
  test_rmdir(dir);
}

/* The fixture of the tests that patch an archive: small[] written to dir/patched.zip by libzip,
 * and its bytes (owned) to patch and write back to path. */
struct patched {
  char dir[64], path[128];
  unsigned char *zip;
  size_t len;
};

static int setup_patched(void **state)
{
  struct patched *p = calloc(1, sizeof(*p));

  if (!p)
    return -1;
  test_tmpdir(p->dir, sizeof(p->dir));
  snprintf(p->path, sizeof(p->path), "%s/patched.zip", p->dir);
  write_zip(p->path, small, LAB_ARRAY_SIZE(small));
  p->zip = load_file(p->path, &p->len);
  *state = p;
  return 0;
}

static int teardown_patched(void **state)
{
  struct patched *p = *state;

  free(p->zip);
  test_rmdir(p->dir);
  free(p);
  return 0;
}

/* Open path, read entry i to the end in 16-byte reads: the error message of the failed read (at
 * most 199 bytes are kept) into why; asserts the read fails and fails again after. Returns the
 * member's status (lab_zip_member_status), never LAB_OK. */
static lab_status read_should_fail(const char *path, size_t i, char *why, size_t size)
{
  lab_status st;
  struct lab_zip *z = NULL;
  struct lab_zip_member *m = NULL;
  struct lab_error err = {0};
  unsigned char buf[16];
  long long n;
  uint64_t total = 0;

  assert_int_equal(lab_zip_open(path, &z, &err), LAB_OK);
  assert_int_equal(lab_zip_member_open(z, i, &m, &err), LAB_OK);
  while ((n = lab_zip_member_read(m, buf, sizeof(buf))) > 0) {
    total += (uint64_t)n;
    assert_true(total <= lab_zip_entry(z, i)->size);
  }
  assert_int_equal(n, -1);
  assert_int_equal(lab_zip_member_read(m, buf, sizeof(buf)), -1);
  snprintf(why, size, "%s", lab_zip_member_error(m));
  st = lab_zip_member_status(m);
  assert_int_not_equal(st, LAB_OK);
  lab_zip_member_close(m);
  lab_zip_close(z);
  return st;
}

/* Write p's (patched) archive and read its entry i: the read fails with status want and a message
 * holding text. */
static void patched_read_should_fail(const struct patched *p, size_t i, lab_status want,
                                     const char *text)
{
  char why[256];

  write_file(p->path, p->zip, p->len);
  assert_int_equal(read_should_fail(p->path, i, why, sizeof(why)), want);
  assert_non_null(strstr(why, text));
}

static void member_read_should_check_the_crc(void **state)
{
  struct patched *p = *state;
  struct where w = locate(p->zip, p->len, 0);

  assert_int_equal(p->zip[w.data + 6], 'm'); /* "first member" */
  p->zip[w.data + 6] = 'M';
  patched_read_should_fail(p, 0, LAB_ERR_PARSE, "CRC-32");
}

static void member_read_should_refuse_corrupt_deflated_data(void **state)
{
  struct patched *p = *state;
  struct where w = locate(p->zip, p->len, 1);

  assert_int_equal(get16(p->zip + w.cd + 10), 8);
  p->zip[w.data] = 0xff; /* a last block of the reserved type 3 */
  patched_read_should_fail(p, 1, LAB_ERR_PARSE, "is damaged: invalid compressed data");
}

static void member_read_should_refuse_a_size_the_data_do_not_have(void **state)
{
  struct patched *p = *state;
  struct where w = locate(p->zip, p->len, 1);
  uint32_t size = get32(p->zip + w.cd + 24);

  assert_int_equal(size, sizeof(small_b) - 1);
  /* the directory declares one byte more than the member inflates to */
  set32(p->zip + w.cd + 24, size + 1);
  patched_read_should_fail(p, 1, LAB_ERR_PARSE, "fewer bytes");
  /* one byte less: the reader must stop there */
  set32(p->zip + w.cd + 24, size - 1);
  patched_read_should_fail(p, 1, LAB_ERR_TOOLARGE, "inflates past");
  /* a deflated member declared empty */
  set32(p->zip + w.cd + 24, 0);
  patched_read_should_fail(p, 1, LAB_ERR_TOOLARGE, "inflates past the 0 bytes");
}

static void member_open_should_refuse_encryption_and_unknown_methods(void **state)
{
  struct patched *p = *state;
  unsigned char *zip = p->zip;
  size_t len = p->len;
  const char *path = p->path;
  struct lab_zip *z = NULL;
  struct lab_zip_member *m = (struct lab_zip_member *)&m; /* must be reset to NULL */
  struct lab_error err = {0};
  struct where w;

  /* bit 0 of the general-purpose flags in the directory: encrypted */
  w = locate(zip, len, 0);
  set16(zip + w.cd + 8, get16(zip + w.cd + 8) | 1u);
  write_file(path, zip, len);
  assert_int_equal(lab_zip_open(path, &z, &err), LAB_OK);
  assert_int_equal(lab_zip_member_open(z, 0, &m, &err), LAB_ERR_PARSE);
  assert_null(m);
  assert_non_null(strstr(err.msg, "'a.txt' is encrypted"));
  /* the other members still read */
  assert_int_equal(lab_zip_member_open(z, 1, &m, &err), LAB_OK);
  lab_zip_member_close(m);
  lab_zip_close(z);
  set16(zip + w.cd + 8, get16(zip + w.cd + 8) & ~1u);

  /* method 12 (bzip2) in both headers */
  w = locate(zip, len, 1);
  set16(zip + w.cd + 10, 12);
  set16(zip + w.lfh + 8, 12);
  write_file(path, zip, len);
  assert_int_equal(lab_zip_open(path, &z, &err), LAB_OK);
  assert_int_equal(lab_zip_entry(z, 1)->method, 12);
  err = (struct lab_error){0};
  assert_int_equal(lab_zip_member_open(z, 1, &m, &err), LAB_ERR_PARSE);
  assert_int_equal(err.status, LAB_ERR_PARSE);
  assert_null(m);
  assert_non_null(strstr(err.msg, "compression method 12"));
  assert_non_null(strstr(err.msg, "'b.txt'"));
  assert_int_equal(lab_zip_member_open(z, 0, &m, &err), LAB_OK);
  lab_zip_member_close(m);
  lab_zip_close(z);
  set16(zip + w.cd + 10, 8);
  set16(zip + w.lfh + 8, 8);

  /* a stored member whose sizes reach past the end of the file */
  w = locate(zip, len, 0);
  set32(zip + w.cd + 20, (uint32_t)len);
  set32(zip + w.cd + 24, (uint32_t)len);
  write_file(path, zip, len);
  assert_int_equal(lab_zip_open(path, &z, &err), LAB_OK);
  assert_int_equal(lab_zip_member_open(z, 0, &m, &err), LAB_ERR_PARSE);
  assert_non_null(strstr(err.msg, "'a.txt' is damaged (its data do not fit in the archive)"));
  assert_int_equal(lab_zip_member_open(z, 1, &m, &err), LAB_OK);
  lab_zip_member_close(m);
  /* past the last entry */
  assert_int_equal(lab_zip_member_open(z, 3, &m, &err), LAB_ERR_NOTFOUND);
  lab_zip_close(z);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(zip_should_read_back_what_libzip_wrote),
      cmocka_unit_test(zip_entry_is_link_should_tell_symlinks_from_files),
      cmocka_unit_test(zip64_archive_should_read_back),
      cmocka_unit_test(open_should_refuse_what_is_not_a_zip),
      cmocka_unit_test(open_should_refuse_every_truncated_archive),
      cmocka_unit_test(damaged_archive_should_never_read_other_bytes),
      cmocka_unit_test_setup_teardown(member_read_should_check_the_crc, setup_patched,
                                      teardown_patched),
      cmocka_unit_test_setup_teardown(member_read_should_refuse_corrupt_deflated_data,
                                      setup_patched, teardown_patched),
      cmocka_unit_test_setup_teardown(member_read_should_refuse_a_size_the_data_do_not_have,
                                      setup_patched, teardown_patched),
      cmocka_unit_test_setup_teardown(member_open_should_refuse_encryption_and_unknown_methods,
                                      setup_patched, teardown_patched),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
