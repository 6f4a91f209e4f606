/*
 * report_sections.c - the table of report sections and the checks of a
 * report's parameters (pure: no FastCGI or MariaDB header).
 *
 * A section marked unavailable would be neither offered nor drawn, and
 * asking for it is answered with its name; every section is available now
 * (the trade sections draw the trade module's view models, salient/trade.h).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "salient/contract.h"
#include "report_int.h"

const struct rp_section_def rp_sections[RP_NSECTIONS] = {
	[RP_SUMMARY] = { "summary", "report.section.summary", 1 },
	[RP_TREND] = { "trend", "report.section.trend", 1 },
	[RP_TOP] = { "top", "report.section.top", 1 },
	[RP_TARGETS] = { "targets", "report.section.targets", 1 },
	[RP_CLASSIFICATIONS] = { "classifications", "report.section.classifications", 1 },
	[RP_SUGGESTIONS] = { "suggestions", "report.section.suggestions", 1 },
};

unsigned rp_sections_all(void)
{
	unsigned bits = 0;
	int i;

	for (i = 0; i < RP_NSECTIONS; i++)
		if (rp_sections[i].available)
			bits |= 1u << i;
	return bits;
}

/* The available keys, for messages: "classifications" or "a, b or c". */
static void expected(char *buf, size_t len)
{
	size_t n = 0, k = 0, total = 0;
	int i;

	for (i = 0; i < RP_NSECTIONS; i++)
		total += rp_sections[i].available != 0;
	buf[0] = '\0';
	for (i = 0; i < RP_NSECTIONS && n < len; i++) {
		if (!rp_sections[i].available)
			continue;
		k++;
		n += (size_t)snprintf(buf + n, len - n, "%s%s", k == 1 ? "" :
		    k == total ? " or " : ", ", rp_sections[i].key);
	}
}

int rp_sections_parse(const char *list, unsigned *bits, char *err, size_t errlen)
{
	char word[64], exp[160];
	const char *p = list, *e;
	size_t n;
	int i;

	*bits = 0;
	if (list == NULL)
		list = p = "";
	while (*p != '\0') {
		while (*p == ' ' || *p == ',')
			p++;
		if (*p == '\0')
			break;
		for (e = p; *e != '\0' && *e != ','; e++)
			;
		n = (size_t)(e - p);
		while (n > 0 && p[n - 1] == ' ')
			n--;
		if (n >= sizeof(word)) {
			snprintf(err, errlen, "sections: '%.20s...' is not a section", p);
			return -1;
		}
		memcpy(word, p, n);
		word[n] = '\0';
		for (i = 0; i < RP_NSECTIONS; i++)
			if (strcmp(word, rp_sections[i].key) == 0)
				break;
		expected(exp, sizeof(exp));
		if (i == RP_NSECTIONS) {
			snprintf(err, errlen, "sections: unknown section '%s' (expected %s)", word, exp);
			return -1;
		}
		if (!rp_sections[i].available) {
			snprintf(err, errlen, "sections: '%s' is not available in this build "
			    "(available: %s)", word, exp);
			return -1;
		}
		*bits |= 1u << i;
		p = e;
	}
	if (*bits == 0)
		*bits = rp_sections_all();
	return 0;
}

void rp_sections_text(unsigned bits, char *buf, size_t len)
{
	size_t n = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < RP_NSECTIONS && n < len; i++)
		if (bits & (1u << i))
			n += (size_t)snprintf(buf + n, len - n, "%s%s", n ? "," : "", rp_sections[i].key);
}

int rp_lang_ok(const char *lang)
{
	return lang != NULL && (strcmp(lang, "en") == 0 || strcmp(lang, "da") == 0 ||
	    strcmp(lang, "ru") == 0);
}

int rp_day_ok(const char *s)
{
	int64_t day;

	return s != NULL && strlen(s) == 10 && dc_parse_date(s, &day) == 0;
}

void rp_today(char *buf, size_t len)
{
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	strftime(buf, len, "%Y-%m-%d", &tm);
}

int rp_params_set(struct rp_params *p, const char *customer, const char *sections,
    const char *lang, const char *as_of, const char *deflang, char *err, size_t errlen)
{
	memset(p, 0, sizeof(*p));
	if (customer != NULL) {
		if (strlen(customer) > RP_HOST_MAX) {
			snprintf(err, errlen, "customer: at most %d characters", RP_HOST_MAX);
			return -1;
		}
		snprintf(p->customer, sizeof(p->customer), "%s", customer);
	}
	if (rp_sections_parse(sections, &p->sections, err, errlen) != 0)
		return -1;
	if (lang == NULL || lang[0] == '\0')
		lang = rp_lang_ok(deflang) ? deflang : "en";
	if (!rp_lang_ok(lang)) {
		snprintf(err, errlen, "lang: expected en, da or ru");
		return -1;
	}
	snprintf(p->lang, sizeof(p->lang), "%s", lang);
	if (as_of == NULL || as_of[0] == '\0')
		rp_today(p->as_of, sizeof(p->as_of));
	else if (!rp_day_ok(as_of)) {
		snprintf(err, errlen, "as_of: '%.40s' is not a date (YYYY-MM-DD)", as_of);
		return -1;
	} else
		snprintf(p->as_of, sizeof(p->as_of), "%s", as_of);
	return 0;
}
