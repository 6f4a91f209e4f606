/*
 * tr_model.c - pieces of the trade view models: money, counts and dates
 * with their text in the answer's language (include/salient/format.h).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <json-c/json.h>

#include "salient/contract.h"
#include "salient/format.h"
#include "tr_int.h"
#include "tr_text.h"

struct json_object *tr_money(const char *lang, int64_t v, const char *currency)
{
	struct json_object *o = json_object_new_object();
	char digits[32], text[SL_FMT_MAX];
	const char *cur = currency != NULL && currency[0] != '\0' ? currency : NULL;

	tr_money_text(v, digits, sizeof(digits));
	if (sl_fmt_money(text, sizeof(text), lang, digits, cur) != 0)
		snprintf(text, sizeof(text), "%s%s%s", digits, cur ? " " : "", cur ? cur : "");
	sl_model_put(o, "amount", json_object_new_double_s((double)v / 10000.0, digits));
	sl_model_put(o, "currency", cur ? json_object_new_string(cur) : NULL);
	sl_model_put(o, "text", json_object_new_string(text));
	return o;
}

char *tr_iso(int64_t day, char *buf, size_t len)
{
	int y, m, d;

	dc_civil_from_days(day, &y, &m, &d);
	snprintf(buf, len, "%04d-%02d-%02d", y, m, d);
	return buf;
}

void tr_add_date(struct json_object *obj, const char *lang, const char *key, int64_t day)
{
	char iso[16], name[64], text[SL_FMT_MAX];

	tr_iso(day, iso, sizeof(iso));
	json_object_object_add(obj, key, json_object_new_string(iso));
	if (sl_fmt_date(text, sizeof(text), lang, iso) == 0) {
		snprintf(name, sizeof(name), "%s_text", key);
		json_object_object_add(obj, name, json_object_new_string(text));
	}
}

int64_t tr_today(void)
{
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	return dc_days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

const char *tr_str(struct json_object *o, const char *key)
{
	struct json_object *v;

	if (o == NULL || !json_object_object_get_ex(o, key, &v) || v == NULL)
		return NULL;
	return json_object_get_string(v);
}
