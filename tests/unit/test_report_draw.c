/*
 * test_report_draw.c - the report module's pure parts: the section table
 * and parameter checks (report_sections.c), catalog lookup and drawing a
 * hand-written model with the theme's real catalogs (report_draw.c), read
 * back with pdftotext.  The theme is $SALIENT_THEME, else themes/default
 * (run from the repo root).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <json-c/json.h>

#include "report_int.h"
#include "tap.h"
#include "salient/text.h"
#include "views.h"

static char *pdf_text_of_mode(const unsigned char *data, size_t len, const char *mode);

static char *pdf_text_of(const unsigned char *data, size_t len)
{
	return pdf_text_of_mode(data, len, "");
}

/* pdftotext -layout, runs of spaces made one: a table row stays one line. */
static char *pdf_layout_of(const unsigned char *data, size_t len)
{
	char *t = pdf_text_of_mode(data, len, "-layout"), *r, *w;

	for (r = w = t; t != NULL && *r != '\0'; r++)
		if (*r != ' ' || w == t || w[-1] != ' ')
			*w++ = *r;
	if (t != NULL)
		*w = '\0';
	return t;
}

static char *pdf_text_of_mode(const unsigned char *data, size_t len, const char *mode)
{
	char path[] = "/tmp/salient-test-rdraw.XXXXXX", cmd[128], *out;
	size_t n = 0, cap = 65536, r;
	FILE *p;
	int fd;

	if ((fd = mkstemp(path)) < 0)
		return NULL;
	if (write(fd, data, len) != (ssize_t)len) {
		close(fd);
		return NULL;
	}
	close(fd);
	snprintf(cmd, sizeof(cmd), "pdftotext -q %s %s - 2>&1", mode, path);
	out = malloc(cap);
	if ((p = popen(cmd, "r")) != NULL) {
		while (n + 1 < cap && (r = fread(out + n, 1, cap - n - 1, p)) > 0)
			n += r;
		pclose(p);
	}
	out[n] = '\0';
	unlink(path);
	/* lines joined by spaces, so phrases that wrap still match */
	for (r = 0; r < n; r++)
		if (out[r] == '\n')
			out[r] = ' ';
	return out;
}

static void sections(void)
{
	char err[256], buf[128];
	unsigned bits;

	tap_ok(rp_sections_parse("classifications", &bits, err, sizeof(err)) == 0 &&
	    bits == 1u << RP_CLASSIFICATIONS, "'classifications' is one section");
	tap_ok(rp_sections_parse(" classifications , ", &bits, err, sizeof(err)) == 0 &&
	    bits == 1u << RP_CLASSIFICATIONS, "spaces and empty items are ignored");
	tap_ok(rp_sections_parse("", &bits, err, sizeof(err)) == 0 && bits == rp_sections_all(),
	    "none named: every available section");
	tap_ok(rp_sections_parse(NULL, &bits, err, sizeof(err)) == 0 && bits == rp_sections_all(),
	    "NULL: the same");
	tap_ok(rp_sections_parse("classifications,bogus", &bits, err, sizeof(err)) == -1,
	    "an unknown key is refused");
	tap_is_str(err, "sections: unknown section 'bogus' (expected summary, trend, top, targets, "
	    "classifications or suggestions)", "naming the field, the key and what is expected");
	tap_ok(rp_sections_parse("Classifications", &bits, err, sizeof(err)) == -1,
	    "keys are case-sensitive");
	tap_ok(rp_sections_parse("suggestions,summary,trend", &bits, err, sizeof(err)) == 0 &&
	    bits == ((1u << RP_SUMMARY) | (1u << RP_TREND) | (1u << RP_SUGGESTIONS)),
	    "several sections, in any order");
	tap_ok(rp_sections_parse("top,top", &bits, err, sizeof(err)) == 0 && bits == 1u << RP_TOP,
	    "a section twice is once");
	tap_ok(rp_sections_parse("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
	    &bits, err, sizeof(err)) == -1 && strncmp(err, "sections: ", 10) == 0,
	    "a very long key is refused");
	rp_sections_text(1u << RP_CLASSIFICATIONS, buf, sizeof(buf));
	tap_is_str(buf, "classifications", "bits back to keys");
	rp_sections_text((1u << RP_SUMMARY) | (1u << RP_SUGGESTIONS), buf, sizeof(buf));
	tap_is_str(buf, "summary,suggestions", "in table order, comma-separated");
}

static void params(void)
{
	char err[256], big[80];
	struct rp_params p;

	tap_ok(rp_params_set(&p, "C-1", NULL, NULL, "2024-02-29", "da", err, sizeof(err)) == 0,
	    "defaults are filled");
	tap_is_str(p.lang, "da", "the default language");
	tap_is_str(p.as_of, "2024-02-29", "a leap day is a day");
	tap_is_str(p.customer, "C-1", "the customer");
	tap_ok(rp_params_set(&p, "C-1", NULL, NULL, NULL, "xx", err, sizeof(err)) == 0 &&
	    strcmp(p.lang, "en") == 0 && strlen(p.as_of) == 10, "a bad default language is English; today");
	tap_ok(rp_params_set(&p, "C-1", NULL, "fr", NULL, "en", err, sizeof(err)) == -1, "fr is refused");
	tap_is_str(err, "lang: expected en, da or ru", "naming the field");
	tap_ok(rp_params_set(&p, "C-1", NULL, NULL, "2023-02-29", "en", err, sizeof(err)) == -1,
	    "2023-02-29 is refused");
	tap_is_str(err, "as_of: '2023-02-29' is not a date (YYYY-MM-DD)", "naming the field");
	tap_ok(rp_params_set(&p, "C-1", NULL, NULL, "2024-1-05", "en", err, sizeof(err)) == -1,
	    "a short date is refused");
	memset(big, 'x', 65);
	big[65] = '\0';
	tap_ok(rp_params_set(&p, big, NULL, NULL, NULL, "en", err, sizeof(err)) == -1 &&
	    strcmp(err, "customer: at most 64 characters") == 0, "a 65-character customer id is refused");
}

static struct json_object *model(const char *lang, int with_class)
{
	const char *json_text = with_class ?
	    "{\"customer\": {\"customer_id\": \"RU-1\", \"name\": \"Иван <Петров> & Co\","
	    " \"email\": \"ivan@example.ru\", \"smart_type\": \"trade\", \"city\": \"Москва\"},"
	    " \"as_of\": \"2024-04-15\", \"as_of_text\": \"15 апр. 2024 г.\", \"lang\": \"%s\","
	    " \"sections\": [\"classifications\", \"nonsense\"],"
	    " \"classifications\": [{\"title\": \"Mange ordrer\", \"colour\": \"#dc3545\","
	    " \"type\": \"orders\", \"since\": \"2024-03-31\", \"since_text\": \"31 мар. 2024 г.\","
	    " \"comments\": \"Звонит <каждый> месяц\"}, {\"title\": \"Grey\", \"colour\": null,"
	    " \"type\": \"risk_score\", \"since\": \"2024-01-01\", \"comments\": null}]}" :
	    "{\"customer\": {\"customer_id\": \"DK-7\", \"name\": \"Søren Ærø\", \"email\": null,"
	    " \"smart_type\": \"retail\"}, \"as_of\": \"2024-04-15\", \"lang\": \"%s\","
	    " \"sections\": [\"classifications\"], \"classifications\": []}";
	char buf[2048];

	snprintf(buf, sizeof(buf), json_text, lang);
	return json_tokener_parse(buf);
}

static void drawing(void)
{
	const char *theme = getenv("SALIENT_THEME") ? getenv("SALIENT_THEME") : "themes/default";
	struct json_object *cat, *m;
	struct pdf_opts o = { .page_word = "Стр." };
	const unsigned char *data;
	struct pdf_doc *d;
	char err[256], *t;
	size_t len;

	cat = sl_catalogs_load(theme, err, sizeof(err));
	if (!tap_ok(cat != NULL, "the theme's catalogs load (%s)", cat ? "" : err))
		return;
	tap_is_str(rp_text(cat, "da", "report.section.classifications"), "Klassifikationer",
	    "a key in Danish");
	tap_is_str(rp_text(cat, "xx", "report.section.classifications"), "Classifications",
	    "an unknown language falls back to English");
	tap_is_str(rp_text(cat, "ru", "report.no.such.key"), "report.no.such.key",
	    "an unknown key is itself");

	m = model("ru", 1);
	d = pdf_open(&o, err, sizeof(err));
	rp_draw(d, m, cat);
	tap_ok(pdf_finish(d, err, sizeof(err)) == 0, "a Russian report draws (%s)", err);
	data = pdf_data(d, &len);
	t = pdf_text_of(data, len);
	tap_ok(t && strstr(t, "Отчёт по клиенту") != NULL, "the title from the catalog");
	tap_ok(t && strstr(t, "Иван <Петров> & Co") != NULL, "the name as written, markup characters too");
	tap_ok(t && strstr(t, "Номер клиента: RU-1 · ivan@example.ru · Оптовый · Москва") != NULL,
	    "the detail line with the smart type in Russian");
	tap_ok(t && strstr(t, "На дату: 15 апр. 2024 г.") != NULL, "the as-of day");
	tap_ok(t && strstr(t, "Классификации") != NULL, "the section heading");
	tap_ok(t && strstr(t, "Mange ordrer") != NULL && strstr(t, "Заказы · с 31 мар. 2024 г.") != NULL,
	    "a classification with its type and since");
	tap_ok(t && strstr(t, "Звонит <каждый> месяц") != NULL, "and its comment");
	tap_ok(t && strstr(t, "Оценка риска · с 2024-01-01") != NULL,
	    "without since_text the ISO day is shown; a null colour draws grey");
	free(t);
	pdf_free(d);
	json_object_put(m);

	m = model("da", 0);
	o.page_word = NULL;
	d = pdf_open(&o, err, sizeof(err));
	rp_draw(d, m, cat);
	tap_ok(pdf_finish(d, err, sizeof(err)) == 0, "a Danish report draws");
	data = pdf_data(d, &len);
	t = pdf_text_of(data, len);
	tap_ok(t && strstr(t, "Kunderapport") != NULL && strstr(t, "Søren Ærø") != NULL,
	    "the Danish title and name");
	tap_ok(t && strstr(t, "Kunde-id: DK-7 · Detail") != NULL, "no e-mail: none shown");
	tap_ok(t && strstr(t, "Opgjort pr.: 2024-04-15") != NULL, "without as_of_text the ISO day");
	tap_ok(t && strstr(t, "Kunden havde ingen klassifikation på denne dag.") != NULL,
	    "no classifications: said in Danish");
	free(t);
	pdf_free(d);
	json_object_put(m);
	json_object_put(cat);
}

/*
 * The trade sections from a hand-written model shaped like salient/trade.h's
 * view models: every figure must print as the trade module wrote it.
 */
static const char trade_model[] =
    "{\"customer\": {\"customer_id\": \"T-1\", \"name\": \"Иван Петров\", \"smart_type\": \"trade\"},"
    " \"as_of\": \"2024-04-15\", \"as_of_text\": \"15 Apr 2024\", \"lang\": \"en\","
    " \"sections\": [\"summary\", \"trend\", \"top\", \"targets\", \"suggestions\"],"
    " \"summary\": {\"period\": {\"from\": \"2023-04-15\", \"to\": \"2024-04-15\","
    "   \"to_text\": \"15 Apr 2024\", \"prev_from\": \"2022-04-15\", \"from_text\": \"15 Apr 2023\"},"
    "   \"currency\": \"EUR\","
    "   \"revenue\": {\"current\": {\"text\": \"€1,234.50\"}, \"previous\": {\"text\": \"€0.00\"},"
    "   \"change_pct\": null},"
    "   \"orders\": {\"current\": {\"value\": 7, \"text\": \"7\"}, \"previous\": {\"value\": 0, \"text\": \"0\"}},"
    "   \"aov\": {\"current\": {\"text\": \"€176.36\"}, \"previous\": null},"
    "   \"chart\": {\"labels\": [\"May 2023\", \"Jun 2023\", \"Jul 2023\", \"Aug 2023\", \"Sep 2023\","
    "   \"Oct 2023\", \"Nov 2023\", \"Dec 2023\", \"Jan 2024\", \"Feb 2024\", \"Mar 2024\", \"Apr 2024\"],"
    "   \"current\": [0, 0, 0, 0, 0, 0, 0, 0, 1000, 0, 234.5, 0], \"previous\": [0,0,0,0,0,0,0,0,0,0,0,0],"
    "   \"empty\": false}},"
    " \"top\": {\"products\": [{\"name\": \"Øl <stærk>\", \"sku\": null, \"category\": \"Drikke\","
    "   \"quantity\": {\"text\": \"12\"}, \"revenue\": {\"text\": \"€1,000.00\"}, \"share_text\": \"81.0%\"}],"
    "   \"categories\": [], \"has\": {\"products\": true, \"categories\": false}},"
    " \"target\": {\"target\": null, \"targets\": []},"
    " \"suggestions\": {\"popularity\": {\"as_of\": \"2024-04-15\"}, \"products\": [{\"name\": \"Mjød\","
    "   \"sku\": \"MJ-1\", \"customers\": {\"text\": \"4\"}, \"why\": {\"kind\": \"tag\","
    "   \"tag_group\": \"manufacturer\", \"tag_value\": \"Ærø Bryghus\"}}], \"categories\": [],"
    "   \"has\": {\"products\": true, \"categories\": false}}}";

static void trade_sections(void)
{
	const char *theme = getenv("SALIENT_THEME") ? getenv("SALIENT_THEME") : "themes/default";
	struct json_object *cat, *m = json_tokener_parse(trade_model);
	struct pdf_opts o = { 0 };
	const unsigned char *data;
	struct pdf_doc *d;
	char err[256], *t;
	size_t len;

	cat = sl_catalogs_load(theme, err, sizeof(err));
	if (!tap_ok(cat != NULL && m != NULL, "the trade model parses"))
		goto out;
	d = pdf_open(&o, err, sizeof(err));
	rp_draw(d, m, cat);
	tap_ok(pdf_finish(d, err, sizeof(err)) == 0, "the trade sections draw (%s)", err);
	data = pdf_data(d, &len);
	t = pdf_layout_of(data, len);
	tap_ok(t && strstr(t, "Last 12 months: 16 Apr 2023 – 15 Apr 2024 · the 12 before: 16 Apr 2022 – 15 Apr 2023"),
	    "the periods start the day after 'from' (C = (from, to])");
	tap_ok(t && strstr(t, "Revenue €1,234.50 €0.00 –"), "revenue as written, no change without a previous revenue");
	tap_ok(t && strstr(t, "Paid orders 7 0"), "orders");
	tap_ok(t && strstr(t, "Average order €176.36 –"), "average order, a dash for none");
	tap_ok(t && strstr(t, "Monthly trend (EUR)"), "the chart's heading names the currency");
	tap_ok(t && strstr(t, "1,000") != NULL, "the axis is labelled in English up to 1,000");
	tap_ok(t && strstr(t, "Øl <stærk> Drikke 12 €1,000.00 81.0%"), "a top product row (no SKU: no brackets)");
	tap_ok(t && strstr(t, "Categories No purchases in the last 12 months."), "an empty list says so");
	tap_ok(t && strstr(t, "The customer has no target."), "no target says so");
	tap_ok(t && strstr(t, "Mjød (MJ-1) 4 Shares manufacturer: Ærø Bryghus"), "a suggestion with its shared tag");
	tap_ok(t && strstr(t, "Classifications") == NULL, "a section not asked for is not drawn");
	free(t);
	pdf_free(d);
out:
	json_object_put(m);
	json_object_put(cat);
}

int main(void)
{
	sections();
	params();
	drawing();
	trade_sections();
	pdf_shutdown();
	return tap_done();
}
