/*
 * pdf_int.h - private to the PDF layer (pdf.c, pdf_table.c, pdf_chart.c):
 * the document and the helpers its parts share.
 */
#ifndef REPORT_PDF_INT_H
#define REPORT_PDF_INT_H

#include <cairo.h>
#include <pango/pangocairo.h>

#include "salient/pdf.h"

/* A4 in points, and the text area. */
#define PDF_W 595.276
#define PDF_H 841.890
#define PDF_LEFT_X 50.0
#define PDF_RIGHT_X (PDF_W - 50.0)
#define PDF_TEXT_W (PDF_RIGHT_X - PDF_LEFT_X)
#define PDF_TOP_Y 54.0
#define PDF_BOTTOM_Y (PDF_H - 64.0)
#define PDF_FOOTER_Y (PDF_H - 36.0)

#define PDF_FONT "DejaVu Sans"

struct pdf_mem {
	unsigned char *buf;
	size_t len, cap, max;
	int over;               /* the ceiling was reached */
};

struct pdf_table {
	int open;
	size_t ncols;
	struct pdf_col cols[PDF_MAX_COLS];
	char *titles[PDF_MAX_COLS];
	double x[PDF_MAX_COLS], w[PDF_MAX_COLS];
	int header;             /* has a header row */
	int rows;               /* rows drawn (for the stripes) */
};

struct pdf_doc {
	cairo_surface_t *pdf;
	struct pdf_mem mem;
	int to_mem, finished;
	PangoContext *pc;
	cairo_surface_t **pages;
	size_t npages, cappages;
	cairo_t *cr;            /* the current page's recording, or NULL */
	double y;               /* the cursor, from the page's top */
	int at_top;             /* nothing drawn on this page yet */
	char *footer, *page_word;
	struct pdf_table t;
	int failed;
	char err[256];
};

/* Marks the document failed with a reason (the first one is kept). */
void pdf_fail(struct pdf_doc *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* The current page's cairo context, starting the first page; NULL when the
 * document failed. */
cairo_t *pdf_cr(struct pdf_doc *d);
/* Ends this page and starts the next one; 0 or -1 (failed). */
int pdf_new_page(struct pdf_doc *d);
/* A layout of plain text in style, width points wide (<= 0: no wrapping);
 * NULL when the document failed.  Free with g_object_unref(). */
PangoLayout *pdf_layout(struct pdf_doc *d, enum pdf_style style, const char *text,
    double width);
/* The same for pango markup (already escaped). */
PangoLayout *pdf_layout_markup(struct pdf_doc *d, enum pdf_style style,
    const char *markup, double width);
/* A layout's logical size in points. */
void pdf_layout_size(PangoLayout *l, double *w, double *h);
/* Draws l with its top-left corner at (x, y) in colour rgb. */
void pdf_show(cairo_t *cr, PangoLayout *l, double x, double y, const double rgb[3]);

/* The palette. */
extern const double pdf_ink[3], pdf_grey[3], pdf_light[3], pdf_accent[3],
    pdf_accent_soft[3], pdf_over[3];

#endif
