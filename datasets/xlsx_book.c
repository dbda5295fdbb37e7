/*
 * xlsx_book.c - the XLSX reader's workbook side: byte sources, streaming them through expat, the
 * sheet list (xl/workbook.xml + its relationships) and the shared-string table.
 *
 * xml:space needs no handling: expat passes all character data through and the reader never
 * trims cell text, so preserved spaces stay.
 */
#include "datasets/lab_xlsx.h"
#include "datasets/rowbuf.h"
#include "datasets/xlsx_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define XLSX_CHUNK (64u * 1024u)

const char *xlsx_local(const XML_Char *name)
{
  const char *colon = strrchr(name, ':');
  return colon ? colon + 1 : name;
}

const char *xlsx_attr(const XML_Char **atts, const char *local)
{
  for (size_t i = 0; atts[i]; i += 2)
    if (strcmp(xlsx_local(atts[i]), local) == 0)
      return atts[i + 1];
  return NULL;
}

lab_status xlsx_src_rewind(struct xlsx_src *src)
{
  long idx;

  src->mem_off = 0;
  if (!src->za)
    return LAB_OK;
  lab_zip_member_close(src->zf);
  src->zf = NULL;
  idx = lab_zip_find(src->za, src->part);
  if (idx < 0 || lab_zip_member_open(src->za, (size_t)idx, &src->zf, NULL) != LAB_OK)
    return LAB_ERR_NOTFOUND;
  return LAB_OK;
}

long long xlsx_src_read(struct xlsx_src *src, char *buf, size_t cap)
{
  size_t n;

  if (src->za)
    return src->zf ? lab_zip_member_read(src->zf, buf, cap) : -1;
  n = src->mem_len - src->mem_off;
  if (n > cap)
    n = cap;
  if (src->chunk && n > src->chunk)
    n = src->chunk;
  memcpy(buf, src->mem + src->mem_off, n);
  src->mem_off += n;
  return (long long)n;
}

void xlsx_src_close(struct xlsx_src *src)
{
  lab_zip_member_close(src->zf);
  src->zf = NULL;
}

lab_status xlsx_src_error(struct xlsx_src *src, const char *path, struct lab_error *err)
{
  const char *why = src->zf ? lab_zip_member_error(src->zf) : "is not open";
  lab_status st = src->zf ? lab_zip_member_status(src->zf) : LAB_OK;

  return lab_error_set(err, st ? st : LAB_ERR_IO, "%s: part %s %s", path, src->part, why);
}

lab_status xlsx_stream_src(struct xlsx_src *src, const char *path, const char *part, XML_Parser p,
                           int *stopped, struct lab_error *err)
{
  char *buf = NULL;
  char file[256];
  lab_status st;

  *stopped = 0;
  st = xlsx_src_rewind(src);
  if (st)
    goto out;
  buf = malloc(XLSX_CHUNK);
  if (!buf) {
    st = lab_error_set(err, LAB_ERR_NOMEM, "out of memory reading %s", part);
    goto out;
  }
  for (;;) {
    long long n = xlsx_src_read(src, buf, XLSX_CHUNK);
    if (n < 0) {
      st = xlsx_src_error(src, path, err);
      goto out;
    }
    if (XML_Parse(p, buf, (int)n, n == 0) == XML_STATUS_ERROR) {
      if (XML_GetErrorCode(p) == XML_ERROR_ABORTED) {
        *stopped = 1;
        goto out;
      }
      snprintf(file, sizeof(file), "%s:%s", path, part);
      st = lab_error_set_at(err, LAB_ERR_PARSE, file, (size_t)XML_GetCurrentLineNumber(p),
                            (size_t)XML_GetCurrentColumnNumber(p) + 1, "malformed XML: %s",
                            XML_ErrorString(XML_GetErrorCode(p)));
      goto out;
    }
    if (n == 0)
      break;
  }
out:
  free(buf);
  return st;
}

lab_status xlsx_stream_part(struct lab_zip *za, const char *path, const char *part, XML_Parser p,
                            int *stopped, struct lab_error *err)
{
  struct xlsx_src src = {.za = za, .part = part};
  lab_status st = xlsx_stream_src(&src, path, part, p, stopped, err);

  xlsx_src_close(&src);
  return st;
}

/* A growable list of owned strings. */
struct strv {
  char **v;
  size_t n;
  size_t cap;
};

static lab_status strv_push(struct strv *s, const char *text)
{
  char *copy;

  if (s->n == s->cap) {
    size_t cap = s->cap ? s->cap * 2 : 16;
    char **v = realloc(s->v, cap * sizeof(*v));
    if (!v)
      return LAB_ERR_NOMEM;
    s->v = v;
    s->cap = cap;
  }
  copy = strdup(text ? text : "");
  if (!copy)
    return LAB_ERR_NOMEM;
  s->v[s->n++] = copy;
  return LAB_OK;
}

static void strv_release(struct strv *s)
{
  for (size_t i = 0; i < s->n; i++)
    free(s->v[i]);
  free(s->v);
  memset(s, 0, sizeof(*s));
}

/* Collects <sheet name= r:id=> and <Relationship Id= Target= Type=>. */
struct book_parse {
  XML_Parser p;
  lab_status st;
  struct strv sheet_name;
  struct strv sheet_rid;
  struct strv rel_id;
  struct strv rel_target;
  struct strv rel_type;
};

static void book_fail(struct book_parse *b, lab_status st)
{
  b->st = st;
  XML_StopParser(b->p, XML_FALSE);
}

static void XMLCALL book_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
  struct book_parse *b = ud;
  const char *local = xlsx_local(name);
  lab_status st = LAB_OK;

  if (strcmp(local, "sheet") == 0) {
    st = strv_push(&b->sheet_name, xlsx_attr(atts, "name"));
    if (!st)
      st = strv_push(&b->sheet_rid, xlsx_attr(atts, "id"));
  } else if (strcmp(local, "Relationship") == 0) {
    st = strv_push(&b->rel_id, xlsx_attr(atts, "Id"));
    if (!st)
      st = strv_push(&b->rel_target, xlsx_attr(atts, "Target"));
    if (!st)
      st = strv_push(&b->rel_type, xlsx_attr(atts, "Type"));
  }
  if (st)
    book_fail(b, st);
}

static void XMLCALL book_end(void *ud, const XML_Char *name)
{
  (void)ud;
  (void)name;
}

/* Parse one member into b; LAB_ERR_NOTFOUND (err untouched) when it is absent. */
static lab_status book_parse_part(struct lab_zip *za, const char *path, const char *part,
                                  struct book_parse *b, struct lab_error *err)
{
  int stopped = 0;
  lab_status st;

  b->p = XML_ParserCreate("UTF-8");
  if (!b->p)
    return lab_error_set(err, LAB_ERR_NOMEM, "out of memory creating an XML parser");
  XML_SetUserData(b->p, b);
  XML_SetElementHandler(b->p, book_start, book_end);
  st = xlsx_stream_part(za, path, part, b->p, &stopped, err);
  if (stopped)
    st = lab_error_set(err, b->st, "%s: reading %s: %s", path, part, lab_strerror(b->st));
  XML_ParserFree(b->p);
  b->p = NULL;
  return st;
}

/* "worksheets/sheet1.xml" (relative to xl/) or "/xl/worksheets/sheet1.xml" -> zip member. */
static char *resolve_target(const char *target)
{
  size_t n = strlen(target) + 4;
  char *part = malloc(n);

  if (!part)
    return NULL;
  if (target[0] == '/')
    snprintf(part, n, "%s", target + 1);
  else
    snprintf(part, n, "xl/%s", target);
  return part;
}

static const char *find_rel(const struct book_parse *b, const char *id)
{
  for (size_t i = 0; i < b->rel_id.n; i++)
    if (strcmp(b->rel_id.v[i], id) == 0)
      return b->rel_target.v[i];
  return NULL;
}

void xlsx_book_release(struct xlsx_book *b)
{
  if (!b)
    return;
  for (size_t i = 0; i < b->n; i++) {
    free(b->name[i]);
    free(b->part[i]);
  }
  free(b->name);
  free(b->part);
  free(b->sst_part);
  memset(b, 0, sizeof(*b));
}

lab_status xlsx_book_read(struct lab_zip *za, const char *path, struct xlsx_book *b,
                          struct lab_error *err)
{
  struct book_parse bp;
  lab_status st;

  memset(&bp, 0, sizeof(bp));
  memset(b, 0, sizeof(*b));
  st = book_parse_part(za, path, "xl/workbook.xml", &bp, err);
  if (st == LAB_ERR_NOTFOUND)
    st = lab_error_set(err, LAB_ERR_PARSE, "%s: not an xlsx workbook (no xl/workbook.xml)", path);
  if (st)
    goto out;
  st = book_parse_part(za, path, "xl/_rels/workbook.xml.rels", &bp, err);
  if (st == LAB_ERR_NOTFOUND)
    st = lab_error_set(err, LAB_ERR_PARSE,
                       "%s: not an xlsx workbook (no xl/_rels/workbook.xml.rels)", path);
  if (st)
    goto out;
  b->name = calloc(bp.sheet_name.n + 1, sizeof(*b->name));
  b->part = calloc(bp.sheet_name.n + 1, sizeof(*b->part));
  if (!b->name || !b->part) {
    st = lab_error_set(err, LAB_ERR_NOMEM, "out of memory reading %s", path);
    goto out;
  }
  for (size_t i = 0; i < bp.sheet_name.n; i++) {
    const char *target = find_rel(&bp, bp.sheet_rid.v[i]);
    if (!target) {
      st = lab_error_set(err, LAB_ERR_PARSE, "%s: sheet '%s' has no relationship '%s'", path,
                         bp.sheet_name.v[i], bp.sheet_rid.v[i]);
      goto out;
    }
    b->name[i] = strdup(bp.sheet_name.v[i]);
    b->part[i] = resolve_target(target);
    b->n++;
    if (!b->name[i] || !b->part[i]) {
      st = lab_error_set(err, LAB_ERR_NOMEM, "out of memory reading %s", path);
      goto out;
    }
  }
  for (size_t i = 0; i < bp.rel_type.n; i++) {
    size_t tl = strlen(bp.rel_type.v[i]);
    if (tl >= 14 && strcmp(bp.rel_type.v[i] + tl - 14, "/sharedStrings") == 0) {
      b->sst_part = resolve_target(bp.rel_target.v[i]);
      if (!b->sst_part) {
        st = lab_error_set(err, LAB_ERR_NOMEM, "out of memory reading %s", path);
        goto out;
      }
      break;
    }
  }
out:
  strv_release(&bp.sheet_name);
  strv_release(&bp.sheet_rid);
  strv_release(&bp.rel_id);
  strv_release(&bp.rel_target);
  strv_release(&bp.rel_type);
  if (st)
    xlsx_book_release(b);
  return st;
}

/* Shared strings: <si> holds <t> or rich-text runs <r><t>; phonetic runs <rPh> are dropped. */
struct sst_parse {
  XML_Parser p;
  lab_status st;
  struct xlsx_sst *t;
  int in_si;
  int in_t;
  int rph;
  size_t cur; /* length of the string being built */
};

static void sst_fail(struct sst_parse *s, lab_status st)
{
  if (s->st)
    return;
  s->st = st;
  XML_StopParser(s->p, XML_FALSE);
}

static lab_status sst_reserve(struct xlsx_sst *t, size_t extra)
{
  size_t need = t->text_len + extra + 1;
  size_t cap;
  char *p;

  if (need > LAB_XLSX_MAX_SST)
    return LAB_ERR_TOOLARGE;
  if (need <= t->text_cap)
    return LAB_OK;
  cap = t->text_cap ? t->text_cap : 4096;
  while (cap < need)
    cap *= 2;
  p = realloc(t->text, cap);
  if (!p)
    return LAB_ERR_NOMEM;
  t->text = p;
  t->text_cap = cap;
  return LAB_OK;
}

static void XMLCALL sst_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
  struct sst_parse *s = ud;
  const char *local = xlsx_local(name);
  struct xlsx_sst *t = s->t;

  (void)atts;
  if (strcmp(local, "si") == 0) {
    if (t->n == t->cap) {
      size_t cap = t->cap ? t->cap * 2 : 256;
      size_t *off = realloc(t->off, cap * sizeof(*off));
      size_t *len;
      if (!off) {
        sst_fail(s, LAB_ERR_NOMEM);
        return;
      }
      t->off = off;
      len = realloc(t->len, cap * sizeof(*len));
      if (!len) {
        sst_fail(s, LAB_ERR_NOMEM);
        return;
      }
      t->len = len;
      t->cap = cap;
    }
    s->in_si = 1;
    s->cur = 0;
    t->off[t->n] = t->text_len;
  } else if (strcmp(local, "rPh") == 0) {
    s->rph++;
  } else if (strcmp(local, "t") == 0 && s->in_si && !s->rph) {
    s->in_t = 1;
  }
}

static void XMLCALL sst_end(void *ud, const XML_Char *name)
{
  struct sst_parse *s = ud;
  const char *local = xlsx_local(name);
  lab_status st;

  if (strcmp(local, "t") == 0) {
    s->in_t = 0;
  } else if (strcmp(local, "rPh") == 0) {
    if (s->rph)
      s->rph--;
  } else if (strcmp(local, "si") == 0 && s->in_si) {
    st = sst_reserve(s->t, 0);
    if (st) {
      sst_fail(s, st);
      return;
    }
    s->t->text[s->t->text_len++] = '\0';
    s->t->len[s->t->n++] = s->cur;
    s->in_si = 0;
  }
}

static void XMLCALL sst_text(void *ud, const XML_Char *text, int n)
{
  struct sst_parse *s = ud;
  lab_status st;

  if (!s->in_t || n <= 0)
    return;
  if ((size_t)n > ROWBUF_MAX_FIELD - s->cur) {
    sst_fail(s, LAB_ERR_TOOLARGE);
    return;
  }
  st = sst_reserve(s->t, (size_t)n);
  if (st) {
    sst_fail(s, st);
    return;
  }
  memcpy(s->t->text + s->t->text_len, text, (size_t)n);
  s->t->text_len += (size_t)n;
  s->cur += (size_t)n;
}

void xlsx_sst_release(struct xlsx_sst *t)
{
  if (!t)
    return;
  free(t->text);
  free(t->off);
  free(t->len);
  memset(t, 0, sizeof(*t));
}

lab_status xlsx_sst_read(struct lab_zip *za, const char *path, const char *part, struct xlsx_sst *t,
                         struct lab_error *err)
{
  struct sst_parse s;
  int stopped = 0;
  lab_status st;

  memset(&s, 0, sizeof(s));
  memset(t, 0, sizeof(*t));
  s.t = t;
  s.p = XML_ParserCreate("UTF-8");
  if (!s.p) {
    st = lab_error_set(err, LAB_ERR_NOMEM, "out of memory creating an XML parser");
    goto out;
  }
  XML_SetUserData(s.p, &s);
  XML_SetElementHandler(s.p, sst_start, sst_end);
  XML_SetCharacterDataHandler(s.p, sst_text);
  st = xlsx_stream_part(za, path, part, s.p, &stopped, err);
  if (st == LAB_ERR_NOTFOUND)
    st = LAB_OK;
  if (stopped && s.st == LAB_ERR_TOOLARGE)
    st = lab_error_set(err, LAB_ERR_TOOLARGE,
                       "%s: %s: shared strings exceed %u bytes in all or %u bytes in one string",
                       path, part, LAB_XLSX_MAX_SST, ROWBUF_MAX_FIELD);
  else if (stopped)
    st = lab_error_set(err, s.st, "%s: reading %s: %s", path, part, lab_strerror(s.st));
out:
  if (s.p)
    XML_ParserFree(s.p);
  if (st)
    xlsx_sst_release(t);
  return st;
}
