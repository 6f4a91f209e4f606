/*
 * pdf.c - the PDF document: output to a file or a memory buffer, pages
 * (recorded, then written with their footers at the end), text set with
 * pango, the title block.  See pdf.h.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>

#include "pdf_int.h"

const double pdf_ink[3] = { 0.13, 0.15, 0.18 };
const double pdf_grey[3] = { 0.42, 0.45, 0.49 };
const double pdf_light[3] = { 0.93, 0.94, 0.95 };
const double pdf_accent[3] = { 0.05, 0.43, 0.99 };
const double pdf_accent_soft[3] = { 0.72, 0.76, 0.80 };
const double pdf_over[3] = { 0.10, 0.53, 0.33 };

static const struct {
	double size;
	PangoWeight weight;
	const double *rgb;
} styles[PDF_NSTYLES] = {
	[PDF_BODY] = { 10.0, PANGO_WEIGHT_NORMAL, pdf_ink },
	[PDF_SMALL] = { 8.5, PANGO_WEIGHT_NORMAL, pdf_grey },
	[PDF_HEADING] = { 14.0, PANGO_WEIGHT_BOLD, pdf_ink },
	[PDF_SUBHEADING] = { 11.0, PANGO_WEIGHT_BOLD, pdf_ink },
};

void pdf_fail(struct pdf_doc *d, const char *fmt, ...)
{
	va_list ap;

	if (d->failed)
		return;
	d->failed = 1;
	va_start(ap, fmt);
	vsnprintf(d->err, sizeof(d->err), fmt, ap);
	va_end(ap);
}

/* cairo's write callback for a memory document: grows up to the ceiling. */
static cairo_status_t mem_write(void *closure, const unsigned char *data, unsigned int len)
{
	struct pdf_mem *m = closure;
	size_t cap;
	unsigned char *nb;

	if (len > m->max - m->len) {
		m->over = 1;
		return CAIRO_STATUS_WRITE_ERROR;
	}
	if (m->len + len > m->cap) {
		cap = m->cap ? m->cap : 64 * 1024;
		while (cap < m->len + len)
			cap = cap > m->max / 2 ? m->max : cap * 2;
		if ((nb = realloc(m->buf, cap)) == NULL)
			return CAIRO_STATUS_NO_MEMORY;
		m->buf = nb;
		m->cap = cap;
	}
	memcpy(m->buf + m->len, data, len);
	m->len += len;
	return CAIRO_STATUS_SUCCESS;
}

static char *dup_or_null(const char *s)
{
	return s != NULL ? g_utf8_make_valid(s, -1) : NULL;
}

struct pdf_doc *pdf_open(const struct pdf_opts *o, char *err, size_t errlen)
{
	struct pdf_doc *d;
	cairo_font_options_t *fo = NULL;
	PangoFontMap *fm;

	if ((d = calloc(1, sizeof(*d))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	d->to_mem = o->path == NULL;
	d->mem.max = o->max_bytes ? o->max_bytes : PDF_MEM_MAX;
	if (d->to_mem)
		d->pdf = cairo_pdf_surface_create_for_stream(mem_write, &d->mem, PDF_W, PDF_H);
	else
		d->pdf = cairo_pdf_surface_create(o->path, PDF_W, PDF_H);
	if (cairo_surface_status(d->pdf) != CAIRO_STATUS_SUCCESS) {
		snprintf(err, errlen, "%s: %s", o->path ? o->path : "memory",
		    cairo_status_to_string(cairo_surface_status(d->pdf)));
		goto fail;
	}
	cairo_pdf_surface_restrict_to_version(d->pdf, CAIRO_PDF_VERSION_1_5);
	cairo_pdf_surface_set_metadata(d->pdf, CAIRO_PDF_METADATA_CREATOR, "Salient");
	if (o->title != NULL) {
		char *t = g_utf8_make_valid(o->title, -1);

		cairo_pdf_surface_set_metadata(d->pdf, CAIRO_PDF_METADATA_TITLE, t);
		g_free(t);
	}
	/* one context for every layout: 72 dpi, so a 10 pt font is 10 units */
	fm = pango_cairo_font_map_get_default();
	if ((d->pc = pango_font_map_create_context(fm)) == NULL)
		goto nomem;
	pango_cairo_context_set_resolution(d->pc, 72.0);
	if ((fo = cairo_font_options_create()) == NULL)
		goto nomem;
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(d->pc, fo);
	cairo_font_options_destroy(fo);
	d->footer = dup_or_null(o->footer);
	d->page_word = dup_or_null(o->page_word ? o->page_word : "Page");
	if (d->page_word == NULL || (o->footer != NULL && d->footer == NULL))
		goto nomem;
	return d;
nomem:
	snprintf(err, errlen, "out of memory");
fail:
	pdf_free(d);
	return NULL;
}

/* Ends the current page's recording. */
static void end_page(struct pdf_doc *d)
{
	if (d->cr == NULL)
		return;
	if (cairo_status(d->cr) != CAIRO_STATUS_SUCCESS)
		pdf_fail(d, "drawing page %zu: %s", d->npages,
		    cairo_status_to_string(cairo_status(d->cr)));
	cairo_destroy(d->cr);
	d->cr = NULL;
}

int pdf_new_page(struct pdf_doc *d)
{
	cairo_rectangle_t ext = { 0, 0, PDF_W, PDF_H };
	cairo_surface_t *rec, **np;

	if (d->failed)
		return -1;
	end_page(d);
	if (d->npages == d->cappages) {
		size_t cap = d->cappages ? d->cappages * 2 : 8;

		if ((np = realloc(d->pages, cap * sizeof(*np))) == NULL) {
			pdf_fail(d, "out of memory");
			return -1;
		}
		d->pages = np;
		d->cappages = cap;
	}
	rec = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &ext);
	if (cairo_surface_status(rec) != CAIRO_STATUS_SUCCESS) {
		pdf_fail(d, "new page: %s", cairo_status_to_string(cairo_surface_status(rec)));
		cairo_surface_destroy(rec);
		return -1;
	}
	d->pages[d->npages++] = rec;
	d->cr = cairo_create(rec);
	if (cairo_status(d->cr) != CAIRO_STATUS_SUCCESS) {
		pdf_fail(d, "new page: %s", cairo_status_to_string(cairo_status(d->cr)));
		return -1;
	}
	d->y = PDF_TOP_Y;
	d->at_top = 1;
	return 0;
}

cairo_t *pdf_cr(struct pdf_doc *d)
{
	if (d->failed || d->finished)
		return NULL;
	if (d->cr == NULL && pdf_new_page(d) != 0)
		return NULL;
	return d->cr;
}

static PangoLayout *layout_new(struct pdf_doc *d, enum pdf_style style, double width)
{
	PangoFontDescription *fd;
	PangoLayout *l;

	if (d->failed)
		return NULL;
	if ((int)style < 0 || style >= PDF_NSTYLES)
		style = PDF_BODY;
	if ((l = pango_layout_new(d->pc)) == NULL ||
	    (fd = pango_font_description_new()) == NULL) {
		if (l != NULL)
			g_object_unref(l);
		pdf_fail(d, "out of memory");
		return NULL;
	}
	pango_font_description_set_family(fd, PDF_FONT);
	pango_font_description_set_size(fd, (gint)(styles[style].size * PANGO_SCALE));
	pango_font_description_set_weight(fd, styles[style].weight);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	if (width > 0) {
		pango_layout_set_width(l, (int)(width * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	}
	return l;
}

PangoLayout *pdf_layout(struct pdf_doc *d, enum pdf_style style, const char *text,
    double width)
{
	PangoLayout *l = layout_new(d, style, width);
	char *valid;

	if (l == NULL)
		return NULL;
	if ((valid = g_utf8_make_valid(text ? text : "", -1)) == NULL) {
		g_object_unref(l);
		pdf_fail(d, "out of memory");
		return NULL;
	}
	pango_layout_set_text(l, valid, -1);
	g_free(valid);
	return l;
}

PangoLayout *pdf_layout_markup(struct pdf_doc *d, enum pdf_style style,
    const char *markup, double width)
{
	PangoLayout *l = layout_new(d, style, width);
	GError *gerr = NULL;

	if (l == NULL)
		return NULL;
	if (!g_utf8_validate(markup, -1, NULL) ||
	    !pango_parse_markup(markup, -1, 0, NULL, NULL, NULL, &gerr)) {
		pdf_fail(d, "bad markup: %s", gerr ? gerr->message : "not UTF-8");
		g_clear_error(&gerr);
		g_object_unref(l);
		return NULL;
	}
	pango_layout_set_markup(l, markup, -1);
	return l;
}

void pdf_layout_size(PangoLayout *l, double *w, double *h)
{
	int pw, ph;

	pango_layout_get_size(l, &pw, &ph);
	if (w != NULL)
		*w = (double)pw / PANGO_SCALE;
	if (h != NULL)
		*h = (double)ph / PANGO_SCALE;
}

void pdf_show(cairo_t *cr, PangoLayout *l, double x, double y, const double rgb[3])
{
	cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
	cairo_move_to(cr, x, y);
	pango_cairo_show_layout(cr, l);
}

void pdf_need(struct pdf_doc *d, double pt)
{
	if (pdf_cr(d) == NULL)
		return;
	if (!d->at_top && d->y + pt > PDF_BOTTOM_Y)
		pdf_new_page(d);
}

void pdf_space(struct pdf_doc *d, double pt)
{
	if (pdf_cr(d) == NULL || d->at_top)
		return;
	d->y += pt;
	if (d->y > PDF_BOTTOM_Y)
		pdf_new_page(d);
}

/* Draws a laid-out paragraph line by line, breaking pages between lines. */
static void flow_layout(struct pdf_doc *d, PangoLayout *l, const double rgb[3])
{
	PangoLayoutIter *it = pango_layout_get_iter(l);
	double offset = 0;
	int first = 1;

	do {
		PangoRectangle lr;
		double top, h, base;

		pango_layout_iter_get_line_extents(it, NULL, &lr);
		top = (double)lr.y / PANGO_SCALE;
		h = (double)lr.height / PANGO_SCALE;
		base = (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE;
		if (first)
			offset = top;
		first = 0;
		if (d->y + (top - offset) + h > PDF_BOTTOM_Y && !d->at_top) {
			d->y += top - offset;
			if (pdf_new_page(d) != 0)
				break;
			offset = top;
		}
		cairo_set_source_rgb(d->cr, rgb[0], rgb[1], rgb[2]);
		cairo_move_to(d->cr, PDF_LEFT_X + (double)lr.x / PANGO_SCALE,
		    d->y + base - offset);
		pango_cairo_show_layout_line(d->cr, pango_layout_iter_get_line_readonly(it));
		d->at_top = 0;
		if (!pango_layout_iter_next_line(it)) {
			d->y += top - offset + h;
			break;
		}
	} while (1);
	pango_layout_iter_free(it);
}

/* Headings: space above, kept with 80 points of what follows, a rule below. */
static void heading(struct pdf_doc *d, enum pdf_style style, PangoLayout *l)
{
	double h;

	pdf_layout_size(l, NULL, &h);
	pdf_space(d, style == PDF_HEADING ? 14 : 8);
	pdf_need(d, h + 80);
	if (d->failed)
		return;
	pdf_show(d->cr, l, PDF_LEFT_X, d->y, styles[style].rgb);
	d->y += h;
	d->at_top = 0;
	if (style == PDF_HEADING) {
		cairo_set_source_rgb(d->cr, pdf_accent[0], pdf_accent[1], pdf_accent[2]);
		cairo_set_line_width(d->cr, 1.2);
		cairo_move_to(d->cr, PDF_LEFT_X, d->y + 3);
		cairo_line_to(d->cr, PDF_RIGHT_X, d->y + 3);
		cairo_stroke(d->cr);
		d->y += 9;
	} else {
		d->y += 3;
	}
}

static void paragraph(struct pdf_doc *d, enum pdf_style style, PangoLayout *l)
{
	if (l == NULL || pdf_cr(d) == NULL)
		return;
	if (style == PDF_HEADING || style == PDF_SUBHEADING)
		heading(d, style, l);
	else {
		flow_layout(d, l, styles[style].rgb);
		d->y += 4;
	}
}

void pdf_text(struct pdf_doc *d, enum pdf_style style, const char *text)
{
	PangoLayout *l;

	if (pdf_cr(d) == NULL)
		return;
	if ((int)style < 0 || style >= PDF_NSTYLES)
		style = PDF_BODY;
	if ((l = pdf_layout(d, style, text, PDF_TEXT_W)) == NULL)
		return;
	paragraph(d, style, l);
	g_object_unref(l);
}

void pdf_markupf(struct pdf_doc *d, enum pdf_style style, const char *fmt, ...)
{
	PangoLayout *l;
	va_list ap;
	char *m;

	if (pdf_cr(d) == NULL)
		return;
	if ((int)style < 0 || style >= PDF_NSTYLES)
		style = PDF_BODY;
	va_start(ap, fmt);
	m = g_markup_vprintf_escaped(fmt, ap);
	va_end(ap);
	if (m == NULL) {
		pdf_fail(d, "out of memory");
		return;
	}
	l = pdf_layout_markup(d, style, m, PDF_TEXT_W);
	g_free(m);
	if (l == NULL)
		return;
	paragraph(d, style, l);
	g_object_unref(l);
}

void pdf_title_block(struct pdf_doc *d, const char *title, const char *subject,
    const char *const *lines, size_t nlines)
{
	PangoLayout *l;
	PangoFontDescription *fd;
	double h;
	size_t i;

	if (pdf_cr(d) == NULL)
		return;
	cairo_set_source_rgb(d->cr, pdf_accent[0], pdf_accent[1], pdf_accent[2]);
	cairo_rectangle(d->cr, PDF_LEFT_X, d->y, PDF_TEXT_W, 4);
	cairo_fill(d->cr);
	d->y += 12;
	if ((l = pdf_layout(d, PDF_SUBHEADING, title, PDF_TEXT_W)) == NULL)
		return;
	pdf_show(d->cr, l, PDF_LEFT_X, d->y, pdf_grey);
	pdf_layout_size(l, NULL, &h);
	g_object_unref(l);
	d->y += h + 2;
	if ((l = pdf_layout(d, PDF_HEADING, subject, PDF_TEXT_W)) == NULL)
		return;
	fd = pango_font_description_copy(pango_layout_get_font_description(l));
	pango_font_description_set_size(fd, 22 * PANGO_SCALE);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pdf_show(d->cr, l, PDF_LEFT_X, d->y, pdf_ink);
	pdf_layout_size(l, NULL, &h);
	g_object_unref(l);
	d->y += h + 4;
	d->at_top = 0;
	for (i = 0; lines != NULL && i < nlines; i++)
		if (lines[i] != NULL && lines[i][0] != '\0')
			pdf_text(d, PDF_SMALL, lines[i]);
	d->y += 6;
}

/* The footer of page n of total, drawn on the PDF itself. */
static void footer(struct pdf_doc *d, cairo_t *cr, int n, int total)
{
	PangoLayout *l;
	char num[96];
	double w;

	cairo_set_source_rgb(cr, pdf_light[0] * 0.9, pdf_light[1] * 0.9, pdf_light[2] * 0.9);
	cairo_set_line_width(cr, 0.6);
	cairo_move_to(cr, PDF_LEFT_X, PDF_FOOTER_Y - 6);
	cairo_line_to(cr, PDF_RIGHT_X, PDF_FOOTER_Y - 6);
	cairo_stroke(cr);
	if (d->footer != NULL && (l = pdf_layout(d, PDF_SMALL, d->footer, 0)) != NULL) {
		pango_layout_set_width(l, (int)(PDF_TEXT_W * 0.7 * PANGO_SCALE));
		pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
		pdf_show(cr, l, PDF_LEFT_X, PDF_FOOTER_Y, pdf_grey);
		g_object_unref(l);
	}
	snprintf(num, sizeof(num), "%s %d / %d", d->page_word, n, total);
	if ((l = pdf_layout(d, PDF_SMALL, num, 0)) != NULL) {
		pdf_layout_size(l, &w, NULL);
		pdf_show(cr, l, PDF_RIGHT_X - w, PDF_FOOTER_Y, pdf_grey);
		g_object_unref(l);
	}
}

int pdf_finish(struct pdf_doc *d, char *err, size_t errlen)
{
	cairo_t *cr = NULL;
	size_t i;

	if (d->finished) {
		snprintf(err, errlen, "the document is finished already");
		return -1;
	}
	if (d->npages == 0)
		pdf_new_page(d);
	end_page(d);
	if (!d->failed) {
		cr = cairo_create(d->pdf);
		for (i = 0; i < d->npages && !d->failed; i++) {
			cairo_set_source_surface(cr, d->pages[i], 0, 0);
			cairo_paint(cr);
			footer(d, cr, (int)i + 1, (int)d->npages);
			cairo_show_page(cr);
			if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
				pdf_fail(d, "page %zu: %s", i + 1, cairo_status_to_string(cairo_status(cr)));
		}
		cairo_destroy(cr);
	}
	cairo_surface_finish(d->pdf);
	d->finished = 1;
	if (!d->failed && d->mem.over)
		pdf_fail(d, "the PDF is larger than %zu bytes", d->mem.max);
	if (!d->failed && cairo_surface_status(d->pdf) != CAIRO_STATUS_SUCCESS)
		pdf_fail(d, "writing the PDF: %s",
		    cairo_status_to_string(cairo_surface_status(d->pdf)));
	if (d->failed) {
		snprintf(err, errlen, "%s", d->err);
		return -1;
	}
	return 0;
}

const unsigned char *pdf_data(const struct pdf_doc *d, size_t *len)
{
	if (d == NULL || !d->to_mem || !d->finished || d->failed) {
		*len = 0;
		return NULL;
	}
	*len = d->mem.len;
	return d->mem.buf;
}

int pdf_pages(const struct pdf_doc *d)
{
	return (int)d->npages;
}

int pdf_failed(const struct pdf_doc *d)
{
	return d->failed;
}

void pdf_free(struct pdf_doc *d)
{
	size_t i;

	if (d == NULL)
		return;
	if (d->cr != NULL)
		cairo_destroy(d->cr);
	for (i = 0; i < d->npages; i++)
		cairo_surface_destroy(d->pages[i]);
	free(d->pages);
	for (i = 0; i < PDF_MAX_COLS; i++)
		g_free(d->t.titles[i]);
	if (d->pdf != NULL)
		cairo_surface_destroy(d->pdf);
	if (d->pc != NULL)
		g_object_unref(d->pc);
	g_free(d->footer);
	g_free(d->page_word);
	free(d->mem.buf);
	free(d);
}

void pdf_shutdown(void)
{
	pango_cairo_font_map_set_default(NULL);
	cairo_debug_reset_static_data();
	FcFini();
}
