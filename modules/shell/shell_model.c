/*
 * shell_model.c - raw value plus language text, for the shell's view models.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <json-c/json.h>

#include "salient/format.h"
#include "shell_model.h"

/* Today in the site's time zone (salient-fcgi sets TZ from [site] timezone). */
void shell_today(char *buf, size_t len)
{
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	strftime(buf, len, "%Y-%m-%d", &tm);
}

int shell_months_back(const char *iso, int n, char *first, size_t flen,
    char months[][8])
{
	unsigned y, m, k;
	int i;

	if (iso == NULL || strlen(iso) < 7 || n < 0 || n > 23 ||
	    sscanf(iso, "%4u-%2u", &y, &m) != 2 || y < 100 || y > 9999 || m < 1 || m > 12)
		return -1;
	k = y * 12 + (m - 1) - (unsigned)n;
	snprintf(first, flen, "%04u-%02u-01", (k / 12) % 10000, k % 12 + 1);
	for (i = 0; i <= n; i++, k++)
		snprintf(months[i], 8, "%04u-%02u", (k / 12) % 10000, k % 12 + 1);
	return 0;
}

struct json_object *shell_money(const char *lang, struct json_object *amount,
    const char *currency)
{
	struct json_object *o = json_object_new_object();
	const char *digits = amount ? json_object_get_string(amount) : "0";
	char text[SL_FMT_MAX];

	if (sl_fmt_money(text, sizeof(text), lang, digits, currency) != 0)
		snprintf(text, sizeof(text), "%s %s", digits, currency ? currency : "");
	json_object_object_add(o, "amount", amount ? json_object_get(amount) :
	    json_object_new_double_s(0, "0"));
	json_object_object_add(o, "currency", currency ? json_object_new_string(currency) : NULL);
	json_object_object_add(o, "text", json_object_new_string(text));
	return o;
}

void shell_add_dates(struct json_object *obj, const char *lang, int datetime,
    const char *const *keys)
{
	struct json_object *v;
	char name[96], text[SL_FMT_MAX];
	size_t i;

	for (i = 0; keys[i] != NULL; i++) {
		if (!json_object_object_get_ex(obj, keys[i], &v) ||
		    !json_object_is_type(v, json_type_string))
			continue;
		if ((datetime ? sl_fmt_datetime(text, sizeof(text), lang, json_object_get_string(v)) :
		    sl_fmt_date(text, sizeof(text), lang, json_object_get_string(v))) != 0)
			continue;
		snprintf(name, sizeof(name), "%s_text", keys[i]);
		json_object_object_add(obj, name, json_object_new_string(text));
	}
}

long long shell_int(struct json_object *row, const char *key)
{
	struct json_object *v;

	return json_object_object_get_ex(row, key, &v) && v ? json_object_get_int64(v) : 0;
}

const char *shell_str(struct json_object *row, const char *key)
{
	struct json_object *v;

	return json_object_object_get_ex(row, key, &v) && v ? json_object_get_string(v) : NULL;
}
