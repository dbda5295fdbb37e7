/*
 * gp_text.c - text that goes into gnuplot scripts: cleaning, wrapping, quoting.
 *
 * What gnuplot 5.4 does with a command line (checked against its scanner and by experiment,
 * see tests/unit/test_plots.c):
 * - backquoted text is run as a shell command everywhere except inside single quotes
 *   (double quotes do not protect);
 * - @name is replaced by a string variable outside quotes; the macro scanner decides "inside
 *   single quotes" by counting every ' on the line, so a ' inside a double-quoted literal would
 *   flip its view;
 * - single-quoted strings have no escapes except a doubled quote, and the token scanner only
 *   honours '' after another character of the string (''''... at the start closes the string);
 * - datablock lines (between `$name << EOD` and `EOD`) are stored verbatim; a double-quoted
 *   field ends at the next double quote, with no escape.
 * Hence: text goes into single-quoted literals with no quote inside, an apostrophe is spliced
 * in as "\047", and enhanced-text markup is switched off by the script.
 */
#include "plots/lab_plots.h"

#include <stdbool.h>
#include <string.h>

/* Scratch buffers for one label, title or caption. */
#define TEXT_MAX ((size_t)1 << 24)

/* An apostrophe, spliced between two single-quoted literals. */
static const char APOSTROPHE[] = "'.\"\\047\".'";

/* ---------------------------------------------------------------------------------------- */
/* UTF-8                                                                                    */
/* ---------------------------------------------------------------------------------------- */

/*
 * Decode one UTF-8 sequence at s[0..n) (n >= 1). Returns its length in bytes and sets *cp, or
 * returns 0 when the bytes are not valid UTF-8 (overlong forms, surrogates and values above
 * U+10FFFF are invalid).
 */
static size_t utf8_decode(const unsigned char *s, size_t n, unsigned long *cp)
{
  unsigned long c = s[0];
  size_t len;
  unsigned long min;

  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  if ((c & 0xE0) == 0xC0) {
    len = 2;
    min = 0x80;
    c &= 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3;
    min = 0x800;
    c &= 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4;
    min = 0x10000;
    c &= 0x07;
  } else {
    return 0;
  }
  if (n < len)
    return 0;
  for (size_t i = 1; i < len; i++) {
    if ((s[i] & 0xC0) != 0x80)
      return 0;
    c = (c << 6) | (s[i] & 0x3F);
  }
  if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
    return 0;
  *cp = c;
  return len;
}

/* Number of code points in valid UTF-8 s[0..n). */
static size_t utf8_count(const char *s, size_t n)
{
  size_t count = 0;

  for (size_t i = 0; i < n; i++) {
    if (((unsigned char)s[i] & 0xC0) != 0x80)
      count++;
  }
  return count;
}

/* Byte offset just after the first k code points of valid UTF-8 s[0..n) (n if fewer). */
static size_t utf8_offset(const char *s, size_t n, size_t k)
{
  size_t i = 0;

  while (i < n && k > 0) {
    i++;
    while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
      i++;
    k--;
  }
  return i;
}

/* ---------------------------------------------------------------------------------------- */
/* Cleaning and wrapping                                                                    */
/* ---------------------------------------------------------------------------------------- */

lab_status lab_plot_clean(struct lab_buf *out, const char *text, size_t len)
{
  const unsigned char *s = (const unsigned char *)text;
  size_t i = 0;
  size_t brackets = 0; /* consecutive ']' just written */
  lab_status st = LAB_OK;

  while (i < len && !st) {
    unsigned long cp = 0;
    size_t n = utf8_decode(s + i, len - i, &cp);

    if (n == 0) {
      st = lab_buf_add(out, "?", 1);
      brackets = 0;
      i++;
      continue;
    }
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F)) {
      st = lab_buf_add(out, " ", 1);
      brackets = 0;
    } else if (cp == '>' && brackets >= 2) {
      st = lab_buf_add(out, " >", 2);
      brackets = 0;
    } else {
      st = lab_buf_add(out, s + i, n);
      brackets = cp == ']' ? brackets + 1 : 0;
    }
    i += n;
  }
  return st;
}

/* Append text[0..len) cleaned, with blank runs collapsed to one space and the ends trimmed. */
static lab_status clean_compact(struct lab_buf *out, const char *text, size_t len)
{
  struct lab_buf tmp;
  const char *s;
  bool pending_space = false;
  bool any = false;
  lab_status st;

  lab_buf_init(&tmp, TEXT_MAX);
  st = lab_plot_clean(&tmp, text, len);
  if (st)
    goto out;
  s = lab_buf_str(&tmp);
  for (size_t i = 0; i < tmp.len && !st; i++) {
    if (s[i] == ' ') {
      pending_space = any;
      continue;
    }
    if (pending_space)
      st = lab_buf_add(out, " ", 1);
    if (!st)
      st = lab_buf_add(out, s + i, 1);
    pending_space = false;
    any = true;
  }
out:
  lab_buf_release(&tmp);
  return st;
}

/*
 * Find the next line of compact text s[pos..n): at most width code points, broken at a space
 * when possible, else inside a word. Sets *end (exclusive) and returns the position where the
 * following line starts.
 */
static size_t next_line(const char *s, size_t n, size_t pos, size_t width, size_t *end)
{
  size_t cps = 0;
  size_t p = pos;

  *end = pos;
  while (p < n) {
    const char *space = memchr(s + p, ' ', n - p);
    size_t q = space ? (size_t)(space - s) : n;
    size_t wcps = utf8_count(s + p, q - p);

    if (cps == 0 && wcps > width) {
      *end = p + utf8_offset(s + p, q - p, width);
      return *end;
    }
    if (cps > 0 && cps + 1 + wcps > width)
      break;
    cps += (cps > 0 ? 1 : 0) + wcps;
    *end = q;
    p = q < n ? q + 1 : n;
  }
  return p;
}

lab_status lab_plot_wrap(struct lab_buf *out, const char *text, size_t width, size_t max_lines)
{
  struct lab_buf flat;
  const char *s;
  size_t n;
  size_t pos = 0;
  size_t last_start = 0;
  size_t last_end = 0;
  lab_status st;

  if (width < 4 || max_lines == 0)
    return LAB_ERR_INVALID;
  if (!text)
    text = "";
  lab_buf_init(&flat, TEXT_MAX);
  st = clean_compact(&flat, text, strlen(text));
  if (st)
    goto out;
  s = lab_buf_str(&flat);
  n = flat.len;
  for (size_t line = 0; line < max_lines && pos < n && !st; line++) {
    size_t end;
    size_t next = next_line(s, n, pos, width, &end);

    if (line > 0)
      st = lab_buf_add(out, "\n", 1);
    if (!st)
      st = lab_buf_add(out, s + pos, end - pos);
    last_start = pos;
    last_end = end;
    pos = next;
  }
  if (!st && pos < n) {
    /* Cut: make room for an ellipsis on the last line. */
    size_t cps = utf8_count(s + last_start, last_end - last_start);

    if (cps + 1 > width) {
      size_t keep = utf8_offset(s + last_start, last_end - last_start, width - 1);

      /* cut back to a word boundary when the cut falls inside a word */
      if (s[last_start + keep] != ' ') {
        size_t k = keep;

        while (k > 0 && s[last_start + k - 1] != ' ')
          k--;
        if (k > 0)
          keep = k;
      }
      out->len -= (last_end - last_start) - keep;
      out->data[out->len] = '\0';
    }
    if (out->len > 0 && out->data[out->len - 1] == ' ')
      out->data[--out->len] = '\0';
    st = lab_buf_adds(out, "\xE2\x80\xA6");
  }
out:
  lab_buf_release(&flat);
  return st;
}

/* ---------------------------------------------------------------------------------------- */
/* Quoting                                                                                  */
/* ---------------------------------------------------------------------------------------- */

/* Append already-cleaned s[0..n) as a single-quoted gnuplot string expression. */
static lab_status quote_clean(struct lab_buf *out, const char *s, size_t n)
{
  size_t run = 0; /* start of the pending run of plain bytes */
  lab_status st = lab_buf_add(out, "'", 1);

  for (size_t i = 0; i < n && !st; i++) {
    if (s[i] != '\'')
      continue;
    st = lab_buf_add(out, s + run, i - run);
    if (!st)
      st = lab_buf_adds(out, APOSTROPHE);
    run = i + 1;
  }
  if (!st)
    st = lab_buf_add(out, s + run, n - run);
  if (!st)
    st = lab_buf_add(out, "'", 1);
  return st;
}

lab_status lab_plot_quote(struct lab_buf *out, const char *text)
{
  struct lab_buf tmp;
  lab_status st;

  if (!text)
    text = "";
  lab_buf_init(&tmp, TEXT_MAX);
  st = lab_plot_clean(&tmp, text, strlen(text));
  if (!st)
    st = quote_clean(out, lab_buf_str(&tmp), tmp.len);
  lab_buf_release(&tmp);
  return st;
}

lab_status lab_plot_quote_wrapped(struct lab_buf *out, const char *text, size_t width,
                                  size_t max_lines)
{
  struct lab_buf tmp;
  const char *s;
  size_t start = 0;
  lab_status st;

  lab_buf_init(&tmp, TEXT_MAX);
  st = lab_plot_wrap(&tmp, text, width, max_lines);
  if (st)
    goto out;
  s = lab_buf_str(&tmp);
  for (;;) {
    const char *nl = memchr(s + start, '\n', tmp.len - start);
    size_t end = nl ? (size_t)(nl - s) : tmp.len;

    st = quote_clean(out, s + start, end - start);
    if (st || !nl)
      break;
    st = lab_buf_adds(out, ".\"\\n\".");
    if (st)
      break;
    start = end + 1;
  }
out:
  lab_buf_release(&tmp);
  return st;
}

lab_status lab_plot_datum(struct lab_buf *out, const char *text, size_t len)
{
  struct lab_buf tmp;
  lab_status st;

  lab_buf_init(&tmp, TEXT_MAX);
  st = lab_plot_clean(&tmp, text ? text : "", text ? len : 0);
  if (st)
    goto out;
  for (size_t i = 0; i < tmp.len; i++) {
    if (tmp.data[i] == '"')
      tmp.data[i] = '\'';
  }
  st = lab_buf_add(out, "\"", 1);
  if (!st)
    st = lab_buf_add(out, lab_buf_str(&tmp), tmp.len);
  if (!st)
    st = lab_buf_add(out, "\"", 1);
out:
  lab_buf_release(&tmp);
  return st;
}
