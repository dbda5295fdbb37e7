/*
 * test_common.c - common/: numbers, buffers, SHA-256, error text.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "common/lab_buf.h"
#include "common/lab_chan.h"
#include "common/lab_num.h"
#include "common/lab_sha256.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static void num_parse_should_read_plain_and_grouped_numbers(void **state)
{
  double v = 0;

  (void)state;
  assert_int_equal(lab_num_parse("62990", 5, false, &v), LAB_OK);
  assert_true(v == 62990.0);
  assert_int_equal(lab_num_parse(" 43.30 ", 7, false, &v), LAB_OK);
  assert_true(v == 43.3);
  assert_int_equal(lab_num_parse("135,128,260", 11, true, &v), LAB_OK);
  assert_true(v == 135128260.0);
  assert_int_equal(lab_num_parse("-2.385e2", 8, false, &v), LAB_OK);
  assert_true(v == -238.5);
}

static void num_parse_should_reject_what_is_not_a_number(void **state)
{
  static const char *const bad[] = {"",   "#",   "**",    "12a",  "1.2.3", "1,234", "1e",
                                    "e5", "--1", "1e999", "0x10", "nan",   "inf"};
  double v = 7;

  (void)state;
  for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
    /* commas are rejected unless allowed */
    assert_int_equal(lab_num_parse(bad[i], strlen(bad[i]), false, &v), LAB_ERR_PARSE);
  }
  assert_true(v == 7);
}

static void num_format_should_round_trip_with_the_fewest_digits(void **state)
{
  char out[64];

  (void)state;
  assert_string_equal(lab_num_format(62990, out, sizeof(out)), "62990");
  assert_string_equal(lab_num_format(135128260, out, sizeof(out)), "135128260");
  assert_string_equal(lab_num_format(239200, out, sizeof(out)), "239200");
  assert_string_equal(lab_num_format(520678.89604996261, out, sizeof(out)), "520678.8960499626");
  assert_string_equal(lab_num_format(0.1, out, sizeof(out)), "0.1");
  assert_string_equal(lab_num_format(2.385, out, sizeof(out)), "2.385");
  assert_string_equal(lab_num_format(1.0 / 3.0, out, sizeof(out)), "0.3333333333333333");
  assert_string_equal(lab_num_format_grouped(239200, 0, out, sizeof(out)), "239,200");
  assert_string_equal(lab_num_format_grouped(1234567.891, 2, out, sizeof(out)), "1,234,567.89");
  assert_string_equal(lab_num_format_grouped(-999, 0, out, sizeof(out)), "-999");
}

static void buf_should_grow_and_refuse_past_its_cap(void **state)
{
  struct lab_buf b;

  (void)state;
  lab_buf_init(&b, 10);
  assert_int_equal(lab_buf_adds(&b, "hello"), LAB_OK);
  assert_int_equal(lab_buf_addf(&b, "%d", 1234), LAB_OK);
  assert_string_equal(lab_buf_str(&b), "hello1234");
  assert_int_equal(lab_buf_adds(&b, "xy"), LAB_ERR_TOOLARGE);
  assert_int_equal(b.len, 0); /* a failed append releases the buffer */
  lab_buf_release(&b);
}

static void sha256_should_match_the_fips_test_vectors(void **state)
{
  char hex[65];
  const char *two_blocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";

  (void)state;
  lab_sha256_of("abc", 3, hex);
  assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  lab_sha256_of("", 0, hex);
  assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  lab_sha256_of(two_blocks, strlen(two_blocks), hex);
  assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

/* The CPU path (SHA instructions, when present) and the portable one agree on every length and
 * however the input is cut into updates. */
static void sha256_should_agree_between_cpu_and_portable_code(void **state)
{
  static unsigned char data[70000];
  struct lab_sha256 fast, slow;
  char a[65], b[65];
  uint32_t x = 12345;

  (void)state;
  for (size_t i = 0; i < sizeof(data); i++) {
    x = x * 1103515245u + 12345u;
    data[i] = (unsigned char)(x >> 16);
  }
  for (size_t len = 0; len < sizeof(data); len = len < 300 ? len + 1 : len * 3 + 17) {
    size_t cut = len / 3 + (len % 7);
    lab_sha256_init(&fast);
    lab_sha256_update(&fast, data, cut < len ? cut : len);
    if (cut < len)
      lab_sha256_update(&fast, data + cut, len - cut);
    lab_sha256_hex(&fast, a);
    lab_sha256_init_portable(&slow);
    for (size_t i = 0; i < len; i += 61)
      lab_sha256_update(&slow, data + i, len - i < 61 ? len - i : 61);
    lab_sha256_hex(&slow, b);
    assert_string_equal(a, b);
  }
}

static void error_format_should_put_the_position_first(void **state)
{
  struct lab_error err;
  char out[256];

  (void)state;
  lab_error_set_at(&err, LAB_ERR_PARSE, "x.csv", 12, 40, "bad year '%s'", "20x4");
  assert_string_equal(lab_error_format(&err, out, sizeof(out)), "x.csv:12:40: bad year '20x4'");
  lab_error_set(&err, LAB_ERR_NOTFOUND, "%s", "");
  assert_string_equal(lab_error_format(&err, out, sizeof(out)), "not found");
}

/* ---------------------------------------------------------------------------- lab_chan */

struct chan_job {
  struct lab_chan *c;
  int n;    /* batches to send */
  int sent; /* batches the channel took */
};

static void *chan_producer(void *arg)
{
  struct chan_job *j = arg;

  for (int i = 0; i < j->n; i++) {
    int *b = lab_chan_spare(j->c);
    if (!b)
      b = malloc(sizeof(*b));
    *b = i;
    if (!lab_chan_send(j->c, b)) {
      free(b);
      break;
    }
    j->sent++;
  }
  lab_chan_close(j->c);
  return NULL;
}

/* Batches arrive in order and are reused; a full channel holds the producer back; a cancel
 * stops both sides; freeing the channel frees what it still holds (ASan checks). */
static void chan_should_pass_batches_in_order_and_stop_on_cancel(void **state)
{
  struct chan_job j = {.n = 10000};
  pthread_t t;
  int *b, next = 0;

  (void)state;
  assert_int_equal(lab_chan_new(3, free, &j.c), LAB_OK);
  assert_int_equal(pthread_create(&t, NULL, chan_producer, &j), 0);
  while ((b = lab_chan_recv(j.c))) {
    assert_int_equal(*b, next++);
    lab_chan_recycle(j.c, b);
  }
  assert_int_equal(pthread_join(t, NULL), 0);
  assert_int_equal(next, 10000);
  assert_false(lab_chan_cancelled(j.c));
  lab_chan_free(j.c);

  j = (struct chan_job){.n = 10000};
  assert_int_equal(lab_chan_new(2, free, &j.c), LAB_OK);
  assert_int_equal(pthread_create(&t, NULL, chan_producer, &j), 0);
  b = lab_chan_recv(j.c);
  assert_non_null(b);
  assert_int_equal(*b, 0);
  free(b);
  lab_chan_cancel(j.c); /* the producer, maybe waiting on a full channel, stops */
  assert_int_equal(pthread_join(t, NULL), 0);
  assert_true(j.sent < 10000);
  assert_true(lab_chan_cancelled(j.c));
  assert_null(lab_chan_recv(j.c));
  lab_chan_free(j.c);
  lab_chan_free(NULL);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(num_parse_should_read_plain_and_grouped_numbers),
      cmocka_unit_test(chan_should_pass_batches_in_order_and_stop_on_cancel),
      cmocka_unit_test(num_parse_should_reject_what_is_not_a_number),
      cmocka_unit_test(num_format_should_round_trip_with_the_fewest_digits),
      cmocka_unit_test(buf_should_grow_and_refuse_past_its_cap),
      cmocka_unit_test(sha256_should_match_the_fips_test_vectors),
      cmocka_unit_test(sha256_should_agree_between_cpu_and_portable_code),
      cmocka_unit_test(error_format_should_put_the_position_first),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
