/*
 * xlsx_scan.c - the worksheet row scanner: a small XML tokenizer for the forms Excel, openpyxl and
 * BLS write, about ten times faster than expat on a large sheet, feeding the same handlers
 * (xlsx_sheet.c).
 *
 * What it takes: an optional XML declaration (version 1.0, encoding UTF-8, standalone) at the
 * first byte; the root element <worksheet> without a prefix; start, end and empty-element tags
 * with ASCII names and attributes quoted with ' or "; character data with the five predefined
 * entities and character references; CR LF / CR line ends (read as LF, as expat does). Prefixed
 * names are taken (dispatched by their local part, as the expat path does) unless the local part
 * is one the reader acts on (<x:c>, <x:row>, ...).
 *
 * What makes it give up (XLSX_FELL_BACK, expat then reads the part again): anything else -
 * comments, CDATA, processing instructions, a DOCTYPE, a byte-order mark, other entities,
 * non-ASCII names, references or white space in an r/t attribute - and anything malformed, which
 * it checks as expat does (names of end tags, duplicate attributes, "]]>", characters that are
 * not XML characters, UTF-8). It hands over before an event expat would not deliver, so every
 * sink call made before is one expat makes too, in the same order; expat then produces the rest,
 * or the error with its own message and position.
 */
#include "datasets/xlsx_internal.h"

#include <stdlib.h>
#include <string.h>

#define SCAN_BUF (256u * 1024u)
#define SCAN_MAX_DEPTH 64
#define SCAN_MAX_NAME 64
#define SCAN_MAX_ATTS 32
#define SCAN_MAX_REF 16 /* "&#x0010FFFF;" and a little more */
#define SCAN_DECL 512   /* an XML declaration must be read whole within these first bytes */

/* Outcomes of one step of the scanner. */
enum { R_OK, R_MORE, R_BAIL, R_STOP, R_DONE };

/* Byte classes of character data. */
enum { B_PLAIN, B_LT, B_AMP, B_RSQB, B_CR, B_BAD, B_HIGH };

struct scan {
  struct xlsx_sheet *s;
  const unsigned char *buf;
  size_t pos;
  size_t end;
  int eof;
  int depth;
  int root_seen;
  unsigned char tag[SCAN_MAX_DEPTH];
  unsigned char nlen[SCAN_MAX_DEPTH];
  char name[SCAN_MAX_DEPTH][SCAN_MAX_NAME];
};

struct att {
  const unsigned char *name;
  size_t nlen;
  const unsigned char *val;
  size_t vlen;
  int plain; /* no reference, no white space other than ' ' (the value is the text as is) */
};

/* Classes of character data bytes: B_PLAIN, B_LT '<', B_AMP '&', B_RSQB ']', B_CR, B_BAD (control
 * characters other than TAB and LF), B_HIGH (>= 0x80). */
static const unsigned char text_class[256] = {
    5, 5, 5, 5, 5, 5, 5, 5, 5, 0, 0, 5, 5, 4, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5,
    0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6,
    6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6,
    6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6,
    6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6,
};
/* Bytes of names: 2 = may start a name (ASCII letters, '_'), 1 = may follow (digits, ':', '-',
 * '.'), 0 = neither. */
static const unsigned char name_class[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
    0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 2,
    0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};
/* Bytes of attribute values that need a look: quotes, '<', '&', control characters, >= 0x80. */
static const unsigned char value_special[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

static int is_ws(unsigned char c)
{
  return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

static int name_start(unsigned char c)
{
  return name_class[c] == 2;
}

static int name_char(unsigned char c)
{
  return name_class[c] != 0;
}

/* Wanted more bytes than there are: wait for them, or give up at the end of the input. */
static int short_of(const struct scan *sc)
{
  return sc->eof ? R_BAIL : R_MORE;
}

/* Length of the UTF-8 sequence at p (a byte >= 0x80) that is an XML character, else 0. */
static int utf8_len(const struct scan *sc, const unsigned char *p, const unsigned char *e, int *r)
{
  unsigned char c = p[0], lo = 0x80, hi = 0xBF;
  int n;

  *r = R_OK;
  if (c < 0xC2 || c > 0xF4) {
    *r = R_BAIL;
    return 0;
  }
  n = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  if (e - p < n) {
    *r = short_of(sc);
    return 0;
  }
  if (c == 0xE0)
    lo = 0xA0;
  else if (c == 0xED)
    hi = 0x9F; /* surrogates */
  else if (c == 0xF0)
    lo = 0x90;
  else if (c == 0xF4)
    hi = 0x8F;
  if (p[1] < lo || p[1] > hi) {
    *r = R_BAIL;
    return 0;
  }
  for (int i = 2; i < n; i++)
    if (p[i] < 0x80 || p[i] > 0xBF) {
      *r = R_BAIL;
      return 0;
    }
  if (c == 0xEF && p[1] == 0xBF && p[2] >= 0xBE) {
    *r = R_BAIL; /* U+FFFE, U+FFFF */
    return 0;
  }
  return n;
}

static int xml_char(unsigned long v)
{
  return v == 0x9 || v == 0xA || v == 0xD || (v >= 0x20 && v <= 0xD7FF) ||
         (v >= 0xE000 && v <= 0xFFFD) || (v >= 0x10000 && v <= 0x10FFFF);
}

static size_t put_utf8(unsigned long v, char *out)
{
  if (v < 0x80) {
    out[0] = (char)v;
    return 1;
  }
  if (v < 0x800) {
    out[0] = (char)(0xC0 | (v >> 6));
    out[1] = (char)(0x80 | (v & 0x3F));
    return 2;
  }
  if (v < 0x10000) {
    out[0] = (char)(0xE0 | (v >> 12));
    out[1] = (char)(0x80 | ((v >> 6) & 0x3F));
    out[2] = (char)(0x80 | (v & 0x3F));
    return 3;
  }
  out[0] = (char)(0xF0 | (v >> 18));
  out[1] = (char)(0x80 | ((v >> 12) & 0x3F));
  out[2] = (char)(0x80 | ((v >> 6) & 0x3F));
  out[3] = (char)(0x80 | (v & 0x3F));
  return 4;
}

static int hex_digit(unsigned char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* The value of the character reference between "&#" and ";" (p[0..n)), or 0 when invalid. */
static unsigned long char_ref(const unsigned char *p, size_t n)
{
  unsigned long v = 0;
  int base = 10;

  if (n && p[0] == 'x') {
    base = 16;
    p++;
    n--;
  }
  if (n == 0)
    return 0;
  for (size_t i = 0; i < n; i++) {
    int d = base == 16 ? hex_digit(p[i]) : (p[i] >= '0' && p[i] <= '9' ? p[i] - '0' : -1);
    if (d < 0)
      return 0;
    v = v * (unsigned long)base + (unsigned long)d;
    if (v > 0x10FFFF)
      return 0;
  }
  return xml_char(v) ? v : 0;
}

/*
 * The reference at p ('&'): its length, with its text (UTF-8, up to 4 bytes) in out and the
 * text's length in *olen; 0 with *r R_MORE / R_BAIL when incomplete / not one the scanner takes.
 */
static size_t scan_ref(const struct scan *sc, const unsigned char *p, const unsigned char *e,
                       char *out, size_t *olen, int *r)
{
  static const char *const names[] = {"lt", "gt", "amp", "quot", "apos"};
  static const char chars[] = "<>&\"'";
  const unsigned char *semi;
  size_t avail = (size_t)(e - p), n;

  *r = R_OK;
  semi = memchr(p, ';', avail < SCAN_MAX_REF ? avail : SCAN_MAX_REF);
  if (!semi) {
    *r = avail < SCAN_MAX_REF ? short_of(sc) : R_BAIL;
    return 0;
  }
  n = (size_t)(semi - p) - 1; /* between '&' and ';' */
  if (n >= 2 && p[1] == '#') {
    unsigned long v = char_ref(p + 2, n - 1);
    if (!v) {
      *r = R_BAIL;
      return 0;
    }
    *olen = put_utf8(v, out);
    return n + 2;
  }
  for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
    if (strlen(names[i]) == n && memcmp(p + 1, names[i], n) == 0) {
      out[0] = chars[i];
      *olen = 1;
      return n + 2;
    }
  *r = R_BAIL;
  return 0;
}

/* Give the handlers collected text; R_STOP when they stopped. */
static int deliver(struct scan *sc, const void *text, size_t n)
{
  if (!sc->s->collect || n == 0)
    return R_OK;
  xlsx_sheet_text(sc->s, text, n);
  return sc->s->st ? R_STOP : R_OK;
}

/* Character data inside the root element, up to the next '<' or the end of the buffer. */
static int scan_text(struct scan *sc)
{
  const unsigned char *p = sc->buf + sc->pos, *e = sc->buf + sc->end, *run = p;
  int r = R_OK;

  while (p < e) {
    int cls;
    char out[4];
    size_t olen = 0, n;

    while (p < e && text_class[*p] == B_PLAIN)
      p++;
    if (p == e)
      break;
    cls = text_class[*p];
    if (cls == B_LT)
      break;
    if (cls == B_BAD)
      return R_BAIL;
    if (cls == B_HIGH) {
      n = (size_t)utf8_len(sc, p, e, &r);
      if (!n)
        break;
      p += n;
      continue;
    }
    if (cls == B_RSQB) { /* "]]>" may not appear in character data */
      if (e - p >= 3 && p[1] == ']' && p[2] == '>')
        return R_BAIL;
      if (e - p < 3 && !sc->eof && !(e - p == 2 && p[1] != ']')) {
        r = R_MORE;
        break;
      }
      p++;
      continue;
    }
    if (cls == B_CR && e - p < 2 && !sc->eof) {
      r = R_MORE;
      break;
    }
    r = deliver(sc, run, (size_t)(p - run));
    if (r)
      return r;
    if (cls == B_CR) {
      n = e - p >= 2 && p[1] == '\n' ? 2 : 1;
      out[0] = '\n';
      olen = 1;
    } else {
      n = scan_ref(sc, p, e, out, &olen, &r);
      if (!n) {
        run = p;
        break;
      }
    }
    p += n;
    run = p;
    r = deliver(sc, out, olen);
    if (r)
      return r;
  }
  if (r == R_BAIL || r == R_STOP)
    return r;
  if (run < p) {
    int d = deliver(sc, run, (size_t)(p - run));
    if (d)
      return d;
  }
  sc->pos = (size_t)(p - sc->buf);
  return r == R_MORE || p == e ? R_MORE : R_OK;
}

/* A name at *pp; its length (0 when there is none or it is too long: then *r says why). */
static size_t scan_name(const struct scan *sc, const unsigned char **pp, const unsigned char *e,
                        int *r)
{
  const unsigned char *p = *pp;
  size_t n;

  *r = R_OK;
  if (p == e) {
    *r = short_of(sc);
    return 0;
  }
  if (!name_start(*p)) {
    *r = R_BAIL;
    return 0;
  }
  while (p < e && name_char(*p))
    p++;
  if (p == e) {
    *r = short_of(sc);
    return 0;
  }
  n = (size_t)(p - *pp);
  if (n >= SCAN_MAX_NAME || p[-1] == ':') {
    *r = R_BAIL;
    return 0;
  }
  *pp = p;
  return n;
}

/* An attribute value from the quote at *pp; R_OK with *pp past the closing quote. */
static int scan_value(const struct scan *sc, const unsigned char **pp, const unsigned char *e,
                      struct att *a)
{
  const unsigned char *p = *pp;
  unsigned char q;
  int r = R_OK;

  if (p == e)
    return short_of(sc);
  q = *p++;
  if (q != '"' && q != '\'')
    return R_BAIL;
  a->val = p;
  a->plain = 1;
  for (;;) {
    unsigned char c;
    char out[4];
    size_t olen, n;
    while (p < e && !value_special[*p])
      p++;
    if (p == e || *p == q)
      break;
    c = *p;
    if (c == '"' || c == '\'') {
      p++;
    } else if (c == '<' || (c < 0x20 && !is_ws(c))) {
      return R_BAIL;
    } else if (c < 0x20) {
      a->plain = 0;
      p++;
    } else if (c == '&') {
      a->plain = 0;
      n = scan_ref(sc, p, e, out, &olen, &r);
      if (!n)
        return r;
      p += n;
    } else {
      n = (size_t)utf8_len(sc, p, e, &r);
      if (!n)
        return r;
      p += n;
    }
  }
  if (p == e)
    return short_of(sc);
  a->vlen = (size_t)(p - a->val);
  *pp = p + 1;
  return R_OK;
}

/* Attributes up to '>' or "/>"; *n of them into a, *empty for "/>". */
static int scan_atts(const struct scan *sc, const unsigned char **pp, const unsigned char *e,
                     struct att *a, size_t *n, int *empty)
{
  const unsigned char *p = *pp;
  int r = R_OK;

  *n = 0;
  for (;;) {
    const unsigned char *q = p;
    size_t len;
    while (p < e && is_ws(*p))
      p++;
    if (p == e)
      return short_of(sc);
    if (*p == '>' || *p == '/') {
      if (*p == '/' && e - p < 2)
        return short_of(sc);
      if (*p == '/' && p[1] != '>')
        return R_BAIL;
      *empty = *p == '/';
      *pp = p + 1 + (size_t)*empty;
      return R_OK;
    }
    if (p == q || *n == SCAN_MAX_ATTS)
      return R_BAIL; /* no white space before the attribute */
    q = p;
    len = scan_name(sc, &p, e, &r);
    if (!len)
      return r;
    a[*n].name = q;
    a[*n].nlen = len;
    while (p < e && is_ws(*p))
      p++;
    if (p == e)
      return short_of(sc);
    if (*p++ != '=')
      return R_BAIL;
    while (p < e && is_ws(*p))
      p++;
    r = scan_value(sc, &p, e, &a[*n]);
    if (r)
      return r;
    for (size_t i = 0; i < *n; i++)
      if (a[i].nlen == len && a[i].name[0] == q[0] && memcmp(a[i].name, q, len) == 0)
        return R_BAIL; /* duplicate attribute */
    (*n)++;
  }
}

/* The local part of a name (after its last ':'); *prefixed when it has one. */
static const unsigned char *local_part(const unsigned char *name, size_t n, size_t *ln,
                                       int *prefixed)
{
  const unsigned char *l = name;

  for (size_t i = 0; i < n; i++)
    if (name[i] == ':')
      l = name + i + 1;
  *ln = n - (size_t)(l - name);
  *prefixed = l != name;
  return l;
}

/* The first attribute whose local name is the one letter `want` (as xlsx_attr), or NULL. */
static const struct att *find_att(const struct att *a, size_t n, unsigned char want)
{
  for (size_t i = 0; i < n; i++) {
    size_t k = a[i].nlen;
    if (a[i].name[k - 1] == want && (k == 1 || a[i].name[k - 2] == ':'))
      return &a[i];
  }
  return NULL;
}

static int end_event(struct scan *sc, enum xlsx_tag tag)
{
  xlsx_sheet_end(sc->s, tag);
  return sc->s->st ? R_STOP : R_OK;
}

/* A start or empty-element tag at pos ('<' and a name start). */
static int scan_start_tag(struct scan *sc)
{
  const unsigned char *e = sc->buf + sc->end, *name = sc->buf + sc->pos + 1, *p = name, *l;
  struct att a[SCAN_MAX_ATTS];
  const struct att *ra = NULL, *ta = NULL;
  size_t nlen, natts = 0, ln;
  int r, empty = 0, prefixed;
  enum xlsx_tag tag;

  nlen = scan_name(sc, &p, e, &r);
  if (!nlen)
    return r;
  if (*p == '>') /* <v>, <sheetData>: no attributes */
    p++;
  else
    r = scan_atts(sc, &p, e, a, &natts, &empty);
  if (r)
    return r;
  l = local_part(name, nlen, &ln, &prefixed);
  tag = xlsx_tag_of((const char *)l, ln);
  if (prefixed && tag != XT_OTHER)
    return R_BAIL;
  if (sc->depth == 0 && (sc->root_seen || nlen != 9 || memcmp(name, "worksheet", 9) != 0))
    return R_BAIL; /* a second root, or not a worksheet */
  if (tag == XT_ROW || tag == XT_C)
    ra = find_att(a, natts, 'r');
  if (tag == XT_C)
    ta = find_att(a, natts, 't');
  if ((ra && !ra->plain) || (ta && !ta->plain) || sc->depth == SCAN_MAX_DEPTH)
    return R_BAIL;
  sc->root_seen = 1;
  sc->pos = (size_t)(p - sc->buf);
  xlsx_sheet_start(sc->s, tag, ra ? (const char *)ra->val : NULL, ra ? ra->vlen : 0,
                   ta ? (const char *)ta->val : NULL, ta ? ta->vlen : 0);
  if (empty)
    return end_event(sc, tag);
  sc->tag[sc->depth] = (unsigned char)tag;
  sc->nlen[sc->depth] = (unsigned char)nlen;
  for (size_t i = 0; i < nlen; i++) /* names are short: no call to memcpy */
    sc->name[sc->depth][i] = (char)name[i];
  sc->depth++;
  return R_OK;
}

/* An end tag at pos ("</"). */
static int scan_end_tag(struct scan *sc)
{
  const unsigned char *e = sc->buf + sc->end, *name = sc->buf + sc->pos + 2, *p = name;
  size_t nlen;
  int r, d = sc->depth - 1;

  nlen = scan_name(sc, &p, e, &r);
  if (!nlen)
    return r;
  while (p < e && is_ws(*p))
    p++;
  if (p == e)
    return short_of(sc);
  if (*p != '>' || d < 0 || sc->nlen[d] != nlen || memcmp(sc->name[d], name, nlen) != 0)
    return R_BAIL;
  sc->pos = (size_t)(p + 1 - sc->buf);
  sc->depth = d;
  return end_event(sc, (enum xlsx_tag)sc->tag[d]);
}

/* "</NAME>" closing the innermost element, NAME as its start tag wrote it: 1 when taken (the
 * outcome in *r), 0 for scan_end_tag to look. */
static int end_tag_fast(struct scan *sc, int *r)
{
  int d = sc->depth - 1;
  size_t n;
  const unsigned char *p = sc->buf + sc->pos + 2;

  if (d < 0)
    return 0;
  n = sc->nlen[d];
  if (sc->end - sc->pos < n + 3 || p[n] != '>')
    return 0;
  for (size_t i = 0; i < n; i++)
    if (p[i] != (unsigned char)sc->name[d][i])
      return 0;
  sc->pos += n + 3;
  sc->depth = d;
  *r = end_event(sc, (enum xlsx_tag)sc->tag[d]);
  return 1;
}

/*
 * The cell form that makes up nearly all of a worksheet, <c r="A2" t="s"><v>12</v></c> (attributes
 * r, s and t in any order, each at most once, values of ASCII letters and digits; the value's text
 * of plain bytes), read whole from pos: 1 when taken (the outcome in *r), 0 for the general path
 * (another form, or the cell not yet whole in the buffer). It validates every byte before the
 * first event, then makes the calls the general path makes for the same bytes, in its order.
 */
static int cell_fast(struct scan *sc, int *r)
{
  const unsigned char *p = sc->buf + sc->pos + 2, *e = sc->buf + sc->end, *text;
  const unsigned char *val[3] = {NULL, NULL, NULL}; /* r, s, t */
  size_t vlen[3] = {0, 0, 0}, tlen;

  if (sc->depth == 0 || sc->depth + 2 > SCAN_MAX_DEPTH)
    return 0;
  while (p < e && *p == ' ') {
    const unsigned char *v;
    int k;
    if (e - p < 5 || p[2] != '=' || p[3] != '"')
      return 0;
    k = p[1] == 'r' ? 0 : p[1] == 's' ? 1 : p[1] == 't' ? 2 : -1;
    if (k < 0 || val[k])
      return 0;
    v = p + 4;
    p = v;
    while (p < e && (name_class[*p] == 2 || (*p >= '0' && *p <= '9')) && *p != '_')
      p++;
    if (p == e || *p != '"')
      return 0;
    val[k] = v;
    vlen[k] = (size_t)(p - v);
    p++;
  }
  if (e - p < 4 || memcmp(p, "><v>", 4) != 0)
    return 0;
  text = p += 4;
  while (p < e && text_class[*p] == B_PLAIN)
    p++;
  tlen = (size_t)(p - text);
  if (e - p < 8 || memcmp(p, "</v></c>", 8) != 0)
    return 0;
  sc->pos = (size_t)(p + 8 - sc->buf);
  xlsx_sheet_start(sc->s, XT_C, (const char *)val[0], vlen[0], (const char *)val[2], vlen[2]);
  xlsx_sheet_start(sc->s, XT_V, NULL, 0, NULL, 0);
  *r = deliver(sc, text, tlen);
  if (!*r)
    *r = end_event(sc, XT_V);
  if (!*r)
    *r = end_event(sc, XT_C);
  return 1;
}

/* Everything from pos: markup, character data, white space around the root. */
static int scan_content(struct scan *sc)
{
  int r = R_OK;

  while (!r) {
    const unsigned char *p = sc->buf + sc->pos;
    if (sc->pos == sc->end)
      return R_MORE;
    if (*p == '<') {
      if (sc->end - sc->pos < 2)
        return short_of(sc);
      if (p[1] == '/')
        r = end_tag_fast(sc, &r) ? r : scan_end_tag(sc);
      else if (p[1] == 'c' && sc->end - sc->pos > 2 && p[2] == ' ' && cell_fast(sc, &r))
        continue;
      else if (name_start(p[1]))
        r = scan_start_tag(sc);
      else
        r = R_BAIL; /* comment, CDATA, DOCTYPE, processing instruction, junk */
    } else if (sc->depth > 0) {
      r = scan_text(sc);
    } else {
      while (sc->pos < sc->end && is_ws(sc->buf[sc->pos]))
        sc->pos++;
      if (sc->pos < sc->end && sc->buf[sc->pos] != '<')
        r = R_BAIL;
    }
  }
  return r;
}

/* Skip white space and match the literal `lit` at *pp; 0 when it is not there. */
static int decl_word(const unsigned char **pp, const unsigned char *e, const char *lit, int ws)
{
  const unsigned char *p = *pp;
  size_t n = strlen(lit);

  while (p < e && is_ws(*p))
    p++;
  if (ws && p == *pp)
    return 0;
  if ((size_t)(e - p) < n || memcmp(p, lit, n) != 0)
    return 0;
  *pp = p + n;
  return 1;
}

/* A pseudo-attribute's value (after '=') that is one of the `n` words (ASCII case-insensitive
 * when fold), quoted. */
static int decl_value(const unsigned char **pp, const unsigned char *e, const char *const *words,
                      size_t n, int fold)
{
  const unsigned char *p = *pp;
  unsigned char q;

  if (!decl_word(&p, e, "=", 0))
    return 0;
  while (p < e && is_ws(*p))
    p++;
  if (p == e || (*p != '"' && *p != '\''))
    return 0;
  q = *p++;
  for (size_t i = 0; i < n; i++) {
    size_t wl = strlen(words[i]), k = 0;
    if ((size_t)(e - p) <= wl || p[wl] != q)
      continue;
    while (k < wl &&
           (p[k] == (unsigned char)words[i][k] ||
            (fold && p[k] >= 'A' && p[k] <= 'Z' && (p[k] | 0x20) == (unsigned char)words[i][k])))
      k++;
    if (k == wl) {
      *pp = p + wl + 1;
      return 1;
    }
  }
  return 0;
}

/* The XML declaration at the first byte, if any: version 1.0, encoding UTF-8, standalone. */
static int scan_decl(struct scan *sc)
{
  static const char *const version[] = {"1.0"};
  static const char *const utf8[] = {"utf-8"};
  static const char *const yesno[] = {"yes", "no"};
  const unsigned char *p = sc->buf, *e = sc->buf + sc->end;

  if (sc->end >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
    return R_BAIL; /* a byte-order mark: expat's business */
  if (sc->end < 6 || memcmp(p, "<?xml", 5) != 0 || !is_ws(p[5]))
    return R_OK;
  p += 5;
  if (!decl_word(&p, e, "version", 1) || !decl_value(&p, e, version, 1, 0))
    return R_BAIL;
  if (decl_word(&p, e, "encoding", 1) && !decl_value(&p, e, utf8, 1, 1))
    return R_BAIL;
  if (decl_word(&p, e, "standalone", 1) && !decl_value(&p, e, yesno, 2, 0))
    return R_BAIL;
  if (!decl_word(&p, e, "?>", 0))
    return R_BAIL;
  sc->pos = (size_t)(p - sc->buf);
  return R_OK;
}

/*
 * Move the unread bytes to the front and read once more (a zip member fills the buffer; a source
 * in memory may hand out less, which splits tokens where the tests want), until there are at
 * least `want` bytes or the end. R_BAIL when a token fills the buffer.
 */
static lab_status refill(struct scan *sc, char *buf, struct xlsx_src *src, size_t want, int *r,
                         struct lab_error *err)
{
  size_t keep = sc->end - sc->pos;

  *r = R_OK;
  if (keep == SCAN_BUF) {
    *r = R_BAIL;
    return LAB_OK;
  }
  memmove(buf, buf + sc->pos, keep);
  sc->pos = 0;
  sc->end = keep;
  do {
    long long n = xlsx_src_read(src, buf + sc->end, SCAN_BUF - sc->end);
    if (n < 0)
      return xlsx_src_error(src, sc->s->path, err);
    sc->eof = n == 0;
    sc->end += (size_t)n;
  } while (sc->end < want && !sc->eof);
  return LAB_OK;
}

lab_status xlsx_scan(struct xlsx_sheet *s, struct xlsx_src *src, struct lab_error *err)
{
  struct scan *sc = NULL;
  char *buf = NULL;
  lab_status st;
  int r = R_OK;

  st = xlsx_src_rewind(src);
  if (st)
    goto out;
  sc = calloc(1, sizeof(*sc));
  buf = malloc(SCAN_BUF);
  if (!sc || !buf) {
    st = lab_error_set(err, LAB_ERR_NOMEM, "out of memory reading %s", s->path);
    goto out;
  }
  sc->s = s;
  sc->buf = (const unsigned char *)buf;
  st = refill(sc, buf, src, SCAN_DECL, &r, err); /* the XML declaration, whole */
  if (!st && !r)
    r = scan_decl(sc);
  while (!st && !r) {
    r = scan_content(sc);
    if (r == R_MORE && sc->eof)
      r = sc->root_seen && sc->depth == 0 ? R_DONE : R_BAIL;
    else if (r == R_MORE)
      st = refill(sc, buf, src, 1, &r, err);
  }
  if (!st && r == R_BAIL)
    st = XLSX_FELL_BACK;
  else if (!st && s->st)
    st = s->sink_failed ? s->st : XLSX_FELL_BACK;
out:
  free(buf);
  free(sc);
  return st;
}
