/*
 * test_xlsx.c - the streaming XLSX reader: cell types, placement by column, header search,
 * note rows, sheet choice and errors. Workbooks are written at test time with libzip from the
 * XML strings below, into a fresh folder under /tmp.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "common/lab_buf.h"
#include "datasets/lab_xlsx.h"
#include "datasets/rowbuf.h"
#include "datasets/xlsx_internal.h"
#include "test_util.h"

#include <zip.h>

#define NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
#define RNS "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
#define RELTYPE "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
#define PROJ_XLSX "/projections/bls_ep_occupation_2023-33_as_committed_modified.xlsx"

/* A sink that writes what it receives as text: "B3:a@1|b@2\n" for a header, "R4:..." rows. */
struct capture {
  struct lab_buf out;
  const char *file;
  size_t fail_on_line; /* 0 = never */
};

static lab_status put_row(struct capture *c, char tag, const struct lab_row *r)
{
  lab_buf_addf(&c->out, "%c%zu:", tag, r->line);
  for (size_t i = 0; i < r->n; i++)
    lab_buf_addf(&c->out, "%s%s@%zu", i ? "|" : "", r->field[i], r->column[i]);
  return lab_buf_adds(&c->out, "\n");
}

static lab_status cap_begin(void *ctx, const struct lab_table_meta *meta,
                            const struct lab_row *header, struct lab_error *err)
{
  struct capture *c = ctx;
  (void)err;
  c->file = meta->file;
  return put_row(c, 'B', header);
}

static lab_status cap_row(void *ctx, const struct lab_row *row, struct lab_error *err)
{
  struct capture *c = ctx;
  if (c->fail_on_line && c->fail_on_line == row->line)
    return lab_error_set(err, LAB_ERR_INVALID, "sink refused row %zu", row->line);
  return put_row(c, 'R', row);
}

static lab_status cap_end(void *ctx, struct lab_error *err)
{
  struct capture *c = ctx;
  (void)err;
  return lab_buf_adds(&c->out, "E\n");
}

/* Write a zip holding nparts (name, text) pairs at dir/name; the path goes to out. */
static void write_zip(const char *dir, const char *name, const char *const *parts, size_t nparts,
                      char *out, size_t size)
{
  int code = 0;
  zip_t *za;

  snprintf(out, size, "%s/%s", dir, name);
  za = zip_open(out, ZIP_CREATE | ZIP_TRUNCATE, &code);
  assert_non_null(za);
  for (size_t i = 0; i < nparts; i++) {
    zip_source_t *src = zip_source_buffer(za, parts[2 * i + 1], strlen(parts[2 * i + 1]), 0);
    assert_non_null(src);
    assert_true(zip_file_add(za, parts[2 * i], src, ZIP_FL_OVERWRITE) >= 0);
  }
  assert_int_equal(zip_close(za), 0);
}

/* A workbook with sheets "Data" (sheet1) and "Second" (sheet2, may be NULL) and shared strings
 * (may be NULL). */
static void write_book(const char *dir, const char *sheet1, const char *sheet2, const char *sst,
                       char *out, size_t size)
{
  const char *workbook = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                         "<workbook " NS " " RNS "><sheets>"
                         "<sheet name=\"Data\" sheetId=\"1\" r:id=\"rId1\"/>"
                         "<sheet name=\"Second\" sheetId=\"2\" r:id=\"rId2\"/>"
                         "</sheets></workbook>";
  const char *rels =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rId2\" Type=\"" RELTYPE "worksheet\" Target=\"worksheets/sheet2.xml\"/>"
      "<Relationship Id=\"rId1\" Type=\"" RELTYPE "worksheet\" Target=\"worksheets/sheet1.xml\"/>"
      "<Relationship Id=\"rId3\" Type=\"" RELTYPE "sharedStrings\" Target=\"sharedStrings.xml\"/>"
      "</Relationships>";
  const char *parts[10] = {"xl/workbook.xml",          workbook, "xl/_rels/workbook.xml.rels", rels,
                           "xl/worksheets/sheet1.xml", sheet1};
  size_t n = 3;

  if (sheet2) {
    parts[2 * n] = "xl/worksheets/sheet2.xml";
    parts[2 * n + 1] = sheet2;
    n++;
  }
  if (sst) {
    parts[2 * n] = "xl/sharedStrings.xml";
    parts[2 * n + 1] = sst;
    n++;
  }
  write_zip(dir, "book.xlsx", parts, n, out, size);
}

/* Read path with lab_xlsx_read into c (text of the sink calls). */
static lab_status read_book(struct capture *c, const char *path, const char *sheet,
                            const char *hint, struct lab_error *err)
{
  struct lab_sink sink = {c, cap_begin, cap_row, cap_end};
  lab_buf_init(&c->out, 1 << 20);
  return lab_xlsx_read(path, sheet, hint, &sink, err);
}

#define SHEET(rows)                                                                                \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<worksheet " NS "><sheetData>" rows                 \
  "</sheetData></worksheet>"
#define INL(ref, text) "<c r=\"" ref "\" t=\"inlineStr\"><is><t>" text "</t></is></c>"

static const char sst_main[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sst " NS " count=\"8\" uniqueCount=\"8\">"
    "<si><t>OCC_CODE</t></si><si><t>OCC_TITLE</t></si><si><t>TOT_EMP</t></si>"
    "<si><r><t>Rich </t></r><r><rPr><b/></rPr><t xml:space=\"preserve\">text </t></r>"
    "<r><t>run</t></r><rPh sb=\"0\" eb=\"1\"><t>PHONETIC</t></rPh></si>"
    "<si><t xml:space=\"preserve\">  padded  </t></si><si><t>A title &amp; more</t></si>"
    "<si><t>Footnotes:</t></si><si><t>FLAG</t></si></sst>";

/* Title row 1, header in row 3, data rows 4-6, an empty styled row 7, notes in rows 8-9. */
static const char sheet_main[] = SHEET(
    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>5</v></c></row>"
    "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>0</v></c><c r=\"B3\" t=\"s\"><v>1</v></c>"
    "<c r=\"C3\" t=\"s\"><v>2</v></c><c r=\"D3\" t=\"s\"><v>7</v></c><c r=\"E3\" s=\"2\"/></row>"
    "<row r=\"4\">" INL(
        "A4",
        "11-1011") "<c r=\"B4\" t=\"s\"><v>3</v></c>"
                   "<c r=\"C4\" t=\"n\"><v>211230</v></c><c r=\"D4\" t=\"b\"><v>1</v></c></row>"
                   "<row r=\"5\"><c r=\"A5\" "
                   "t=\"inlineStr\"><is><r><t>a</t></r><r><t>b</t></r></is></c>"
                   "<c r=\"C5\" s=\"3\"><v>1.5</v></c><c r=\"D5\" t=\"b\"><v>0</v></c></row>"
                   "<row r=\"6\"><c r=\"A6\" t=\"str\"><f>LOWER(\"X\")</f><v>x</v></c>"
                   "<c r=\"B6\" t=\"s\"><v>4</v></c><c r=\"D6\" t=\"e\"><v>#N/A</v></c></row>"
                   "<row r=\"7\"><c r=\"A7\" s=\"1\"/><c r=\"B7\" s=\"1\"/></row>"
                   "<row r=\"8\"><c r=\"A8\" t=\"s\"><v>6</v></c></row>"
                   "<row r=\"9\">" INL("A9", "(1) A note under the table.") "</row>");

/* Skipped cells: A2 then D2 (header found without a hint), a data row with only B3. */
static const char sheet_second[] = SHEET("<row r=\"2\">" INL("A2", "a") INL(
    "D2", "d") "</row>"
               "<row r=\"3\">" INL("B3", "b") "</row>"
                                              "<row r=\"4\">" INL("A4", "only A: a note") "</row>");

static const char want_second[] = "B2:a@1|@2|@3|d@4\n"
                                  "R3:@1|b@2|@3|@4\n"
                                  "E\n";

static void xlsx_should_read_every_cell_type_in_its_column(void **state)
{
  struct capture c = {0};
  struct lab_error err = {0};
  char dir[64], path[128];

  (void)state;
  test_tmpdir(dir, sizeof(dir));
  write_book(dir, sheet_main, sheet_second, sst_main, path, sizeof(path));
  assert_int_equal(read_book(&c, path, "Data", " occ_code ", &err), LAB_OK);
  assert_string_equal(lab_buf_str(&c.out), "B3:OCC_CODE@1|OCC_TITLE@2|TOT_EMP@3|FLAG@4\n"
                                           "R4:11-1011@1|Rich text run@2|211230@3|TRUE@4\n"
                                           "R5:ab@1|@2|1.5@3|FALSE@4\n"
                                           "R6:x@1|  padded  @2|@3|#N/A@4\n"
                                           "E\n");
  assert_string_equal(c.file, path);
  lab_buf_release(&c.out);

  /* no hint: the title row is the first non-empty row, so it becomes the header */
  assert_int_equal(read_book(&c, path, NULL, NULL, &err), LAB_OK);
  assert_true(strncmp(lab_buf_str(&c.out), "B1:A title & more@1\nR3:", 23) == 0);
  lab_buf_release(&c.out);
  test_rmdir(dir);
}

static void xlsx_should_choose_the_sheet_by_name_or_number(void **state)
{
  struct capture c = {0};
  struct lab_error err = {0};
  char dir[64], path[128];

  (void)state;
  test_tmpdir(dir, sizeof(dir));
  write_book(dir, sheet_main, sheet_second, sst_main, path, sizeof(path));
  assert_int_equal(read_book(&c, path, "#2", NULL, &err), LAB_OK);
  assert_string_equal(lab_buf_str(&c.out), want_second);
  lab_buf_release(&c.out);
  assert_int_equal(read_book(&c, path, "Second", NULL, &err), LAB_OK);
  assert_string_equal(lab_buf_str(&c.out), want_second);
  lab_buf_release(&c.out);
  assert_int_equal(read_book(&c, path, "#1", "OCC_CODE", &err), LAB_OK);
  assert_true(strncmp(lab_buf_str(&c.out), "B3:OCC_CODE@1|", 14) == 0);
  lab_buf_release(&c.out);
  /* "*suffix" finds a header cell by its ending, as "2023 National Employment Matrix code" */
  assert_int_equal(read_book(&c, path, "#1", "*_code", &err), LAB_OK);
  assert_true(strncmp(lab_buf_str(&c.out), "B3:OCC_CODE@1|", 14) == 0);
  lab_buf_release(&c.out);
  {
    bool has = false;
    assert_int_equal(lab_xlsx_has_sheet(path, "Second", &has, &err), LAB_OK);
    assert_true(has);
    assert_int_equal(lab_xlsx_has_sheet(path, "Table 1.2", &has, &err), LAB_OK);
    assert_false(has);
  }
  test_rmdir(dir);
}

static void xlsx_should_name_the_sheets_when_one_is_missing(void **state)
{
  struct capture c = {0};
  struct lab_error err = {0};
  char dir[64], path[128];

  (void)state;
  test_tmpdir(dir, sizeof(dir));
  write_book(dir, sheet_main, sheet_second, sst_main, path, sizeof(path));
  assert_int_equal(read_book(&c, path, "Table 9", NULL, &err), LAB_ERR_NOTFOUND);
  assert_non_null(strstr(err.msg, "no sheet 'Table 9'"));
  assert_non_null(strstr(err.msg, "'Data', 'Second'"));
  lab_buf_release(&c.out);
  assert_int_equal(read_book(&c, path, "#3", NULL, &err), LAB_ERR_NOTFOUND);
  assert_non_null(strstr(err.msg, "'Data', 'Second'"));
  assert_string_equal(lab_buf_str(&c.out), "");
  lab_buf_release(&c.out);
  test_rmdir(dir);
}

static void xlsx_should_refuse_a_shared_string_index_past_the_table(void **state)
{
  struct capture c = {0};
  struct lab_error err = {0};
  char dir[64], path[128];

  (void)state;
  test_tmpdir(dir, sizeof(dir));
  write_book(dir,
             SHEET("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>8</v></c>"
                   "</row>"),
             NULL, sst_main, path, sizeof(path));
  assert_int_equal(read_book(&c, path, NULL, NULL, &err), LAB_ERR_PARSE);
  assert_non_null(strstr(err.msg, "cell B1: shared string index 8 past the table (8 strings)"));
  assert_int_equal(err.line, 1);
  assert_int_equal(err.column, 2);
  lab_buf_release(&c.out);
  test_rmdir(dir);
}

static void xlsx_should_refuse_files_that_are_not_workbooks(void **state)
{
  struct capture c = {0};
  struct lab_error err = {0};
  const char *parts[] = {"hello.txt", "hello"};
  char dir[64], path[128];
  FILE *f;

  (void)state;
  test_tmpdir(dir, sizeof(dir));
  snprintf(path, sizeof(path), "%s/plain.xlsx", dir);
  f = fopen(path, "w");
  assert_non_null(f);
  fputs("OCC_CODE,OCC_TITLE\n", f);
  fclose(f);
  assert_int_equal(read_book(&c, path, NULL, NULL, &err), LAB_ERR_PARSE);
  assert_non_null(strstr(err.msg, "not an xlsx file"));
  lab_buf_release(&c.out);

  write_zip(dir, "other.zip", parts, 1, path, sizeof(path));
  assert_int_equal(read_book(&c, path, NULL, NULL, &err), LAB_ERR_PARSE);
  assert_non_null(strstr(err.msg, "no xl/workbook.xml"));
  lab_buf_release(&c.out);

  snprintf(path, sizeof(path), "%s/absent.xlsx", dir);
  assert_int_equal(read_book(&c, path, NULL, NULL, &err), LAB_ERR_IO);
  lab_buf_release(&c.out);
  test_rmdir(dir);
}

static void xlsx_should_locate_malformed_xml(void **state)
{
  struct capture c = {0};
  struct lab_error err = {0};
  char dir[64], path[128], file[160];

  (void)state;
  test_tmpdir(dir, sizeof(dir));
  write_book(dir,
             "<worksheet " NS "><sheetData>\n<row r=\"1\">" INL(
                 "A1", "x") "\n"
                            "  <c r=\"B1\"></row></sheetData></worksheet>",
             NULL, NULL, path, sizeof(path));
  assert_int_equal(read_book(&c, path, NULL, NULL, &err), LAB_ERR_PARSE);
  snprintf(file, sizeof(file), "%s:xl/worksheets/sheet1.xml", path);
  assert_string_equal(err.file, file);
  assert_int_equal(err.line, 3);
  assert_int_equal(err.column, 15); /* expat points at the name in "</row>" */
  assert_non_null(strstr(err.msg, "mismatched tag"));
  lab_buf_release(&c.out);
  test_rmdir(dir);
}

static void xlsx_should_report_a_missing_header(void **state)
{
  struct capture c = {0};
  struct lab_error err = {0};
  char dir[64], path[128];

  (void)state;
  test_tmpdir(dir, sizeof(dir));
  write_book(dir, sheet_main, NULL, sst_main, path, sizeof(path));
  assert_int_equal(read_book(&c, path, "Data", "AREA_TITLE", &err), LAB_ERR_PARSE);
  assert_string_equal(err.msg, "no header row containing 'AREA_TITLE' in sheet 'Data'");
  assert_string_equal(lab_buf_str(&c.out), "");
  lab_buf_release(&c.out);
  test_rmdir(dir);
}

static void xlsx_should_stop_at_the_first_sink_error(void **state)
{
  struct capture c = {.fail_on_line = 5};
  struct lab_error err = {0};
  char dir[64], path[128];

  (void)state;
  test_tmpdir(dir, sizeof(dir));
  write_book(dir, sheet_main, NULL, sst_main, path, sizeof(path));
  assert_int_equal(read_book(&c, path, NULL, "OCC_CODE", &err), LAB_ERR_INVALID);
  assert_string_equal(err.msg, "sink refused row 5");
  assert_string_equal(lab_buf_str(&c.out), "B3:OCC_CODE@1|OCC_TITLE@2|TOT_EMP@3|FLAG@4\n"
                                           "R4:11-1011@1|Rich text run@2|211230@3|TRUE@4\n");
  lab_buf_release(&c.out);
  test_rmdir(dir);
}

static void xlsx_should_refuse_a_cell_longer_than_the_field_limit(void **state)
{
  struct capture c = {0};
  struct lab_error err = {0};
  struct lab_buf xml;
  char dir[64], path[128];

  (void)state;
  lab_buf_init(&xml, 1 << 20);
  lab_buf_adds(&xml, "<worksheet " NS "><sheetData><row r=\"1\">" INL(
                         "A1", "K") "</row>"
                                    "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>");
  for (unsigned i = 0; i <= ROWBUF_MAX_FIELD / 8; i++)
    lab_buf_adds(&xml, "12345678");
  lab_buf_adds(&xml, "</t></is></c></row></sheetData></worksheet>");
  test_tmpdir(dir, sizeof(dir));
  write_book(dir, lab_buf_str(&xml), NULL, NULL, path, sizeof(path));
  assert_int_equal(read_book(&c, path, NULL, NULL, &err), LAB_ERR_TOOLARGE);
  assert_int_equal(err.line, 2);
  assert_non_null(strstr(err.msg, "cell A2"));
  lab_buf_release(&c.out);
  lab_buf_release(&xml);
  test_rmdir(dir);
}

/* Enough rows that the sheet crosses several 64 KiB read chunks. */
static void xlsx_should_stream_a_sheet_larger_than_one_chunk(void **state)
{
  struct capture c = {0};
  struct lab_error err = {0};
  struct lab_buf xml;
  char dir[64], path[128];
  const char *s;
  size_t rows = 0;

  (void)state;
  lab_buf_init(&xml, 1 << 24);
  lab_buf_adds(&xml,
               "<worksheet " NS "><sheetData><row r=\"1\">" INL("A1", "K") INL("B1", "V") "</row>");
  for (int i = 2; i <= 6001; i++)
    lab_buf_addf(&xml,
                 "<row r=\"%d\"><c r=\"A%d\" t=\"inlineStr\"><is><t>key-%d</t></is></c>"
                 "<c r=\"B%d\"><v>%d.25</v></c></row>",
                 i, i, i, i, i);
  lab_buf_adds(&xml, "</sheetData></worksheet>");
  test_tmpdir(dir, sizeof(dir));
  write_book(dir, lab_buf_str(&xml), NULL, NULL, path, sizeof(path));
  assert_int_equal(read_book(&c, path, NULL, "k", &err), LAB_OK);
  for (s = lab_buf_str(&c.out); (s = strchr(s, 'R')) != NULL; s++)
    rows += s[-1] == '\n';
  assert_int_equal(rows, 6000);
  assert_non_null(strstr(lab_buf_str(&c.out), "\nR4321:key-4321@1|4321.25@2\n"));
  lab_buf_release(&c.out);
  lab_buf_release(&xml);
  test_rmdir(dir);
}

/*
 * Real figures: May 2024 national OEWS, 29-9021 Health Information Technologists and Medical
 * Registrars, cross-industry: TOT_EMP 37620, A_MEDIAN 67310 (../shared/reference/oews/national/
 * oews_national_M2024_dl.csv, the BLS national file oews_national_M2024_dl converted to CSV).
 */
static void xlsx_should_pass_real_oews_figures_through_unchanged(void **state)
{
  struct capture c = {0};
  struct lab_error err = {0};
  char dir[64], path[128];
  const char *sst =
      "<sst " NS "><si><t>May 2024 National Occupational Employment and Wage Estimates</t></si>"
      "<si><t>OCC_CODE</t></si><si><t>OCC_TITLE</t></si><si><t>TOT_EMP</t></si>"
      "<si><t>A_MEDIAN</t></si><si><t>29-9021</t></si>"
      "<si><t>Health Information Technologists and Medical Registrars</t></si></sst>";

  (void)state;
  test_tmpdir(dir, sizeof(dir));
  write_book(dir,
             SHEET("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"
                   "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>1</v></c><c r=\"B2\" t=\"s\"><v>2</v></c>"
                   "<c r=\"C2\" t=\"s\"><v>3</v></c><c r=\"D2\" t=\"s\"><v>4</v></c></row>"
                   "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>5</v></c><c r=\"B3\" t=\"s\"><v>6</v></c>"
                   "<c r=\"C3\"><v>37620</v></c><c r=\"D3\"><v>67310</v></c></row>"),
             NULL, sst, path, sizeof(path));
  assert_int_equal(read_book(&c, path, NULL, "occ_code", &err), LAB_OK);
  assert_string_equal(lab_buf_str(&c.out),
                      "B2:OCC_CODE@1|OCC_TITLE@2|TOT_EMP@3|A_MEDIAN@4\n"
                      "R3:29-9021@1|Health Information Technologists and Medical Registrars@2|"
                      "37620@3|67310@4\n"
                      "E\n");
  lab_buf_release(&c.out);
  test_rmdir(dir);
}

/* Counts rows of the real EP workbook and keeps two rows of interest. */
struct ep_count {
  size_t header_n;
  size_t rows;
  char total[128];  /* "title|code|employment 2023" of 00-0000 */
  char health[128]; /* same for 29-9021 */
};

static lab_status ep_begin(void *ctx, const struct lab_table_meta *meta,
                           const struct lab_row *header, struct lab_error *err)
{
  struct ep_count *e = ctx;
  (void)meta;
  (void)err;
  e->header_n = header->n;
  return LAB_OK;
}

static lab_status ep_row(void *ctx, const struct lab_row *row, struct lab_error *err)
{
  struct ep_count *e = ctx;
  (void)err;
  e->rows++;
  if (row->n < 4)
    return LAB_OK;
  if (strcmp(row->field[1], "00-0000") == 0)
    snprintf(e->total, sizeof(e->total), "%s|%s|%s", row->field[0], row->field[1], row->field[3]);
  if (strcmp(row->field[1], "29-9021") == 0)
    snprintf(e->health, sizeof(e->health), "%s|%s|%s", row->field[0], row->field[1], row->field[3]);
  return LAB_OK;
}

static lab_status ep_end(void *ctx, struct lab_error *err)
{
  (void)ctx;
  (void)err;
  return LAB_OK;
}

/*
 * The BLS Employment Projections 2023-33 occupation workbook (../shared/reference/projections,
 * see its SOURCES.md). Expected values: table1.2_occupational_projections_2023-33.csv in the same
 * folder, converted independently from this workbook: 1,113 rows; 00-0000 employment 2023
 * 167849.8 (thousands); 29-9021 39.1 (its title is indented with 6 spaces, title_indent 6).
 */
static void xlsx_should_read_the_real_ep_table_1_2(void **state)
{
  struct ep_count e = {0};
  struct lab_sink sink = {&e, ep_begin, ep_row, ep_end};
  struct lab_error err = {0};

  (void)state;
  assert_int_equal(lab_xlsx_read(LAB_SHARED_REFERENCE PROJ_XLSX, "Table 1.2",
                                 "2023 National Employment Matrix title", &sink, &err),
                   LAB_OK);
  assert_int_equal(e.header_n, 16);
  assert_int_equal(e.rows, 1113);
  assert_string_equal(e.total, "Total, all occupations|00-0000|167849.8");
  assert_string_equal(e.health,
                      "      Health information technologists and medical registrars|29-9021|39.1");
}

/* ---- the row scanner (xlsx_scan.c) against expat, on sheet XML in memory ---- */

/* Shared strings of the scanner tests: 0 "OCC_CODE", 1 "k", 2 "Employment", 3 "été". */
static const struct xlsx_sst *scan_sst(void)
{
  static const char text[] = "OCC_CODE\0k\0Employment\0\xc3\xa9t\xc3\xa9\0";
  static const size_t off[] = {0, 9, 11, 22};
  static const size_t len[] = {8, 1, 10, 5};
  static const struct xlsx_sst sst = {.text = (char *)text,
                                      .text_len = sizeof(text),
                                      .off = (size_t *)off,
                                      .len = (size_t *)len,
                                      .n = 4};
  return &sst;
}

/* Read xml with `mode`, handed out `chunk` bytes at a time, into c. */
static lab_status read_mem(struct capture *c, const char *xml, size_t chunk, enum xlsx_mode mode,
                           struct lab_error *err, int *fell_back)
{
  struct lab_sink sink = {c, cap_begin, cap_row, cap_end};

  lab_buf_init(&c->out, 1 << 20);
  *err = (struct lab_error){0};
  return xlsx_sheet_read_mem(xml, strlen(xml), chunk, scan_sst(), NULL, mode, &sink, err,
                             fell_back);
}

/*
 * The reader (scanner, expat where it gives up) gives what expat alone gives - sink calls,
 * status, error with its position - however the bytes arrive; the scanner hands over exactly when
 * `fallback` says. Returns expat's status.
 */
static lab_status check_against_expat(const char *xml, size_t fail_on_line, int fallback)
{
  static const size_t chunks[] = {0, 1, 2, 5, 64};
  struct capture want = {.fail_on_line = fail_on_line};
  struct lab_error ew, eg;
  lab_status sw;
  int fell = -1;

  sw = read_mem(&want, xml, 0, XLSX_EXPAT, &ew, &fell);
  assert_int_equal(fell, 0);
  for (size_t i = 0; i < sizeof(chunks) / sizeof(chunks[0]); i++) {
    struct capture got = {.fail_on_line = fail_on_line};
    struct capture only = {.fail_on_line = fail_on_line};
    lab_status sg = read_mem(&got, xml, chunks[i], XLSX_AUTO, &eg, &fell);
    lab_status so;
    assert_int_equal(sg, sw);
    assert_string_equal(lab_buf_str(&got.out), lab_buf_str(&want.out));
    assert_string_equal(eg.msg, ew.msg);
    assert_string_equal(eg.file, ew.file);
    assert_int_equal(eg.line, ew.line);
    assert_int_equal(eg.column, ew.column);
    assert_int_equal(fell, fallback);
    so = read_mem(&only, xml, chunks[i], XLSX_SCAN_ONLY, &eg, NULL);
    assert_int_equal(so, fallback ? XLSX_FELL_BACK : sw);
    /* what the scanner passed on before handing over is what expat passes on first */
    assert_memory_equal(lab_buf_str(&only.out), lab_buf_str(&want.out), only.out.len);
    lab_buf_release(&got.out);
    lab_buf_release(&only.out);
  }
  lab_buf_release(&want.out);
  return sw;
}

#define DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
#define WS_OPEN "<worksheet " NS "><sheetData>"
#define WS_CLOSE "</sheetData></worksheet>"
#define BLS_ROWS                                                                                   \
  "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"                  \
  "<c r=\"C1\" t=\"s\"><v>2</v></c></row><row r=\"2\"></row>"                                      \
  "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>3</v></c><c r=\"C3\"><v>156344980</v></c></row>"

static void scanner_should_read_the_forms_bls_openpyxl_and_excel_write(void **state)
{
  (void)state;
  /* BLS: shared strings, numbers, an empty row, elements before and after sheetData */
  check_against_expat(DECL "<worksheet " NS "><dimension ref=\"A1:C3\"/><sheetViews>"
                           "<sheetView workbookViewId=\"0\"/></sheetViews><sheetData>" BLS_ROWS
                           "</sheetData><pageMargins left=\"0.7\"/></worksheet>",
                      0, 0);
  /* openpyxl: single-quoted declaration, inline strings, formulas, booleans, errors, <c/> */
  check_against_expat(
      "<?xml version='1.0' encoding='utf-8'?>\n" WS_OPEN
      "<row r=\"1\" spans=\"1:4\">" INL("A1", "OCC_CODE")
          INL("B1", "k") "<c r=\"C1\" t=\"n\"><v>3</v></c><c r=\"D1\" s=\"1\"/></row>"
                         "<row r=\"2\"><c r=\"A2\" t=\"str\"><f>UPPER(\"a\")</f><v>A</v></c>"
                         "<c r=\"B2\" t=\"b\"><v>1</v></c><c r=\"C2\" t=\"e\"><v>#N/A</v></c>"
                         "<c r=\"D2\" t=\"b\"><v>0</v></c></row><row/>" WS_CLOSE,
      0, 0);
  /* Excel: namespaces and prefixed attributes, rich text, phonetic runs, prefixed extensions */
  check_against_expat(
      DECL "<worksheet " NS " xmlns:mc=\"urn:mc\" mc:Ignorable=\"x14ac\" xmlns:x14ac=\"urn:ac\">"
           "<sheetData><row r=\"1\" spans=\"1:2\" x14ac:dyDescent=\"0.25\">"
           "<c r=\"A1\" s=\"1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"inlineStr\"><is><r><t>a</t></r>"
           "<r><rPr><b/></rPr><t xml:space=\"preserve\"> b </t></r><rPh sb=\"0\" eb=\"1\">"
           "<t>PH</t></rPh></is></c></row><row r=\"2\"><c r=\"A2\"><v>1.5E-3</v></c>"
           "<c r=\"B2\" t=\"s\"><v> 3 </v></c></row></sheetData><extLst><ext uri=\"{X}\" "
           "xmlns:x14=\"urn:x14\"><x14:id>1</x14:id></ext></extLst></worksheet>",
      0, 0);
}

static void scanner_should_read_references_utf8_and_white_space(void **state)
{
  (void)state;
  /* the five entities, character references, UTF-8, ']' alone, CR LF and CR as LF */
  check_against_expat(WS_OPEN "<row r=\"1\">" INL("A1", "k") INL(
                          "B1", "a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos; &#233;&#x10FFFF;"
                                "&#13;&#10;\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80 x]y]]z")
                          INL("C1", "one\r\ntwo\rthree\n") "</row>" WS_CLOSE,
                      0, 0);
  /* no declaration, space before the root, quotes ' and ", white space in tags, self-closing
   * rows and cells, x:r read as r (as expat's path reads it), a prefixed attribute */
  check_against_expat(" \r\n<worksheet>\n<sheetData >\n<row\n r = '1' >"
                      "<c\tr='A1'\r\nt=\"inlineStr\" ><is ><t >k</t ></is></c >"
                      "<c x:r=\"C1\"><v>2</v></c><c r='D1' /></row ><row/>"
                      "<row r=\"3\"><c r=\"A3\"/><c r=\"B3\" t='s'><v>3</v></c></row>"
                      "</sheetData></worksheet>\n",
                      0, 0);
}

static void scanner_should_report_data_errors_as_expat_does(void **state)
{
  (void)state;
  /* the sink's error stops the scanner itself */
  assert_int_equal(check_against_expat(DECL WS_OPEN BLS_ROWS
                                       "<row r=\"4\">" INL("A4", "x") "</row>" WS_CLOSE,
                                       3, 0),
                   LAB_ERR_INVALID);
  /* the reader's own errors hand over to expat, which produces them with its message */
  assert_int_equal(check_against_expat(WS_OPEN BLS_ROWS "<row r=\"5\"><c r=\"A5\" t=\"s\">"
                                                        "<v>9</v></c></row>" WS_CLOSE,
                                       0, 1),
                   LAB_ERR_PARSE);
  assert_int_equal(check_against_expat(WS_OPEN "<row r=\"1\"><c r=\"B1\"><v>1</v></c>"
                                               "<c r=\"A1\"><v>2</v></c></row>" WS_CLOSE,
                                       0, 1),
                   LAB_ERR_PARSE);
  assert_int_equal(check_against_expat(WS_OPEN "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>x</v></c>"
                                               "</row>" WS_CLOSE,
                                       0, 1),
                   LAB_ERR_PARSE);
}

/* Constructs the scanner leaves to expat, after rows it has already passed on. */
static void scanner_should_hand_over_what_it_does_not_take(void **state)
{
  static const char *const inside[] = {
      "<!-- a comment -->",
      "<?pi data?>",
      "<row r=\"4\">" INL("A4", "<![CDATA[<x>]]>") "</row>",
      "<x:row r=\"4\"><x:c r=\"A4\"><x:v>1</x:v></x:c></x:row>",
      "<row r=\"4\"><x:c r=\"A4\"><v>1</v></x:c></row>",
      "<row r=\"4\"><c r=\"A&#52;\"><v>1</v></c></row>",
      "<row r=\"4\"><c r=\"A4\" t=\"&#115;\"><v>1</v></c></row>",
      "<row r=\"\t4\"><c r=\"A4\"><v>1</v></c></row>",
      "<row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><t>&nbsp;</t></is></c></row>",
      "<row r=\"4\"><c\xc3\xa9 r=\"A4\"/></row>",
  };
  char xml[1024];

  (void)state;
  for (size_t i = 0; i < sizeof(inside) / sizeof(inside[0]); i++) {
    snprintf(xml, sizeof(xml), "%s%s%s%s", WS_OPEN, BLS_ROWS, inside[i], WS_CLOSE);
    check_against_expat(xml, 0, 1);
  }
  /* before the first row: a DOCTYPE, a byte-order mark, another encoding or version, another
   * root */
  check_against_expat("<!DOCTYPE worksheet>" WS_OPEN BLS_ROWS WS_CLOSE, 0, 1);
  check_against_expat("\xef\xbb\xbf" WS_OPEN BLS_ROWS WS_CLOSE, 0, 1);
  check_against_expat("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" WS_OPEN BLS_ROWS WS_CLOSE,
                      0, 1);
  check_against_expat("<?xml version=\"1.1\"?>" WS_OPEN BLS_ROWS WS_CLOSE, 0, 1);
  check_against_expat(
      "<x:worksheet xmlns:x=\"urn:x\"><x:sheetData>" BLS_ROWS "</x:sheetData></x:worksheet>", 0, 1);
  /* a cell longer than the field limit: expat reports it */
  {
    struct lab_buf big;
    lab_buf_init(&big, 1 << 20);
    lab_buf_adds(&big, WS_OPEN BLS_ROWS "<row r=\"4\"><c r=\"A4\"><v>");
    for (unsigned i = 0; i <= ROWBUF_MAX_FIELD / 8; i++)
      lab_buf_adds(&big, "12345678");
    lab_buf_adds(&big, "</v></c></row>" WS_CLOSE);
    assert_int_equal(check_against_expat(lab_buf_str(&big), 0, 1), LAB_ERR_TOOLARGE);
    lab_buf_release(&big);
  }
}

/*
 * The scanner's whole-cell path (cell_fast) and the near misses it must leave to the general
 * path: each row below follows a header and is read as expat reads it, whatever the chunking.
 */
static void scanner_should_read_whole_cells_as_the_general_path_does(void **state)
{
  static const struct {
    const char *cells;
    int fallback; /* the general path hands this row over to expat */
  } rows[] = {
      /* taken whole: attributes in any order, s among them, empty and odd text */
      {"<c t=\"s\" r=\"A4\"><v>0</v></c><c s=\"12\" r=\"B4\"><v>1.5E-3</v></c>"
       "<c r=\"C4\" s=\"1\" t=\"n\"><v></v></c><c r=\"D4\"><v> 7 > 6\t</v></c>",
       0},
      /* left to the general path: an unknown, duplicated or prefixed attribute, another quote,
       * double spaces, a reference, "]" or CR in the text, a tag with white space, <c/> */
      {"<c r=\"A4\" x=\"1\"><v>1</v></c><c r=\"B4\" t=\"s\" t=\"s\"><v>1</v></c>", 1},
      {"<c x:r=\"A4\"><v>1</v></c><c r='B4'><v>2</v></c><c  r=\"C4\"><v>3</v></c>", 0},
      {"<c r=\"A4\"  t=\"s\"><v>1</v></c><c r=\"B&#52;\"><v>2</v></c>", 1},
      {"<c r=\"A4\"><v>1&amp;2</v></c><c r=\"B4\"><v>1]2</v></c><c r=\"C4\"><v>1\r2</v></c>", 0},
      {"<c r=\"A4\"><v>1</v ></c><c r=\"B4\"><v >2</v></c><c r=\"C4\"/><c r=\"D4\" ><v>4</v></c>",
       0},
      {"<c r=\"A_4\"><v>1</v></c><c r=\"B4\" t=\"\"><v>2</v></c><c r=\"\xc3\xa9\"><v>3</v></c>", 0},
      {"<c r=\"A4\"><v>1</v><f>x</f></c><c r=\"B4\"><is><t>k</t></is></c>", 0},
  };
  char xml[1024];

  (void)state;
  for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
    snprintf(xml, sizeof(xml), "%s%s<row r=\"4\">%s</row>%s", WS_OPEN, BLS_ROWS, rows[i].cells,
             WS_CLOSE);
    check_against_expat(xml, 0, rows[i].fallback);
  }
  /* the sink stops in the middle of whole cells: the same calls, the same error */
  snprintf(xml, sizeof(xml), "%s%s<row r=\"4\">%s</row><row r=\"5\">%s</row>%s", WS_OPEN, BLS_ROWS,
           rows[0].cells, rows[0].cells, WS_CLOSE);
  assert_int_equal(check_against_expat(xml, 4, 0), LAB_ERR_INVALID);
  /* a cell directly in the root, and one whose <v> passes the depth limit, go the general way */
  check_against_expat(WS_OPEN "</sheetData><c r=\"A1\"><v>1</v></c></worksheet>", 0, 0);
  {
    struct lab_buf deep;
    lab_buf_init(&deep, 1 << 20);
    lab_buf_adds(&deep, WS_OPEN BLS_ROWS);
    for (int i = 0; i < 60; i++) /* worksheet, sheetData, 60 of these, row: c at depth 64 */
      lab_buf_adds(&deep, "<x>");
    lab_buf_adds(&deep, "<row r=\"4\"><c r=\"A4\"><v>1</v></c></row>");
    for (int i = 0; i < 60; i++)
      lab_buf_adds(&deep, "</x>");
    lab_buf_adds(&deep, WS_CLOSE);
    check_against_expat(lab_buf_str(&deep), 0, 1);
    lab_buf_release(&deep);
  }
}

/* Malformed XML: expat's error, message and position, after the rows before it. */
static void scanner_should_leave_malformed_xml_to_expat(void **state)
{
  static const char *const bad[] = {
      "<row r=\"4\"><c r=\"A4\"></row>",           /* mismatched tag */
      "<row r=\"4\" r=\"5\"/>",                    /* duplicate attribute */
      "<row r=\"4\"s=\"5\"/>",                     /* no space between attributes */
      "<row r=\"4\">" INL("A4", "a]]>b") "</row>", /* "]]>" in text */
      "<row r=\"4\">" INL("A4", "a\x01"
                                "b") "</row>",            /* a control character */
      "<row r=\"4\">" INL("A4", "a\xc3(b") "</row>",      /* bad UTF-8 */
      "<row r=\"4\">" INL("A4", "\xed\xa0\x80") "</row>", /* a surrogate */
      "<row r=\"4\">" INL("A4", "\xef\xbf\xbe") "</row>", /* U+FFFE */
      "<row r=\"4\">" INL("A4", "&#0;") "</row>",         /* not a character */
      "<row r=\"4\">" INL("A4", "&#X41;") "</row>",       /* &#X */
      "<row r=\"4\">" INL("A4", "a & b") "</row>",        /* a bare & */
      "<row r=\"4\"><c r=\"A<4\"/></row>",                /* < in a value */
      "<row r=\"4\"><c r=A4/></row>",                     /* unquoted */
      "<row r=\"4\"><c/ ></row>",                         /* "/ >" */
  };
  char xml[1024];

  (void)state;
  for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
    snprintf(xml, sizeof(xml), "%s%s%s%s", DECL WS_OPEN, BLS_ROWS, bad[i], WS_CLOSE);
    assert_int_equal(check_against_expat(xml, 0, 1), LAB_ERR_PARSE);
  }
  /* cut short, junk after the root, an empty document */
  assert_int_equal(check_against_expat(WS_OPEN BLS_ROWS "<row r=\"4\"><c r=\"A", 0, 1),
                   LAB_ERR_PARSE);
  assert_int_equal(check_against_expat(WS_OPEN BLS_ROWS WS_CLOSE "x", 0, 1), LAB_ERR_PARSE);
  assert_int_equal(check_against_expat(WS_OPEN BLS_ROWS WS_CLOSE "<worksheet/>", 0, 1),
                   LAB_ERR_PARSE);
  assert_int_equal(check_against_expat("", 0, 1), LAB_ERR_PARSE);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(xlsx_should_read_every_cell_type_in_its_column),
      cmocka_unit_test(xlsx_should_choose_the_sheet_by_name_or_number),
      cmocka_unit_test(xlsx_should_name_the_sheets_when_one_is_missing),
      cmocka_unit_test(xlsx_should_refuse_a_shared_string_index_past_the_table),
      cmocka_unit_test(xlsx_should_refuse_files_that_are_not_workbooks),
      cmocka_unit_test(xlsx_should_locate_malformed_xml),
      cmocka_unit_test(xlsx_should_report_a_missing_header),
      cmocka_unit_test(xlsx_should_stop_at_the_first_sink_error),
      cmocka_unit_test(xlsx_should_refuse_a_cell_longer_than_the_field_limit),
      cmocka_unit_test(xlsx_should_stream_a_sheet_larger_than_one_chunk),
      cmocka_unit_test(xlsx_should_pass_real_oews_figures_through_unchanged),
      cmocka_unit_test(scanner_should_read_the_forms_bls_openpyxl_and_excel_write),
      cmocka_unit_test(scanner_should_read_references_utf8_and_white_space),
      cmocka_unit_test(scanner_should_report_data_errors_as_expat_does),
      cmocka_unit_test(scanner_should_hand_over_what_it_does_not_take),
      cmocka_unit_test(scanner_should_read_whole_cells_as_the_general_path_does),
      cmocka_unit_test(scanner_should_leave_malformed_xml_to_expat),
  };
  const struct CMUnitTest shared_tests[] = {
      cmocka_unit_test(xlsx_should_read_the_real_ep_table_1_2),
  };
  int failed = cmocka_run_group_tests(tests, NULL, NULL);

  if (failed)
    return failed;
  /* The workbook lives outside the repository: without it the run counts as skipped (77). */
  if (!test_file_exists(LAB_SHARED_REFERENCE PROJ_XLSX)) {
    printf("skipped: ../shared not present (%s)\n", LAB_SHARED_REFERENCE PROJ_XLSX);
    return 77;
  }
  return cmocka_run_group_tests(shared_tests, NULL, NULL);
}
