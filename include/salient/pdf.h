/*
 * pdf.h - a small PDF drawing layer on cairo and pango (modules/report's
 * pdf*.c; the customer reports and the period module's report draw with
 * it): an A4 document that flows top to bottom (title block, headings, paragraphs, tables, a monthly
 * chart, progress bars, colour badges) and breaks pages by itself, with
 * "Page N / M" in every footer.  No FastCGI or MariaDB header: tests call it
 * directly (tests/unit/test_pdf.c).
 *
 * Text is set with pango in DejaVu Sans (fonts-dejavu-core), which has the
 * Latin, Danish and Cyrillic glyphs.  Every function that takes plain text
 * (const char *text) draws it as text, never as markup, so untrusted names
 * need no escaping; pdf_markupf() escapes its arguments itself
 * (g_markup_vprintf_escaped) and only its format is markup.  Text that is not
 * valid UTF-8 is drawn with U+FFFD in place of the bad bytes.
 *
 * Errors are sticky: a drawing call that fails (out of memory, a cairo
 * error, the memory ceiling) marks the document failed and later calls do
 * nothing; pdf_finish() then returns -1 with the reason.  So callers draw
 * without checking each call and check once at the end.
 *
 * Pages are recorded (cairo recording surfaces) and written to the PDF at
 * pdf_finish(), when the number of pages is known for the footers.
 */
#ifndef SALIENT_PDF_H
#define SALIENT_PDF_H

#include <stddef.h>

struct pdf_doc;

/* Largest PDF kept in memory unless pdf_opts.max_bytes says otherwise. */
#define PDF_MEM_MAX (32u * 1024u * 1024u)
/* Most columns of a table. */
#define PDF_MAX_COLS 12

struct pdf_opts {
	const char *path;       /* write to this file, or NULL: into memory */
	size_t max_bytes;       /* memory: ceiling of the PDF (0 = PDF_MEM_MAX) */
	const char *title;      /* the document's Title metadata, or NULL */
	const char *footer;     /* plain text at the left of every footer, or NULL */
	const char *page_word;  /* "Page" in the footer's "Page 2 / 5" (NULL = "Page") */
};

/*
 * Starts a document.  Returns NULL with the reason in err (the file cannot
 * be created, out of memory); free with pdf_free().
 */
struct pdf_doc *pdf_open(const struct pdf_opts *o, char *err, size_t errlen);

/*
 * Writes every page with its footer and finishes the PDF (a document with
 * nothing drawn gets one empty page).  Returns 0, or -1 with the reason in
 * err.  Call once; then pdf_data() for a memory document, and pdf_free().
 */
int pdf_finish(struct pdf_doc *d, char *err, size_t errlen);

/* The finished PDF of a memory document (borrowed, valid until pdf_free()),
 * or NULL before pdf_finish() or for a file document. */
const unsigned char *pdf_data(const struct pdf_doc *d, size_t *len);

/* Pages so far (after pdf_finish(): all of them). */
int pdf_pages(const struct pdf_doc *d);

/* True once a call failed (see above). */
int pdf_failed(const struct pdf_doc *d);

/* Frees d and everything it holds (NULL is fine); a file not finished is
 * left incomplete. */
void pdf_free(struct pdf_doc *d);

/*
 * Releases the font caches pango, cairo and fontconfig keep for the life of
 * the process (so a leak checker sees only real leaks).  For the end of
 * tests and tools: no document may be open, and none opened after it in
 * the same thread.
 */
void pdf_shutdown(void);

/* ---- flowing content ---- */

enum pdf_style {
	PDF_BODY,       /* 10 pt */
	PDF_SMALL,      /* 8.5 pt, grey */
	PDF_HEADING,    /* 14 pt bold, a rule below, kept with what follows */
	PDF_SUBHEADING, /* 11 pt bold */
	PDF_NSTYLES
};

/*
 * The title block at the top of the first page: title (e.g. "Customer
 * report"), the subject in large type (the customer's name), then lines of
 * small details (may be NULL or hold NULLs, nlines of them).
 */
void pdf_title_block(struct pdf_doc *d, const char *title, const char *subject,
    const char *const *lines, size_t nlines);

/* A paragraph of plain text in style, wrapped, split across pages by line. */
void pdf_text(struct pdf_doc *d, enum pdf_style style, const char *text);
#define pdf_heading(d, text) pdf_text((d), PDF_HEADING, (text))

/*
 * A paragraph from pango markup: fmt is trusted markup, every argument is
 * escaped (so "%s" of "<b>&" prints "<b>&").
 */
void pdf_markupf(struct pdf_doc *d, enum pdf_style style, const char *fmt, ...);

/* Vertical space in points (dropped at the top of a page). */
void pdf_space(struct pdf_doc *d, double pt);

/* Starts a new page unless at least pt points are left on this one. */
void pdf_need(struct pdf_doc *d, double pt);

/* ---- tables ---- */

enum pdf_align { PDF_LEFT, PDF_RIGHT, PDF_CENTER };

struct pdf_col {
	const char *title;      /* header text (NULL for no header row at all when
	                           every title is NULL) */
	double width;           /* share of the text width; shares are scaled to
	                           fill it */
	enum pdf_align align;   /* PDF_RIGHT for numbers */
};

/*
 * A table: pdf_table_begin() with the columns (copied), pdf_table_row() per
 * row with ncols cells of plain text (NULL = empty; at most three lines a
 * cell, then "..."), pdf_table_end().  A row that does not fit goes to a new
 * page, which repeats the header row.  Returns 0, or -1 (bad columns: the
 * document is marked failed).
 */
int pdf_table_begin(struct pdf_doc *d, const struct pdf_col *cols, size_t ncols);
void pdf_table_row(struct pdf_doc *d, const char *const *cells);
void pdf_table_end(struct pdf_doc *d);

/* ---- graphics ---- */

/*
 * A chart by month of two series: cur (this period, in colour) and prev (the
 * same months a year earlier, grey; may be NULL), n points each with the
 * x-axis labels (n <= 24), as bars side by side or as lines.  The y axis runs
 * from 0 (or the least value, if negative) to a round number above the
 * greatest, labelled by ytext (NULL: plain numbers).
 */
struct pdf_chart {
	size_t n;
	const char *const *labels;
	const double *cur;
	const double *prev;
	const char *cur_name;   /* legend; NULL = no legend entry */
	const char *prev_name;
	int bars;               /* 1 bars, 0 lines */
	double height;          /* points (0 = 190) */
	int (*ytext)(char *buf, size_t len, double v, const void *arg);
	const void *arg;
};
void pdf_chart_monthly(struct pdf_doc *d, const struct pdf_chart *c);

/*
 * The round axis for values up to max (> 0) in about five steps: the step
 * (1, 2, 2.5 or 5 times a power of ten) into *step and the top of the axis
 * (the least multiple of the step >= max) into *top.  Pure; for tests.
 */
void pdf_axis(double max, double *step, double *top);

/*
 * A progress bar with a label above it: fraction filled (0..1; more is drawn
 * full and in the "over" colour, less than 0 as 0), text at its right (e.g.
 * "62 %"), and a thin marker at mark (0..1; < 0 none), e.g. the share of
 * the period elapsed.
 */
void pdf_progress(struct pdf_doc *d, const char *label, double fraction,
    const char *text, double mark);

/*
 * A colour badge (text on colour "#rrggbb"; a bad colour is grey; the text
 * is white or black, whichever reads better) followed by a note wrapped at
 * its right (may be NULL).
 */
void pdf_badge_row(struct pdf_doc *d, const char *text, const char *colour,
    const char *note);

/* "#rrggbb" to 0..1 components; 0, or -1 when s is not such a colour. */
int pdf_colour(const char *s, double rgb[3]);

#endif
