/*
 * test_pdf.c - the PDF layer (modules/report/pdf.h): the axis and colour
 * helpers on hand-computed values, then real documents read back with
 * pdftotext (poppler-utils): Danish and Cyrillic text, markup escaping,
 * tables that break pages and repeat their header, page numbers, the
 * memory ceiling and the error paths.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "salient/pdf.h"
#include "tap.h"

static char tmpdir[] = "/tmp/salient-test-pdf.XXXXXX";

/* pdftotext of pages first..last of path (0 = all) into a malloc'd string. */
static char *pdftext(const char *path, int first, int last)
{
	char cmd[512], *out = NULL;
	size_t len = 0, cap = 0, n;
	FILE *p;

	if (first > 0)
		snprintf(cmd, sizeof(cmd), "pdftotext -q -f %d -l %d '%s' - 2>&1", first, last, path);
	else
		snprintf(cmd, sizeof(cmd), "pdftotext -q '%s' - 2>&1", path);
	if ((p = popen(cmd, "r")) == NULL)
		return NULL;
	do {
		if (len + 4096 + 1 > cap) {
			cap = cap ? cap * 2 : 16384;
			out = realloc(out, cap);
		}
		n = fread(out + len, 1, 4096, p);
		len += n;
	} while (n > 0);
	out[len] = '\0';
	pclose(p);
	return out;
}

static int count(const char *hay, const char *needle)
{
	int n = 0;

	while (hay != NULL && (hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

static int money(char *buf, size_t len, double v, const void *arg)
{
	snprintf(buf, len, "%s %.0f", (const char *)arg, v);
	return 0;
}

static void axis(double max, double want_step, double want_top)
{
	double step, top;

	pdf_axis(max, &step, &top);
	tap_is_near(step, want_step, 1e-12, "axis step");
	tap_is_near(top, want_top, 1e-12, "axis top");
	tap_diag("axis for %g: step %g, top %g", max, step, top);
}

static void helpers(void)
{
	double rgb[3];

	axis(1234, 250, 1250);      /* 246.8 -> 2.5 x 100 */
	axis(100, 20, 100);         /* exactly 2 x 10, top on a step */
	axis(7, 2, 8);              /* 1.4 -> 2 */
	axis(0.9, 0.2, 1.0);        /* 0.18 -> 2 x 0.1 */
	axis(0, 0.2, 1.0);          /* nothing: an axis up to 1 */
	axis(51000, 20000, 60000);  /* 10200 -> 1.02 -> 2 x 10^4 */
	tap_ok(pdf_colour("#ff8000", rgb) == 0, "#ff8000 is a colour");
	tap_is_near(rgb[0], 1.0, 1e-9, "red 255");
	tap_is_near(rgb[1], 128 / 255.0, 1e-9, "green 128");
	tap_is_near(rgb[2], 0.0, 1e-9, "blue 0");
	tap_ok(pdf_colour("#FFF", rgb) == -1, "#FFF is refused");
	tap_ok(pdf_colour("red", rgb) == -1, "a name is refused");
	tap_ok(pdf_colour("#gg0000", rgb) == -1, "non-hex is refused");
	tap_ok(pdf_colour(NULL, rgb) == -1, "NULL is refused");
}

static void document(void)
{
	static const struct pdf_col cols[] = {
		{ "Produkt", 3, PDF_LEFT }, { "Kategori", 2, PDF_LEFT },
		{ "Antal", 1, PDF_RIGHT }, { "Omsætning", 1.5, PDF_RIGHT },
	};
	static const char *const months[12] = {
		"apr. 2023", "maj 2023", "jun. 2023", "jul. 2023", "aug. 2023", "sep. 2023",
		"okt. 2023", "nov. 2023", "dec. 2023", "jan. 2024", "feb. 2024", "mar. 2024",
	};
	static const double cur[12] = { 10, 0, 250, 400, 380, 20, 1234, 700, 0, 90, 60, 300 };
	static const double prev[12] = { 5, 50, 200, 100, 0, 0, 900, 650, 30, 40, 10, 0 };
	const char *details[] = { "Kunde-id ÆØÅ-7 · Ærøskøbing", "Город: Москва" };
	struct pdf_opts o = { .title = "Kunderapport: Søren Ærø Købmand",
	    .footer = "Salient · Иван Петров", .page_word = "Side" };
	struct pdf_chart ch = { .n = 12, .labels = months, .cur = cur, .prev = prev,
	    .cur_name = "Seneste 12 måneder", .prev_name = "De 12 før", .bars = 1,
	    .ytext = money, .arg = "kr." };
	char err[256], path[512], *all, *p2, *last, row0[64], row1[64], row2[32], row3[32];
	const unsigned char *data;
	struct pdf_doc *d;
	size_t len;
	FILE *f;
	int i, pages;

	d = pdf_open(&o, err, sizeof(err));
	if (!tap_ok(d != NULL, "a memory document opens"))
		return;
	pdf_title_block(d, "Kunderapport", "Søren Ærø Købmand og Иван Петров", details, 2);
	pdf_heading(d, "Oversigt — Сводка");
	pdf_markupf(d, PDF_BODY, "<b>Navn:</b> %s, <i>%s</i>", "<script>&amp;", "Å & ø");
	pdf_text(d, PDF_BODY, "Broken UTF-8 here: \xff\xfe end.");
	pdf_chart_monthly(d, &ch);
	ch.bars = 0;
	pdf_chart_monthly(d, &ch);
	pdf_progress(d, "Mål 2024: 62 % nået", 0.62, "62 %", 0.5);
	pdf_progress(d, "Over target", 1.4, "140 %", -1);
	pdf_badge_row(d, "Storkunde", "#198754", "Kommentar: købte for over 1 mio. kr. — Крупный клиент");
	pdf_badge_row(d, "Risiko", "not-a-colour", NULL);
	pdf_heading(d, "Topprodukter");
	tap_ok(pdf_table_begin(d, cols, 4) == 0, "a table begins");
	for (i = 0; i < 90; i++) {
		const char *cells[4] = { row0, row1, row2, row3 };

		snprintf(row0, sizeof(row0), "Vare %02d Øl fra Ærø", i);
		snprintf(row1, sizeof(row1), "Кат %d", i % 7);
		snprintf(row2, sizeof(row2), "%d", i * 3);
		snprintf(row3, sizeof(row3), "%d,50 kr.", i * 100);
		pdf_table_row(d, cells);
	}
	pdf_table_end(d);
	pdf_text(d, PDF_BODY, "Slut på rapporten.");
	tap_ok(!pdf_failed(d), "nothing failed while drawing");
	tap_ok(pdf_finish(d, err, sizeof(err)) == 0, "the document finishes (%s)", err);
	pages = pdf_pages(d);
	tap_ok(pages >= 3, "90 rows and two charts take at least 3 pages (%d)", pages);
	data = pdf_data(d, &len);
	tap_ok(data != NULL && len > 1000 && memcmp(data, "%PDF-", 5) == 0, "memory holds a PDF (%zu bytes)", len);
	snprintf(path, sizeof(path), "%s/mem.pdf", tmpdir);
	f = fopen(path, "wb");
	fwrite(data, 1, len, f);
	fclose(f);
	pdf_free(d);

	all = pdftext(path, 0, 0);
	tap_ok(all != NULL && strstr(all, "Søren Ærø Købmand") != NULL, "pdftotext finds the Danish name");
	tap_ok(all != NULL && strstr(all, "Иван Петров") != NULL, "and the Cyrillic name");
	tap_ok(all != NULL && strstr(all, "<script>&amp;") != NULL, "a markup argument prints literally");
	tap_ok(all != NULL && strstr(all, "Å & ø") != NULL, "an ampersand argument prints literally");
	tap_ok(all != NULL && strstr(all, "Navn:") != NULL, "the markup's own text prints");
	tap_ok(all != NULL && strstr(all, "end.") != NULL, "text after bad UTF-8 prints");
	tap_ok(all != NULL && strstr(all, "kr. 1250") != NULL, "the chart's axis is labelled to its top (1250)");
	tap_ok(all != NULL && strstr(all, "Seneste 12 måneder") != NULL, "the chart has its legend");
	tap_ok(all != NULL && strstr(all, "mar.") != NULL && strstr(all, "apr.") != NULL,
	    "and month labels");
	tap_ok(all != NULL && strstr(all, "Крупный клиент") != NULL, "the badge's note prints");
	tap_ok(all != NULL && strstr(all, "Vare 89 Øl fra Ærø") != NULL, "the last table row prints");
	tap_is_long(count(all, "Omsætning"), pages - 1, "the header row repeats on every page the table spans");
	tap_ok(all != NULL && strstr(all, "Slut på rapporten.") != NULL, "text after the table prints");
	free(all);
	p2 = pdftext(path, 2, 2);
	snprintf(row0, sizeof(row0), "Side 2 / %d", pages);
	tap_ok(p2 != NULL && strstr(p2, row0) != NULL, "page 2's footer says '%s'", row0);
	tap_ok(p2 != NULL && strstr(p2, "Salient · Иван Петров") != NULL, "with the footer text");
	free(p2);
	last = pdftext(path, pages, pages);
	snprintf(row0, sizeof(row0), "Side %d / %d", pages, pages);
	tap_ok(last != NULL && strstr(last, row0) != NULL, "the last page's footer says '%s'", row0);
	tap_ok(last != NULL && strstr(last, "Produkt") != NULL, "the table's header is repeated on the last page");
	free(last);
	if (getenv("TEST_PDF_KEEP") != NULL)   /* to look at it: pdftoppm -png */
		rename(path, getenv("TEST_PDF_KEEP"));
	unlink(path);
}

static void to_file(void)
{
	struct pdf_opts o = { 0 };
	char err[256], path[512], *all;
	struct pdf_doc *d;

	snprintf(path, sizeof(path), "%s/file.pdf", tmpdir);
	o.path = path;
	d = pdf_open(&o, err, sizeof(err));
	if (!tap_ok(d != NULL, "a file document opens"))
		return;
	tap_ok(pdf_finish(d, err, sizeof(err)) == 0, "an empty document finishes");
	tap_is_long(pdf_pages(d), 1, "with one page");
	pdf_free(d);
	all = pdftext(path, 0, 0);
	tap_ok(all != NULL && strstr(all, "Page 1 / 1") != NULL, "its footer numbers it in English by default");
	free(all);
	unlink(path);

	o.path = "/nonexistent-dir/x.pdf";
	d = pdf_open(&o, err, sizeof(err));
	tap_ok(d == NULL && strstr(err, "/nonexistent-dir/x.pdf") != NULL,
	    "an unwritable path fails at open, naming it (%s)", err);
	pdf_free(d);
}

static void failures(void)
{
	struct pdf_opts o = { .max_bytes = 2000 };
	static const struct pdf_col none[] = { { "x", 0, PDF_LEFT } };
	char err[256];
	struct pdf_doc *d;
	size_t len;
	int i;

	d = pdf_open(&o, err, sizeof(err));
	for (i = 0; i < 40; i++)
		pdf_text(d, PDF_BODY, "Text that makes the PDF larger than two thousand bytes.");
	tap_ok(pdf_finish(d, err, sizeof(err)) == -1 && strstr(err, "larger than 2000") != NULL,
	    "the memory ceiling fails the document (%s)", err);
	tap_ok(pdf_data(d, &len) == NULL && len == 0, "and leaves no data");
	pdf_free(d);

	o.max_bytes = 0;
	d = pdf_open(&o, err, sizeof(err));
	pdf_markupf(d, PDF_BODY, "<b>%s", "unclosed");
	tap_ok(pdf_failed(d), "bad markup in the format fails the document");
	pdf_text(d, PDF_BODY, "ignored");
	tap_ok(pdf_finish(d, err, sizeof(err)) == -1 && strstr(err, "markup") != NULL,
	    "pdf_finish reports it (%s)", err);
	pdf_free(d);

	d = pdf_open(&o, err, sizeof(err));
	tap_ok(pdf_table_begin(d, none, 1) == -1, "a column without width is refused");
	tap_ok(pdf_finish(d, err, sizeof(err)) == -1 && strstr(err, "width") != NULL,
	    "and reported (%s)", err);
	pdf_free(d);
}

int main(void)
{
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	helpers();
	document();
	to_file();
	failures();
	rmdir(tmpdir);
	pdf_shutdown();
	return tap_done();
}
