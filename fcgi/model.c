/*
 * model.c - small helpers shared by every module's handlers: flash
 * messages and counts in a view model (salient.h).
 */
#include <json-c/json.h>

#include "salient/format.h"
#include "salient/salient.h"

void sl_flash(struct json_object *model, const char *kind, const char *text)
{
	struct json_object *list, *f = json_object_new_object();

	if (!json_object_object_get_ex(model, "flash", &list) ||
	    !json_object_is_type(list, json_type_array)) {
		list = json_object_new_array();
		json_object_object_add(model, "flash", list);
	}
	json_object_object_add(f, "kind", json_object_new_string(kind));
	json_object_object_add(f, "text", json_object_new_string(text));
	json_object_array_add(list, f);
}

void sl_model_put(struct json_object *obj, const char *key, struct json_object *v)
{
	json_object_object_add_ex(obj, key, v, JSON_C_OBJECT_ADD_KEY_IS_NEW |
	    JSON_C_OBJECT_KEY_IS_CONSTANT);
}

struct json_object *sl_model_count(const char *lang, long long v)
{
	struct json_object *o = json_object_new_object();
	char text[SL_FMT_MAX];

	sl_fmt_int(text, sizeof(text), lang, v);
	sl_model_put(o, "value", json_object_new_int64(v));
	sl_model_put(o, "text", json_object_new_string(text));
	return o;
}
