/*
 * pdf_chart.c - the graphics of the PDF layer: the monthly chart with two
 * series, progress bars and colour badges.  See pdf.h.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "pdf_int.h"

#define CHART_MAX_N 24

void pdf_axis(double max, double *step, double *top)
{
	static const double nice[] = { 1, 2, 2.5, 5, 10 };
	double raw, mag, f;
	size_t i;

	if (!(max > 0) || !isfinite(max))
		max = 1;
	raw = max / 5;
	mag = pow(10, floor(log10(raw)));
	f = raw / mag;
	for (i = 0; i + 1 < sizeof(nice) / sizeof(nice[0]) && nice[i] < f - 1e-9; i++)
		;
	*step = nice[i] * mag;
	*top = ceil(max / *step - 1e-9) * *step;
}

int pdf_colour(const char *s, double rgb[3])
{
	unsigned v[3];
	size_t i;

	if (s == NULL || strlen(s) != 7 || s[0] != '#')
		return -1;
	for (i = 1; i < 7; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f') ||
		    (s[i] >= 'A' && s[i] <= 'F')))
			return -1;
	if (sscanf(s + 1, "%2x%2x%2x", &v[0], &v[1], &v[2]) != 3)
		return -1;
	for (i = 0; i < 3; i++)
		rgb[i] = v[i] / 255.0;
	return 0;
}

static int plain_number(char *buf, size_t len, double v, const void *arg)
{
	(void)arg;
	snprintf(buf, len, "%.10g", v);
	return 0;
}

/* A small text at (x, y): aligned left, right or centred on x. */
static double label(struct pdf_doc *d, const char *text, double x, double y,
    enum pdf_align align, double width)
{
	PangoLayout *l = pdf_layout(d, PDF_SMALL, text, width);
	double w, h;

	if (l == NULL)
		return 0;
	if (width > 0)
		pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
	pdf_layout_size(l, &w, &h);
	if (align == PDF_RIGHT)
		x -= w;
	else if (align == PDF_CENTER)
		x -= w / 2;
	pdf_show(d->cr, l, x, y, pdf_grey);
	g_object_unref(l);
	return h;
}

static double text_width(struct pdf_doc *d, const char *text)
{
	PangoLayout *l = pdf_layout(d, PDF_SMALL, text, 0);
	double w = 0;

	if (l != NULL) {
		pdf_layout_size(l, &w, NULL);
		g_object_unref(l);
	}
	return w;
}

static void legend_entry(struct pdf_doc *d, double *x, double y, const double rgb[3],
    const char *name)
{
	if (name == NULL)
		return;
	cairo_set_source_rgb(d->cr, rgb[0], rgb[1], rgb[2]);
	cairo_rectangle(d->cr, *x, y + 3, 8, 8);
	cairo_fill(d->cr);
	label(d, name, *x + 12, y, PDF_LEFT, 0);
	*x += 12 + text_width(d, name) + 16;
}

static void series_line(cairo_t *cr, const double *v, size_t n, double x0, double slot,
    double (*ymap)(double, const double *), const double *m, const double rgb[3],
    int dashed)
{
	static const double dash[] = { 4, 3 };
	size_t i;

	cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
	cairo_set_line_width(cr, 1.6);
	cairo_set_dash(cr, dash, dashed ? 2 : 0, 0);
	for (i = 0; i < n; i++) {
		double x = x0 + slot * (i + 0.5), y = ymap(v[i], m);

		if (i == 0)
			cairo_move_to(cr, x, y);
		else
			cairo_line_to(cr, x, y);
	}
	cairo_stroke(cr);
	cairo_set_dash(cr, dash, 0, 0);
	for (i = 0; i < n; i++) {
		cairo_arc(cr, x0 + slot * (i + 0.5), ymap(v[i], m), 2.2, 0, 2 * M_PI);
		cairo_fill(cr);
	}
}

/* m = {bottom y, top y, low value, high value} */
static double ymap(double v, const double *m)
{
	return m[0] - (v - m[2]) / (m[3] - m[2]) * (m[0] - m[1]);
}

void pdf_chart_monthly(struct pdf_doc *d, const struct pdf_chart *c)
{
	int (*ytext)(char *, size_t, double, const void *) = c->ytext ? c->ytext : plain_number;
	double height = c->height > 0 ? c->height : 190;
	double hi = 0, lo = 0, step, top, bottom, v, yw = 0, m[4], slot, x0, y0, lx;
	char buf[96];
	size_t i, k;
	cairo_t *cr;

	if (pdf_cr(d) == NULL)
		return;
	if (c->n == 0 || c->n > CHART_MAX_N || c->cur == NULL || c->labels == NULL) {
		pdf_fail(d, "chart: 1 to %d points with labels", CHART_MAX_N);
		return;
	}
	for (i = 0; i < c->n; i++)
		for (k = 0; k < 2; k++) {
			const double *s = k == 0 ? c->cur : c->prev;

			if (s == NULL || !isfinite(s[i]))
				continue;
			if (s[i] > hi)
				hi = s[i];
			if (s[i] < lo)
				lo = s[i];
		}
	pdf_axis(hi > 0 ? hi : 1, &step, &top);
	bottom = lo < 0 ? -ceil(-lo / step - 1e-9) * step : 0;
	pdf_need(d, height + 10);
	if (d->failed)
		return;
	cr = d->cr;
	y0 = d->y;
	/* legend */
	lx = PDF_LEFT_X;
	legend_entry(d, &lx, y0, pdf_accent, c->cur_name);
	if (c->prev != NULL)
		legend_entry(d, &lx, y0, pdf_accent_soft, c->prev_name);
	/* y labels: the widest decides where the plot starts */
	for (v = bottom; v <= top + step / 2; v += step) {
		if (ytext(buf, sizeof(buf), v, c->arg) == 0 && text_width(d, buf) > yw)
			yw = text_width(d, buf);
	}
	x0 = PDF_LEFT_X + yw + 6;
	slot = (PDF_RIGHT_X - x0) / (double)c->n;
	m[1] = y0 + 22;
	m[0] = y0 + height - 26;
	m[2] = bottom;
	m[3] = top;
	cairo_set_line_width(cr, 0.5);
	for (v = bottom; v <= top + step / 2; v += step) {
		double y = ymap(v, m);

		cairo_set_source_rgb(cr, 0.88, 0.89, 0.90);
		cairo_move_to(cr, x0, y);
		cairo_line_to(cr, PDF_RIGHT_X, y);
		cairo_stroke(cr);
		if (ytext(buf, sizeof(buf), v, c->arg) == 0)
			label(d, buf, x0 - 4, y - 5, PDF_RIGHT, 0);
	}
	/* each month's label wraps within its slot, with a gap to the next */
	for (i = 0; i < c->n; i++)
		label(d, c->labels[i] ? c->labels[i] : "", x0 + slot * i + 2, m[0] + 3, PDF_LEFT,
		    slot - 4);
	if (c->bars) {
		double bw = c->prev ? slot * 0.36 : slot * 0.6, base = ymap(0, m);

		for (i = 0; i < c->n; i++) {
			double sx = x0 + slot * i + (slot - (c->prev ? 2 * bw : bw)) / 2;

			if (c->prev != NULL && isfinite(c->prev[i])) {
				cairo_set_source_rgb(cr, pdf_accent_soft[0], pdf_accent_soft[1], pdf_accent_soft[2]);
				cairo_rectangle(cr, sx, fmin(base, ymap(c->prev[i], m)), bw,
				    fabs(base - ymap(c->prev[i], m)));
				cairo_fill(cr);
				sx += bw;
			}
			if (isfinite(c->cur[i])) {
				cairo_set_source_rgb(cr, pdf_accent[0], pdf_accent[1], pdf_accent[2]);
				cairo_rectangle(cr, sx, fmin(base, ymap(c->cur[i], m)), bw,
				    fabs(base - ymap(c->cur[i], m)));
				cairo_fill(cr);
			}
		}
	} else {
		if (c->prev != NULL)
			series_line(cr, c->prev, c->n, x0, slot, ymap, m, pdf_accent_soft, 1);
		series_line(cr, c->cur, c->n, x0, slot, ymap, m, pdf_accent, 0);
	}
	cairo_set_source_rgb(cr, pdf_grey[0], pdf_grey[1], pdf_grey[2]);
	cairo_set_line_width(cr, 0.8);
	cairo_move_to(cr, x0, ymap(0, m));
	cairo_line_to(cr, PDF_RIGHT_X, ymap(0, m));
	cairo_stroke(cr);
	d->y = y0 + height + 6;
	d->at_top = 0;
}

void pdf_progress(struct pdf_doc *d, const char *label_text, double fraction,
    const char *text, double mark)
{
	const double bar_h = 10;
	double tw = 0, th = 0, w, f = fraction, lh = 0;
	PangoLayout *l = NULL, *t = NULL;
	cairo_t *cr;

	if (pdf_cr(d) == NULL)
		return;
	if (label_text != NULL && (l = pdf_layout(d, PDF_BODY, label_text, PDF_TEXT_W)) == NULL)
		return;
	if (text != NULL && (t = pdf_layout(d, PDF_BODY, text, 0)) == NULL)
		goto out;
	if (l != NULL)
		pdf_layout_size(l, NULL, &lh);
	if (t != NULL)
		pdf_layout_size(t, &tw, &th);
	pdf_need(d, lh + bar_h + 12);
	if (d->failed)
		goto out;
	cr = d->cr;
	if (l != NULL) {
		pdf_show(cr, l, PDF_LEFT_X, d->y, pdf_ink);
		d->y += lh + 2;
	}
	w = PDF_TEXT_W - (tw > 0 ? tw + 10 : 0);
	if (!(f > 0) || !isfinite(f))
		f = 0;
	cairo_set_source_rgb(cr, pdf_light[0], pdf_light[1], pdf_light[2]);
	cairo_rectangle(cr, PDF_LEFT_X, d->y, w, bar_h);
	cairo_fill(cr);
	if (f > 1)
		cairo_set_source_rgb(cr, pdf_over[0], pdf_over[1], pdf_over[2]);
	else
		cairo_set_source_rgb(cr, pdf_accent[0], pdf_accent[1], pdf_accent[2]);
	cairo_rectangle(cr, PDF_LEFT_X, d->y, w * fmin(f, 1), bar_h);
	cairo_fill(cr);
	if (mark >= 0 && mark <= 1) {
		cairo_set_source_rgb(cr, pdf_ink[0], pdf_ink[1], pdf_ink[2]);
		cairo_set_line_width(cr, 1.2);
		cairo_move_to(cr, PDF_LEFT_X + w * mark, d->y - 2);
		cairo_line_to(cr, PDF_LEFT_X + w * mark, d->y + bar_h + 2);
		cairo_stroke(cr);
	}
	if (t != NULL)
		pdf_show(cr, t, PDF_RIGHT_X - tw, d->y + bar_h / 2 - th / 2, pdf_ink);
	d->y += bar_h + 10;
	d->at_top = 0;
out:
	if (l != NULL)
		g_object_unref(l);
	if (t != NULL)
		g_object_unref(t);
}

void pdf_badge_row(struct pdf_doc *d, const char *text, const char *colour,
    const char *note)
{
	static const double fallback[3] = { 0.424, 0.459, 0.490 };
	double rgb[3], bw, bh, nh = 0, lum;
	PangoLayout *b, *n = NULL;
	const double *fg;
	static const double white[3] = { 1, 1, 1 };
	cairo_t *cr;

	if (pdf_cr(d) == NULL)
		return;
	if (pdf_colour(colour, rgb) != 0)
		memcpy(rgb, fallback, sizeof(rgb));
	if ((b = pdf_layout(d, PDF_BODY, text, PDF_TEXT_W * 0.4)) == NULL)
		return;
	pango_layout_set_height(b, -2);
	pango_layout_set_ellipsize(b, PANGO_ELLIPSIZE_END);
	pdf_layout_size(b, &bw, &bh);
	if (note != NULL && note[0] != '\0' &&
	    (n = pdf_layout(d, PDF_BODY, note, PDF_TEXT_W - bw - 22)) == NULL)
		goto out;
	if (n != NULL) {
		pango_layout_set_height(n, -8);
		pango_layout_set_ellipsize(n, PANGO_ELLIPSIZE_END);
		pdf_layout_size(n, NULL, &nh);
	}
	pdf_need(d, fmax(bh + 6, nh) + 6);
	if (d->failed)
		goto out;
	cr = d->cr;
	cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
	cairo_new_sub_path(cr);
	cairo_arc(cr, PDF_LEFT_X + bw + 8 - 3, d->y + 3, 3, -M_PI / 2, 0);
	cairo_arc(cr, PDF_LEFT_X + bw + 8 - 3, d->y + bh + 6 - 3, 3, 0, M_PI / 2);
	cairo_arc(cr, PDF_LEFT_X + 3, d->y + bh + 6 - 3, 3, M_PI / 2, M_PI);
	cairo_arc(cr, PDF_LEFT_X + 3, d->y + 3, 3, M_PI, 3 * M_PI / 2);
	cairo_close_path(cr);
	cairo_fill(cr);
	/* relative luminance decides the text colour */
	lum = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
	fg = lum > 0.55 ? pdf_ink : white;
	pdf_show(cr, b, PDF_LEFT_X + 4, d->y + 3, fg);
	if (n != NULL)
		pdf_show(cr, n, PDF_LEFT_X + bw + 18, d->y + 3, pdf_ink);
	d->y += fmax(bh + 6, nh) + 6;
	d->at_top = 0;
out:
	g_object_unref(b);
	if (n != NULL)
		g_object_unref(n);
}
