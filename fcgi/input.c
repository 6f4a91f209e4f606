/*
 * input.c - the route's declared inputs (salient/input.h), found in the
 * path, the query string, the form and a JSON object body, validated
 * before the handler, and the typed accessors handlers read them with.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "input.h"
#include "salient/log.h"
#include "parse.h"
#include "reqtypes.h"
#include "salient/input.h"
#include "salient/text.h"

const struct sl_input sl_no_inputs[] = { { 0 } };

/* The core's own fields, taken on every route. */
static const char *const core_query[] = { "lang", NULL };
static const char *const core_form[] = { "csrf_token", NULL };

/* How the path's {name} and {name:uint} are validated when not declared. */
static const struct sl_input path_uint = { "", SL_IN_UINT, .flags = SL_IN_REQUIRED | SL_IN_PATH,
	.min = 1, .max = INT64_MAX };
static const struct sl_input path_text = { "", SL_IN_TEXT, .flags = SL_IN_REQUIRED | SL_IN_PATH,
	.max = 200 };

struct in_slot {
	const char *name;
	const struct sl_input *d;
	int given, null;
	struct sl_in_value v;
	struct json_object *j;      /* SL_IN_JSON: borrowed from the body, or */
	struct json_object *own;    /* parsed from a form field's text (owned) */
	const struct hp_kv *file;   /* SL_IN_FILE */
};

#define PNAME_MAX 32
#define KV_MAX 16
#define IN_JSON_DEPTH 32

struct in_state {
	size_t n;
	struct in_slot slot[SL_IN_MAX + RM_MAX_PARAMS];
	char pname[RM_MAX_PARAMS][PNAME_MAX];   /* the path's names, NUL-terminated */
	size_t pslot[RM_MAX_PARAMS];            /* the slot of each path segment */
};

/* The failure being answered. */
struct in_fail {
	int err;
	const struct in_slot *slot;
	const char *name;           /* for unknown fields */
	const char *value;
	size_t at;
};

static int listed(const char *const *list, const char *name)
{
	size_t i;

	for (i = 0; list[i] != NULL; i++)
		if (strcmp(list[i], name) == 0)
			return 1;
	return 0;
}

static struct in_slot *slot_of(const struct in_state *st, const char *name, int path)
{
	size_t i;

	for (i = 0; st != NULL && i < st->n; i++)
		if (strcmp(st->slot[i].name, name) == 0 &&
		    ((st->slot[i].d->flags & SL_IN_PATH) != 0) == path)
			return (struct in_slot *)&st->slot[i];
	return NULL;
}

/* One text value for slot s; 0, or -1 with *f set. */
static int feed_text(struct sl_req *req, struct in_slot *s, const char *v, size_t len,
    int plain, struct in_fail *f)
{
	const struct sl_input *d = s->d;
	int rc;

	if (s->given && d->type != SL_IN_IDS) {
		f->err = SL_IN_ERR_REPEATED;
		goto fail;
	}
	if (len == 0 && (d->type != SL_IN_TEXT || d->min > 0) && d->type != SL_IN_IDS)
		return 0;   /* an empty form field: not given */
	if (len == 0 && d->type == SL_IN_IDS)
		return 0;
	if (d->type == SL_IN_JSON) {
		/* a form or query field holding JSON text */
		struct json_tokener *tok = json_tokener_new_ex(IN_JSON_DEPTH);
		struct json_object *j = NULL;

		if (tok != NULL && sl_utf8_valid(v, len, &f->at)) {
			j = json_tokener_parse_ex(tok, v, (int)len + 1);   /* the NUL ends a number */
			if (json_tokener_get_error(tok) != json_tokener_success) {
				json_object_put(j);
				j = NULL;
			}
		}
		json_tokener_free(tok);
		if (j == NULL || (!json_object_is_type(j, json_type_object) &&
		    !json_object_is_type(j, json_type_array)) ||
		    (d->max == 1 && !json_object_is_type(j, json_type_object)) ||
		    (d->max == 2 && !json_object_is_type(j, json_type_array))) {
			json_object_put(j);
			f->err = SL_IN_ERR_JSON;
			goto fail;
		}
		s->j = s->own = j;
		s->given = 1;
		return 0;
	}
	rc = sl_in_check(d, v, len, plain ? NULL : req->lang, &s->v, &f->at);
	if (rc != SL_IN_OK) {
		f->err = rc;
		goto fail;
	}
	s->given = 1;
	return 0;
fail:
	f->slot = s;
	f->value = v;
	return -1;
}

/* One member of a JSON object body for slot s; 0, or -1 with *f set. */
static int feed_json(struct sl_req *req, struct in_slot *s, struct json_object *v,
    struct in_fail *f)
{
	const struct sl_input *d = s->d;
	enum json_type t = json_object_get_type(v);
	const char *txt;
	size_t i, n;

	if (t == json_type_null) {
		s->given = s->null = 1;
		return 0;
	}
	if (d->type == SL_IN_JSON) {
		if ((t != json_type_object && t != json_type_array) ||
		    (d->max == 1 && t != json_type_object) || (d->max == 2 && t != json_type_array)) {
			f->err = SL_IN_ERR_JSON;
			goto fail;
		}
		s->j = v;
		s->given = 1;
		return 0;
	}
	if (d->type == SL_IN_IDS && t == json_type_array) {
		n = json_object_array_length(v);
		for (i = 0; i < n; i++) {
			struct json_object *e = json_object_array_get_idx(v, i);
			enum json_type et = json_object_get_type(e);

			if (et != json_type_int && et != json_type_string) {
				f->err = SL_IN_ERR_IDS;
				goto fail;
			}
			txt = json_object_get_string(e);
			if (feed_text(req, s, txt, strlen(txt), 1, f) != 0)
				return -1;
		}
		s->given = 1;
		return 0;
	}
	if (d->type == SL_IN_BOOL && t == json_type_boolean) {
		s->given = 1;
		s->v.i = json_object_get_boolean(v);
		return 0;
	}
	if (t == json_type_object || t == json_type_array) {
		f->err = SL_IN_ERR_JSON;
		goto fail;
	}
	/* strings, numbers (their text as sent) and booleans as text */
	txt = json_object_get_string(v);
	n = t == json_type_string ? (size_t)json_object_get_string_len(v) : strlen(txt);
	if (n == 0 && d->type != SL_IN_TEXT && d->type != SL_IN_IDS) {
		s->given = s->null = 1;   /* "" in the API: no value */
		return 0;
	}
	return feed_text(req, s, txt, n, 1, f);
fail:
	f->slot = s;
	f->value = NULL;
	return -1;
}

/* The slots for the route's table and its path segments; 0 or -1 (a bug). */
static int setup(struct sl_req *req, struct in_state *st)
{
	const struct sl_input *d = req->route->inputs;
	size_t i;

	for (; d != NULL && d->name != NULL; d++) {
		if (st->n == SL_IN_MAX) {
			log_err("route %s: more than %d inputs", req->route->pattern, SL_IN_MAX);
			return -1;
		}
		st->slot[st->n].name = d->name;
		st->slot[st->n++].d = d;
	}
	for (i = 0; i < req->match.count; i++) {
		const struct rm_param *p = &req->match.params[i];
		struct in_slot *s;

		if (p->nlen >= PNAME_MAX) {
			log_err("route %s: a path segment's name is too long", req->route->pattern);
			return -1;
		}
		memcpy(st->pname[i], p->name, p->nlen);
		st->pname[i][p->nlen] = '\0';
		if ((s = slot_of(st, st->pname[i], 1)) == NULL) {
			s = &st->slot[st->n++];
			s->name = st->pname[i];
			s->d = p->type != NULL ? &path_uint : &path_text;
		}
		st->pslot[i] = (size_t)(s - st->slot);
	}
	return 0;
}

/* Reads every field of the request into st; 0, or -1 with *f set. */
static int collect(struct sl_req *req, struct in_state *st, struct in_fail *f)
{
	int open = (req->route->flags & SL_ROUTE_OPEN_INPUTS) != 0;
	const struct hp_kvlist *lists[2] = { req->query, req->form };
	struct in_slot *s;
	size_t i, k;

	for (i = 0; i < req->match.count; i++) {
		s = &st->slot[st->pslot[i]];
		if (feed_text(req, s, req->params[i], strlen(req->params[i]), 1, f) != 0)
			return -1;
	}
	for (k = 0; k < 2; k++) {
		for (i = 0; lists[k] != NULL && i < lists[k]->count; i++) {
			const struct hp_kv *kv = &lists[k]->items[i];

			if (listed(k == 0 ? core_query : core_form, kv->name))
				continue;
			if ((s = slot_of(st, kv->name, 0)) == NULL) {
				if (open)
					continue;
				f->err = SL_IN_ERR_UNKNOWN;
				f->name = kv->name;
				return -1;
			}
			if (s->d->type == SL_IN_FILE) {
				if (kv->filename == NULL || s->given) {
					f->err = kv->filename == NULL ? SL_IN_ERR_FILE : SL_IN_ERR_REPEATED;
					f->slot = s;
					return -1;
				}
				if (s->d->max > 0 && kv->vlen > (size_t)s->d->max) {
					f->err = SL_IN_ERR_LONG;
					f->slot = s;
					return -1;
				}
				s->file = kv;
				s->given = 1;
				continue;
			}
			/* a browser's form is in the user's language; links and the
			   API's query strings may be either */
			if (feed_text(req, s, kv->value, kv->vlen, req->api, f) != 0)
				return -1;
		}
	}
	if (req->json != NULL && json_object_is_type(req->json, json_type_object)) {
		json_object_object_foreach(req->json, key, val) {
			if ((s = slot_of(st, key, 0)) == NULL) {
				if (open)
					continue;
				f->err = SL_IN_ERR_UNKNOWN;
				f->name = key;
				return -1;
			}
			if (feed_json(req, s, val, f) != 0)
				return -1;
		}
	}
	return 0;
}

static int cmp_id(const void *a, const void *b)
{
	unsigned long long x = *(const unsigned long long *)a, y = *(const unsigned long long *)b;

	return x < y ? -1 : x > y;
}

/* Required inputs given; ids sorted and unique.  0, or -1 with *f set. */
static int finish(struct in_state *st, struct in_fail *f)
{
	size_t i, j, k;

	for (i = 0; i < st->n; i++) {
		struct in_slot *s = &st->slot[i];

		if ((s->d->flags & SL_IN_REQUIRED) && (!s->given || s->null)) {
			f->err = SL_IN_ERR_REQUIRED;
			f->slot = s;
			return -1;
		}
		if (s->d->type == SL_IN_IDS && s->v.nids > 1) {
			qsort(s->v.ids, s->v.nids, sizeof(s->v.ids[0]), cmp_id);
			for (j = 1, k = 1; j < s->v.nids; j++)
				if (s->v.ids[j] != s->v.ids[k - 1])
					s->v.ids[k++] = s->v.ids[j];
			s->v.nids = k;
		}
	}
	return 0;
}

/* The names a route takes, for the message about an unknown one. */
static void names_of(const struct in_state *st, char *buf, size_t len)
{
	size_t i, at = 0, n;

	buf[0] = '\0';
	for (i = 0; i < st->n; i++) {
		if (st->slot[i].d->flags & SL_IN_PATH)
			continue;
		n = strlen(st->slot[i].name);
		if (at + n + 3 >= len)
			break;
		if (at > 0) {
			memcpy(buf + at, ", ", 2);
			at += 2;
		}
		memcpy(buf + at, st->slot[i].name, n + 1);
		at += n;
	}
}

static void num_text(char *buf, size_t len, long long v, const struct sl_input *d)
{
	int places = d->type == SL_IN_MONEY ? SL_MONEY_PLACES
	    : d->type == SL_IN_DECIMAL ? d->places : 0;

	sl_decimal_text(v, places, buf, len);
}

/* Answers 400 for *f in the caller's language. */
static void answer(struct sl_req *req, struct sl_resp *resp, const struct in_state *st,
    const struct in_fail *f)
{
	const struct sl_input *d = f->slot ? f->slot->d : NULL;
	char key[40], msg[SL_TEXT_MAX], value[160], lo[32], hi[32], names[400], at[24], pl[8];
	char choices[400] = "";
	const char *field = f->slot ? f->slot->name : f->name;
	size_t i, n = 0, k;

	names_of(st, names, sizeof(names));
	snprintf(key, sizeof(key), "input.%s%s", sl_in_err_code(f->err),
	    f->err == SL_IN_ERR_UNKNOWN && names[0] == '\0' ? "_none" : "");
	hp_log_safe(value, sizeof(value), f->value ? f->value : "");
	lo[0] = hi[0] = '\0';
	if (d != NULL && (d->type == SL_IN_UINT || d->type == SL_IN_INT)) {
		num_text(lo, sizeof(lo), d->max > d->min ? d->min : d->type == SL_IN_UINT ? 0 : INT64_MIN, d);
		num_text(hi, sizeof(hi), d->max > d->min ? d->max : INT64_MAX, d);
	} else if (d != NULL && d->max > d->min) {
		num_text(lo, sizeof(lo), d->min, d);
		num_text(hi, sizeof(hi), d->max, d);
	}
	if (d != NULL && d->type == SL_IN_TEXT)
		snprintf(hi, sizeof(hi), "%lld", d->max > 0 ? d->max : 1000);
	if (d != NULL && (d->type == SL_IN_TEXT || d->type == SL_IN_IDS) && f->err != SL_IN_ERR_LONG)
		snprintf(lo, sizeof(lo), "%lld", d->type == SL_IN_IDS && d->max == 0 ? 1000LL
		    : d->type == SL_IN_IDS ? d->max : d->min);
	if (d != NULL && d->type == SL_IN_FILE)
		snprintf(hi, sizeof(hi), "%lld", d->max);
	for (i = 0; d != NULL && d->choices != NULL && d->choices[i] != NULL; i++) {
		k = strlen(d->choices[i]);
		if (n + k + 3 >= sizeof(choices))
			break;
		if (n > 0) {
			memcpy(choices + n, ", ", 2);
			n += 2;
		}
		memcpy(choices + n, d->choices[i], k + 1);
		n += k;
	}
	snprintf(at, sizeof(at), "%zu", f->at + 1);
	snprintf(pl, sizeof(pl), "%d", d && d->type == SL_IN_DECIMAL ? d->places : SL_MONEY_PLACES);
	sl_req_textf(req, msg, sizeof(msg), key, "field", field ? field : "", "value", value,
	    "min", lo, "max", hi, "places", pl, "choices", choices, "names", names, "at", at,
	    "example", sl_req_text(req, d && d->type == SL_IN_MONEY ? "input.example_money"
	    : "input.example_decimal"), (const char *)NULL);
	sl_resp_error_field(resp, 400, field ? field : "", sl_in_err_code(f->err), "%s", msg);
}

int input_validate(struct sl_req *req, struct sl_resp *resp)
{
	struct in_fail f = { 0 };
	struct in_state *st;

	if (req->route->inputs == NULL)
		return 0;   /* not declared yet: the route table test names it */
	if ((st = calloc(1, sizeof(*st))) == NULL) {
		sl_resp_error(resp, 500, "out of memory");
		return 500;
	}
	req->inputs = st;
	if (setup(req, st) != 0) {
		sl_resp_error(resp, 500, "internal error");
		return 500;
	}
	if (collect(req, st, &f) != 0 || finish(st, &f) != 0) {
		answer(req, resp, st, &f);
		return 400;
	}
	return 0;
}

void input_free(struct sl_req *req)
{
	size_t i;

	if (req->inputs == NULL)
		return;
	for (i = 0; i < req->inputs->n; i++) {
		free(req->inputs->slot[i].v.ids);
		json_object_put(req->inputs->slot[i].own);
	}
	free(req->inputs);
	req->inputs = NULL;
}

/* ------------------------------------------------------------ accessors */

/* The slot of name if it has one of the types in mask (1 << type), else NULL. */
static const struct in_slot *get(const struct sl_req *req, const char *name, unsigned mask,
    const char *fn)
{
	const struct in_slot *s = slot_of(req->inputs, name, 0);

	if (s == NULL)
		s = slot_of(req->inputs, name, 1);
	if (s == NULL || !(mask & (1u << s->d->type))) {
		log_err("route %s: %s(\"%s\") reads an input the route does not declare%s",
		    req->route ? req->route->pattern : "?", fn, name,
		    s ? " with that type" : "");
		return NULL;
	}
	return s->given && !s->null ? s : NULL;
}

#define T(x) (1u << (x))

int sl_req_has(const struct sl_req *req, const char *name)
{
	const struct in_slot *s = slot_of(req->inputs, name, 0);

	if (s == NULL)
		s = slot_of(req->inputs, name, 1);
	if (s == NULL)
		get(req, name, 0, "sl_req_has");
	return s != NULL && s->given;
}

int sl_req_null(const struct sl_req *req, const char *name)
{
	const struct in_slot *s = slot_of(req->inputs, name, 0);

	return s != NULL && s->given && s->null;
}

unsigned long long sl_req_uint(const struct sl_req *req, const char *name,
    unsigned long long dflt)
{
	const struct in_slot *s = get(req, name, T(SL_IN_UINT), "sl_req_uint");

	return s ? (unsigned long long)s->v.i : dflt;
}

long long sl_req_int(const struct sl_req *req, const char *name, long long dflt)
{
	const struct in_slot *s = get(req, name, T(SL_IN_INT) | T(SL_IN_UINT), "sl_req_int");

	return s ? s->v.i : dflt;
}

int64_t sl_req_decimal(const struct sl_req *req, const char *name, int64_t dflt)
{
	const struct in_slot *s = get(req, name, T(SL_IN_DECIMAL) | T(SL_IN_MONEY), "sl_req_decimal");

	return s ? s->v.i : dflt;
}

sl_money sl_req_money(const struct sl_req *req, const char *name, sl_money dflt)
{
	const struct in_slot *s = get(req, name, T(SL_IN_MONEY), "sl_req_money");

	return s ? s->v.i : dflt;
}

const char *sl_req_date(const struct sl_req *req, const char *name)
{
	const struct in_slot *s = get(req, name, T(SL_IN_DATE), "sl_req_date");

	return s ? s->v.s : NULL;
}

int sl_req_enum(const struct sl_req *req, const char *name, int dflt)
{
	const struct in_slot *s = get(req, name, T(SL_IN_ENUM), "sl_req_enum");

	return s ? (int)s->v.i : dflt;
}

const char *sl_req_str(const struct sl_req *req, const char *name, size_t *len)
{
	const struct in_slot *s = get(req, name, T(SL_IN_TEXT) | T(SL_IN_ENUM) | T(SL_IN_DATE),
	    "sl_req_str");

	if (len != NULL)
		*len = s ? s->v.len : 0;
	return s ? s->v.s : NULL;
}

int sl_req_bool(const struct sl_req *req, const char *name)
{
	const struct in_slot *s = get(req, name, T(SL_IN_BOOL), "sl_req_bool");

	return s ? (int)s->v.i : 0;
}

size_t sl_req_ids(const struct sl_req *req, const char *name, const unsigned long long **ids)
{
	const struct in_slot *s = get(req, name, T(SL_IN_IDS), "sl_req_ids");

	*ids = s ? s->v.ids : NULL;
	return s ? s->v.nids : 0;
}

struct json_object *sl_req_member(const struct sl_req *req, const char *name)
{
	const struct in_slot *s = get(req, name, T(SL_IN_JSON), "sl_req_member");

	return s ? s->j : NULL;
}

const char *sl_req_file(const struct sl_req *req, const char *name, size_t *len,
    const char **filename)
{
	const struct in_slot *s = get(req, name, T(SL_IN_FILE), "sl_req_file");

	if (len != NULL)
		*len = s ? s->file->vlen : 0;
	if (filename != NULL)
		*filename = s ? s->file->filename : NULL;
	return s ? s->file->value : NULL;
}

/* ------------------------------------------------------------ texts */

/* sl_req_textf() with its name, value pairs in ap. */
static const char *textv(const struct sl_req *req, char *buf, size_t len, const char *key,
    va_list ap)
{
	const char *kv[2 * KV_MAX + 1];
	size_t n = 0;

	while (n < 2 * KV_MAX && (kv[n] = va_arg(ap, const char *)) != NULL) {
		kv[n + 1] = va_arg(ap, const char *);
		n += 2;
	}
	kv[n] = NULL;
	sl_text_fill(buf, len, sl_req_text(req, key), kv);
	return buf;
}

const char *sl_req_textf(const struct sl_req *req, char *buf, size_t len, const char *key, ...)
{
	va_list ap;

	va_start(ap, key);
	textv(req, buf, len, key, ap);
	va_end(ap);
	return buf;
}

void sl_resp_fail(const struct sl_req *req, struct sl_resp *resp, int status, const char *code,
    const char *key, ...)
{
	char msg[SL_TEXT_MAX];
	va_list ap;

	va_start(ap, key);
	textv(req, msg, sizeof(msg), key, ap);
	va_end(ap);
	sl_resp_error_field(resp, status, "", code, "%s", msg);
}
