/*
 * settings.c - the settings page and API, built from the settings every
 * module declares (include/salient/settings.h):
 *
 *   GET  /admin/settings     the page: one section per module, a form
 *   POST /admin/settings     saves the form (CSRF); 422 with the page and
 *                            each bad field's reason, nothing written
 *   GET  /api/v1/settings    {key: value, ...} for every declared setting
 *   PUT  /api/v1/settings    a partial object of the same shape; all or
 *                            nothing; answers the whole object
 *
 * A save validates every value first (settings_check), then writes the
 * changed ones in one transaction with one audit row ("settings", before and
 * after of the changed keys).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "salient/log.h"
#include "salient/db.h"
#include "salient/input.h"
#include "salient/salient.h"
#include "salient/settings.h"
#include "salient/settings.h"

#define SETTING_VALUE_MAX 4096

/*
 * The module's statements (DESIGN.md habit 4).  Not named in the module
 * struct yet: the core's module claims the settings table (core_module.c),
 * though only this statement writes it, and `salient sql check` would
 * refuse a write to a table another module owns.
 */
enum { ST_PUT, ST_NSQL };
static const struct sl_sql st_sql[ST_NSQL] = {
	[ST_PUT] = { "INSERT INTO settings (name, value) VALUES (?, ?) "
	    "ON DUPLICATE KEY UPDATE value = VALUES(value)", "ss" },
};

/* A setting's stored text as its JSON value. */
static struct json_object *to_json(const struct sl_setting *s, const char *v)
{
	struct json_object *a;
	const char *p, *e;
	char *end;
	long long n;

	switch (s->type) {
	case SL_SETTING_INT:
		/* stored by sl_setting_check(); a hand-edited row that is no number
		   shows as its text */
		n = strtoll(v, &end, 10);
		return end != v && *end == '\0' ? json_object_new_int64(n) : json_object_new_string(v);
	case SL_SETTING_BOOL:
		return json_object_new_boolean(strcmp(v, "1") == 0);
	case SL_SETTING_SET:
		a = json_object_new_array();
		for (p = v; *p != '\0'; p = *e != '\0' ? e + 1 : e) {
			e = p + strcspn(p, ",");
			json_object_array_add(a, json_object_new_string_len(p, (int)(e - p)));
		}
		return a;
	default:
		return json_object_new_string(v);
	}
}

/*
 * A JSON value as a setting's stored text, into buf.  Returns 0, or -1 with
 * the reason in err.  Choice order and uniqueness of a SET are checked
 * afterwards by sl_setting_check() on the text; here the array is put in the
 * declared order.
 */
static int from_json(const struct sl_setting *s, struct json_object *j, char *buf, size_t len,
    char *err, size_t errlen)
{
	size_t i, n, k, used = 0;
	int nw;

	switch (s->type) {
	case SL_SETTING_INT:
		if (!json_object_is_type(j, json_type_int)) {
			snprintf(err, errlen, "%s: expected a whole number", s->key);
			return -1;
		}
		snprintf(buf, len, "%lld", (long long)json_object_get_int64(j));
		return 0;
	case SL_SETTING_BOOL:
		if (!json_object_is_type(j, json_type_boolean)) {
			snprintf(err, errlen, "%s: expected true or false", s->key);
			return -1;
		}
		snprintf(buf, len, "%d", json_object_get_boolean(j) ? 1 : 0);
		return 0;
	case SL_SETTING_SET:
		if (!json_object_is_type(j, json_type_array)) {
			snprintf(err, errlen, "%s: expected an array of strings", s->key);
			return -1;
		}
		n = json_object_array_length(j);
		for (i = 0; i < n; i++)
			if (!json_object_is_type(json_object_array_get_idx(j, i), json_type_string)) {
				snprintf(err, errlen, "%s: item %zu is not a string", s->key, i + 1);
				return -1;
			}
		buf[0] = '\0';
		/* in declared order; an unknown or repeated item is caught below */
		for (k = 0; s->choices[k] != NULL; k++) {
			size_t seen = 0;

			for (i = 0; i < n; i++)
				seen += strcmp(json_object_get_string(json_object_array_get_idx(j, i)),
				    s->choices[k]) == 0;
			if (seen > 1) {
				snprintf(err, errlen, "%s: \"%s\" is listed twice", s->key, s->choices[k]);
				return -1;
			}
			if (seen == 1) {
				nw = snprintf(buf + used, len - used, "%s%s", used ? "," : "", s->choices[k]);
				if (nw < 0 || (size_t)nw >= len - used)
					goto toolong;
				used += (size_t)nw;
			}
		}
		for (i = 0; i < n; i++) {
			const char *item = json_object_get_string(json_object_array_get_idx(j, i));

			for (k = 0; s->choices[k] != NULL && strcmp(s->choices[k], item) != 0; k++)
				;
			if (s->choices[k] == NULL) {
				snprintf(err, errlen, "%s: \"%.40s\" is not one of the choices", s->key, item);
				return -1;
			}
		}
		return 0;
	default:
		if (!json_object_is_type(j, json_type_string)) {
			snprintf(err, errlen, "%s: expected a string", s->key);
			return -1;
		}
		if ((size_t)json_object_get_string_len(j) >= len)
			goto toolong;
		memcpy(buf, json_object_get_string(j), (size_t)json_object_get_string_len(j) + 1);
		if (strlen(buf) != (size_t)json_object_get_string_len(j)) {
			snprintf(err, errlen, "%s: contains a NUL character", s->key);
			return -1;
		}
		return 0;
	}
toolong:
	snprintf(err, errlen, "%s: value too long", s->key);
	return -1;
}

/* Every declared setting's current value: {key: value}.  NULL on failure. */
static struct json_object *current_values(struct sl_db *db)
{
	struct json_object *o = json_object_new_object();
	const struct sl_settings *sec;
	const struct sl_setting *s;
	const char *name;
	size_t m;
	char *v;

	for (m = 0; (sec = sl_settings_section(m, &name)) != NULL; m++) {
		for (s = sec->items; s->key != NULL; s++) {
			if ((v = sl_setting_read(db, s)) == NULL) {
				json_object_put(o);
				return NULL;
			}
			json_object_object_add(o, s->key, to_json(s, v));
			free(v);
		}
	}
	return o;
}

/*
 * Writes the settings in want ({key: stored text}) that differ from now
 * ({key: JSON value}), in one transaction with an audit row.  Returns the
 * number of changed settings, or -1.
 */
static int write_changes(struct sl_req *req, struct json_object *now, struct json_object *want)
{
	struct sl_db *db = sl_req_db(req);
	struct json_object *before = json_object_new_object(), *after = json_object_new_object();
	int changed = 0, rc = -1;

	if (sl_db_begin(db) != 0)
		goto out;
	json_object_object_foreach(want, key, val) {
		const struct sl_setting *s = sl_setting_find(key);
		struct json_object *old = NULL, *nv = to_json(s, json_object_get_string(val));

		json_object_object_get_ex(now, key, &old);
		if (json_object_equal(old, nv)) {
			json_object_put(nv);
			continue;
		}
		if (sl_db_exec(db, SL_SQL(st_sql, ST_PUT), s->name, json_object_get_string(val)) < 0) {
			json_object_put(nv);
			goto rollback;
		}
		json_object_object_add(before, key, json_object_get(old));
		json_object_object_add(after, key, nv);
		changed++;
	}
	if (changed > 0 && sl_audit(req, "settings", NULL, before, after) != 0)
		goto rollback;
	if (sl_db_commit(db) != 0)
		goto rollback;
	rc = changed;
	goto out;
rollback:
	log_err("saving settings: %s", sl_db_error(db));
	sl_db_rollback(db);
out:
	json_object_put(before);
	json_object_put(after);
	return rc;
}

/* ------------------------------------------------------------ API */

static int api_get(struct sl_req *req, struct sl_resp *resp)
{
	struct json_object *o = current_values(sl_req_db(req));

	if (o == NULL)
		return -1;
	sl_resp_model(resp, o);
	return 0;
}

static int api_put(struct sl_req *req, struct sl_resp *resp)
{
	struct json_object *body = sl_req_json(req), *want = NULL, *now = NULL;
	char err[300], buf[SETTING_VALUE_MAX];
	int rc = -1;

	if (body == NULL || !json_object_is_type(body, json_type_object)) {
		sl_resp_error(resp, 400, "expected a JSON object of settings");
		return 0;
	}
	want = json_object_new_object();
	json_object_object_foreach(body, key, val) {
		const struct sl_setting *s = sl_setting_find(key);

		if (s == NULL) {
			sl_resp_error(resp, 422, "%.64s: no such setting", key);
			rc = 0;
			goto out;
		}
		if (from_json(s, val, buf, sizeof(buf), err, sizeof(err)) != 0 ||
		    sl_setting_check(s, buf, err, sizeof(err)) != 0) {
			sl_resp_error(resp, 422, "%s", err);
			rc = 0;
			goto out;
		}
		json_object_object_add(want, key, json_object_new_string(buf));
	}
	if ((now = current_values(sl_req_db(req))) == NULL || write_changes(req, now, want) < 0)
		goto out;
	json_object_put(now);
	if ((now = current_values(sl_req_db(req))) == NULL)
		goto out;
	sl_resp_model(resp, now);
	now = NULL;
	rc = 0;
out:
	json_object_put(want);
	json_object_put(now);
	return rc;
}

/* ------------------------------------------------------------ page */

/*
 * The text a form sends for s: the SET's ticked boxes ("KEY.CHOICE") as a
 * list, a BOOL's box as 0/1, else the field.  Into buf; -1 if too long.
 * The fields are every module's settings, so the route takes them open
 * (SL_ROUTE_OPEN_INPUTS): the core keeps no typed value of them, they are
 * read as text here and sl_setting_check() is their validator, against the
 * modules' const tables of settings.
 */
static int form_value(struct sl_req *req, const struct sl_setting *s, char *buf, size_t len)
{
	char field[160];
	const char *v;
	size_t k, used = 0;
	int n;

	buf[0] = '\0';
	switch (s->type) {
	case SL_SETTING_BOOL:
		v = sl_req_open_field(req, s->key);
		snprintf(buf, len, "%d", v != NULL && strcmp(v, "1") == 0);
		return 0;
	case SL_SETTING_SET:
		for (k = 0; s->choices[k] != NULL; k++) {
			snprintf(field, sizeof(field), "%s.%s", s->key, s->choices[k]);
			if ((v = sl_req_open_field(req, field)) == NULL || strcmp(v, "1") != 0)
				continue;
			n = snprintf(buf + used, len - used, "%s%s", used ? "," : "", s->choices[k]);
			if (n < 0 || (size_t)n >= len - used)
				return -1;
			used += (size_t)n;
		}
		return 0;
	default:
		v = sl_req_open_field(req, s->key);
		if (v == NULL)
			v = "";
		if (strlen(v) >= len)
			return -1;
		memcpy(buf, v, strlen(v) + 1);
		return 0;
	}
}

/* One field of the page for s with value v (stored text) and error. */
static struct json_object *field_model(struct sl_req *req, const struct sl_setting *s,
    const char *v, const char *error)
{
	struct json_object *f = json_object_new_object(), *choices;
	static const char *const kinds[] = {
		[SL_SETTING_INT] = "is_int", [SL_SETTING_BOOL] = "is_bool",
		[SL_SETTING_CHOICE] = "is_choice", [SL_SETTING_SET] = "is_set",
		[SL_SETTING_TEXT] = "is_text",
	};
	char key[160];
	size_t k;

	json_object_object_add(f, "key", json_object_new_string(s->key));
	json_object_object_add(f, "label", json_object_new_string(sl_req_text(req, s->label)));
	if (s->help != NULL)
		json_object_object_add(f, "help", json_object_new_string(sl_req_text(req, s->help)));
	json_object_object_add(f, kinds[s->type], json_object_new_boolean(1));
	json_object_object_add(f, "value", json_object_new_string(v));
	if (s->type == SL_SETTING_INT) {
		json_object_object_add(f, "min", json_object_new_int64(s->min));
		json_object_object_add(f, "max", json_object_new_int64(s->max));
	}
	if (s->type == SL_SETTING_TEXT)
		json_object_object_add(f, "maxlength", json_object_new_int64(s->max > 0 ? s->max : 200));
	if (s->type == SL_SETTING_BOOL)
		json_object_object_add(f, "checked", json_object_new_boolean(strcmp(v, "1") == 0));
	if (s->choices != NULL) {
		choices = json_object_new_array();
		for (k = 0; s->choices[k] != NULL; k++) {
			struct json_object *c = json_object_new_object();
			const char *label = s->choices[k];
			int on = s->type == SL_SETTING_SET
			    ? sl_setting_list_has(v, s->choices[k]) : strcmp(v, s->choices[k]) == 0;

			if (s->choice_label != NULL) {
				snprintf(key, sizeof(key), "%s.%s", s->choice_label, s->choices[k]);
				label = sl_req_text(req, key);
			}
			json_object_object_add(c, "value", json_object_new_string(s->choices[k]));
			json_object_object_add(c, "label", json_object_new_string(label));
			json_object_object_add(c, "on", json_object_new_boolean(on));
			json_object_array_add(choices, c);
		}
		json_object_object_add(f, "choices", choices);
	}
	if (error != NULL)
		json_object_object_add(f, "error", json_object_new_string(error));
	return f;
}

/*
 * The page model.  With posted = 1 the values come from the form and are
 * checked; each bad one carries its reason and *nbad counts them, and want
 * receives {key: text} of every value.  Otherwise the stored values.
 */
static struct json_object *page_model(struct sl_req *req, int posted, struct json_object *want,
    int *nbad)
{
	struct json_object *m = json_object_new_object(), *sections = json_object_new_array();
	const struct sl_settings *sec;
	const struct sl_setting *s;
	const char *name;
	char buf[SETTING_VALUE_MAX], err[300];
	size_t i;
	int fail = 0;

	*nbad = 0;
	json_object_object_add(m, "sections", sections);
	for (i = 0; (sec = sl_settings_section(i, &name)) != NULL; i++) {
		struct json_object *so, *fields;

		so = json_object_new_object();
		fields = json_object_new_array();
		json_object_object_add(so, "module", json_object_new_string(name));
		json_object_object_add(so, "title", json_object_new_string(sl_req_text(req, sec->title)));
		if (sec->intro != NULL)
			json_object_object_add(so, "intro",
			    json_object_new_string(sl_req_text(req, sec->intro)));
		json_object_object_add(so, "fields", fields);
		json_object_array_add(sections, so);
		if (sec->explain != NULL && sec->explain(req, so) != 0)
			fail = 1;
		for (s = sec->items; s->key != NULL; s++) {
			const char *error = NULL;
			char *stored = NULL;

			if (posted) {
				if (form_value(req, s, buf, sizeof(buf)) != 0) {
					snprintf(err, sizeof(err), "%s: value too long", s->key);
					error = err;
				} else if (sl_setting_check(s, buf, err, sizeof(err)) != 0)
					error = err;
				else
					json_object_object_add(want, s->key, json_object_new_string(buf));
				if (error != NULL)
					(*nbad)++;
			} else if ((stored = sl_setting_read(sl_req_db(req), s)) == NULL) {
				fail = 1;
				continue;
			}
			json_object_array_add(fields, field_model(req, s, stored ? stored : buf, error));
			free(stored);
		}
	}
	if (fail) {
		json_object_put(m);
		return NULL;
	}
	return m;
}

static int page_get(struct sl_req *req, struct sl_resp *resp)
{
	struct json_object *m;
	int nbad;

	if ((m = page_model(req, 0, NULL, &nbad)) == NULL)
		return -1;
	if (sl_req_bool(req, "saved"))
		sl_flash(m, "success", sl_req_text(req, "settings.saved"));
	sl_resp_model(resp, m);
	return 0;
}

static int page_post(struct sl_req *req, struct sl_resp *resp)
{
	struct json_object *want = json_object_new_object(), *now = NULL, *m;
	int nbad, rc = -1;

	if ((m = page_model(req, 1, want, &nbad)) == NULL)
		goto out;
	if (nbad > 0) {
		sl_flash(m, "danger", sl_req_text(req, "settings.invalid"));
		sl_resp_status(resp, 422);
		sl_resp_model(resp, m);
		rc = 0;
		goto out;
	}
	json_object_put(m);
	if ((now = current_values(sl_req_db(req))) == NULL || write_changes(req, now, want) < 0)
		goto out;
	sl_resp_redirect(resp, "/admin/settings?saved=1");
	rc = 0;
out:
	json_object_put(want);
	json_object_put(now);
	return rc;
}

static const struct sl_input page_in[] = {
	{ "saved", SL_IN_BOOL, .flags = 0 },   /* back from a save: the flash */
	{ 0 },
};

/* The form and the API's object: one field per setting of every module,
   validated by sl_setting_check() against the modules' const tables. */
static const struct sl_route routes[] = {
	{ SL_GET, "/admin/settings", page_get, SL_ROLE_ADMIN, "settings/page", .inputs = page_in },
	{ SL_POST, "/admin/settings", page_post, SL_ROLE_ADMIN, "settings/page",
	  .inputs = sl_no_inputs, .flags = SL_ROUTE_OPEN_INPUTS },
	{ SL_GET, "/api/v1/settings", api_get, SL_ROLE_ADMIN, NULL, .inputs = sl_no_inputs },
	{ SL_PUT, "/api/v1/settings", api_put, SL_ROLE_ADMIN, NULL, .inputs = sl_no_inputs,
	  .flags = SL_ROUTE_OPEN_INPUTS },
	{ 0 },
};

static const struct sl_nav nav[] = {
	{ "nav.settings", "/admin/settings", SL_ROLE_ADMIN, 890, SL_NAV_ADMIN },
	{ 0 },
};

/* The core reads the settings (salient/settings.h); this module writes them. */
static const char *const st_tables[] = { "settings", NULL };

const struct sl_module settings_module = {
	.name = "settings",
	.nav = nav,
	.routes = routes,
	.sql = st_sql,
	.nsql = ST_NSQL,
	.tables = st_tables,
};
