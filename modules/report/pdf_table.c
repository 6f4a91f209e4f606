/*
 * pdf_table.c - tables of the PDF layer: column widths as shares of the
 * text width, right-aligned numbers, rows that wrap to at most three lines,
 * and page breaks that repeat the header row.  See pdf.h.
 */
#include <string.h>

#include "pdf_int.h"

#define PAD_X 4.0
#define PAD_Y 3.0
#define CELL_LINES 3

static PangoLayout *cell_layout(struct pdf_doc *d, enum pdf_style style, const char *text,
    double width, enum pdf_align align)
{
	PangoLayout *l = pdf_layout(d, style, text, width);

	if (l == NULL)
		return NULL;
	pango_layout_set_height(l, -CELL_LINES);
	pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
	pango_layout_set_alignment(l, align == PDF_RIGHT ? PANGO_ALIGN_RIGHT :
	    align == PDF_CENTER ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
	return l;
}

/*
 * Lays out one row (header when titles); draws it when draw, else only
 * measures.  Returns the row's height, or -1 (failed).
 */
static double row(struct pdf_doc *d, const char *const *cells, int header, int draw)
{
	struct pdf_table *t = &d->t;
	PangoLayout *l[PDF_MAX_COLS] = { NULL };
	double h = 0, ch;
	size_t i;

	for (i = 0; i < t->ncols; i++) {
		l[i] = cell_layout(d, header ? PDF_SMALL : PDF_BODY, cells[i],
		    t->w[i] - 2 * PAD_X, t->cols[i].align);
		if (l[i] == NULL)
			goto fail;
		if (header) {
			PangoAttrList *al = pango_attr_list_new();

			pango_attr_list_insert(al, pango_attr_weight_new(PANGO_WEIGHT_BOLD));
			pango_layout_set_attributes(l[i], al);
			pango_attr_list_unref(al);
		}
		pdf_layout_size(l[i], NULL, &ch);
		if (ch > h)
			h = ch;
	}
	h += 2 * PAD_Y;
	if (draw) {
		cairo_t *cr = d->cr;

		if (header || t->rows % 2 == 1) {
			if (header)
				cairo_set_source_rgb(cr, pdf_light[0], pdf_light[1], pdf_light[2]);
			else
				cairo_set_source_rgb(cr, 0.975, 0.98, 0.985);
			cairo_rectangle(cr, PDF_LEFT_X, d->y, PDF_TEXT_W, h);
			cairo_fill(cr);
		}
		for (i = 0; i < t->ncols; i++)
			pdf_show(cr, l[i], t->x[i] + PAD_X, d->y + PAD_Y, header ? pdf_grey : pdf_ink);
		cairo_set_source_rgb(cr, 0.85, 0.87, 0.89);
		cairo_set_line_width(cr, header ? 0.8 : 0.4);
		cairo_move_to(cr, PDF_LEFT_X, d->y + h);
		cairo_line_to(cr, PDF_RIGHT_X, d->y + h);
		cairo_stroke(cr);
		d->y += h;
		d->at_top = 0;
	}
	for (i = 0; i < t->ncols; i++)
		g_object_unref(l[i]);
	return h;
fail:
	for (i = 0; i < t->ncols; i++)
		if (l[i] != NULL)
			g_object_unref(l[i]);
	return -1;
}

static void header_row(struct pdf_doc *d)
{
	if (d->t.header)
		row(d, (const char *const *)d->t.titles, 1, 1);
}

int pdf_table_begin(struct pdf_doc *d, const struct pdf_col *cols, size_t ncols)
{
	struct pdf_table *t = &d->t;
	double sum = 0, x = PDF_LEFT_X, hh = 0, rh;
	size_t i;

	if (pdf_cr(d) == NULL)
		return -1;
	if (t->open || ncols == 0 || ncols > PDF_MAX_COLS) {
		pdf_fail(d, "table: %s", t->open ? "a table is open already" : "1 to 12 columns");
		return -1;
	}
	for (i = 0; i < ncols; i++) {
		if (!(cols[i].width > 0)) {
			pdf_fail(d, "table: column %zu has no width", i + 1);
			return -1;
		}
		sum += cols[i].width;
	}
	memset(t->cols, 0, sizeof(t->cols));
	t->ncols = ncols;
	t->header = 0;
	t->rows = 0;
	for (i = 0; i < ncols; i++) {
		t->cols[i] = cols[i];
		g_free(t->titles[i]);
		t->titles[i] = g_strdup(cols[i].title ? cols[i].title : "");
		t->cols[i].title = NULL;
		if (cols[i].title != NULL)
			t->header = 1;
		t->w[i] = PDF_TEXT_W * cols[i].width / sum;
		t->x[i] = x;
		x += t->w[i];
	}
	t->open = 1;
	/* the header and one body row stay together */
	if (t->header && (hh = row(d, (const char *const *)t->titles, 1, 0)) < 0)
		return -1;
	rh = 2 * PAD_Y + 13;
	pdf_need(d, hh + rh);
	header_row(d);
	return d->failed ? -1 : 0;
}

void pdf_table_row(struct pdf_doc *d, const char *const *cells)
{
	double h;

	if (!d->t.open || pdf_cr(d) == NULL)
		return;
	if ((h = row(d, cells, 0, 0)) < 0)
		return;
	if (d->y + h > PDF_BOTTOM_Y && !d->at_top) {
		if (pdf_new_page(d) != 0)
			return;
		header_row(d);
	}
	row(d, cells, 0, 1);
	d->t.rows++;
}

void pdf_table_end(struct pdf_doc *d)
{
	d->t.open = 0;
	if (pdf_cr(d) != NULL)
		d->y += 8;
}
