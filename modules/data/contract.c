/*
 * contract.c - the data contract table (DESIGN.md section 4) and row
 * validation.  Header checks live in dcheader.c, parsers in dcparse.c.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "salient/money.h"
#include "salient/contract.h"
#include "dcmsg.h"
#include "dcparse.h"

#define ID	DC_T_ID
#define TEXT	DC_T_TEXT
#define REQ	1
#define OPT	0

static const char *const e_gender[] = { "F", "M", NULL };
static const char *const e_smart[] = { "retail", "trade", "distributor", NULL };
static const char *const e_channel[] =
    { "online", "boxoffice", "phone", "other", NULL };
static const char *const e_status[] = { "paid", "refunded", "cancelled", NULL };
/* the venue module's behavioural segments (modules/venue/vn_calc.h), all = totals */
static const char *const e_segment[] = { "all", "not_customer", "first_timer", "convertee",
    "active", "super_active", "stale", "lapsed", NULL };

/* name, type, required, maxlen, min, max, enums, default */
static const struct dc_column c_customers[] = {
	{ "customer_id", ID, REQ, 64, 0, 0, NULL, NULL },
	{ "email", DC_T_EMAIL, OPT, 254, 0, 0, NULL, NULL },
	{ "first_name", TEXT, OPT, 100, 0, 0, NULL, NULL },
	{ "last_name", TEXT, OPT, 100, 0, 0, NULL, NULL },
	{ "phone", TEXT, OPT, 40, 0, 0, NULL, NULL },
	{ "birth_date", DC_T_DATE, OPT, 0, 0, 0, NULL, NULL },
	{ "gender", DC_T_ENUM, OPT, 0, 0, 0, e_gender, NULL },
	{ "postcode", TEXT, OPT, 20, 0, 0, NULL, NULL },
	{ "city", TEXT, OPT, 100, 0, 0, NULL, NULL },
	{ "country", TEXT, OPT, 64, 0, 0, NULL, NULL },
	{ "latitude", DC_T_LAT, OPT, 0, 0, 0, NULL, NULL },
	{ "longitude", DC_T_LON, OPT, 0, 0, 0, NULL, NULL },
	{ "smart_type", DC_T_ENUM, OPT, 0, 0, 0, e_smart, "retail" },
	{ "account_manager", TEXT, OPT, 100, 0, 0, NULL, NULL },
	{ "subscriber", DC_T_FLAG, OPT, 0, 0, 0, NULL, NULL },
	{ "language", TEXT, OPT, 16, 0, 0, NULL, NULL },
	{ "created_at", DC_T_DATETIME, OPT, 0, 0, 0, NULL, NULL },
};

static const struct dc_column c_customer_tags[] = {
	{ "customer_id", ID, REQ, 64, 0, 0, NULL, NULL },
	{ "tag", TEXT, REQ, 100, 0, 0, NULL, NULL },
};

static const struct dc_column c_consents[] = {
	{ "customer_id", ID, REQ, 64, 0, 0, NULL, NULL },
	{ "consent", TEXT, REQ, 64, 0, 0, NULL, NULL },
	{ "granted", DC_T_FLAG, REQ, 0, 0, 0, NULL, NULL },
	{ "updated_at", DC_T_DATETIME, OPT, 0, 0, 0, NULL, NULL },
};

static const struct dc_column c_categories[] = {
	{ "category_id", ID, REQ, 64, 0, 0, NULL, NULL },
	{ "name", TEXT, REQ, 200, 0, 0, NULL, NULL },
	{ "parent_id", ID, OPT, 64, 0, 0, NULL, NULL },
};

static const struct dc_column c_products[] = {
	{ "product_id", ID, REQ, 64, 0, 0, NULL, NULL },
	{ "name", TEXT, REQ, 255, 0, 0, NULL, NULL },
	{ "sku", TEXT, OPT, 64, 0, 0, NULL, NULL },
	{ "category_id", ID, OPT, 64, 0, 0, NULL, NULL },
	{ "price", DC_T_MONEY, OPT, 0, 0, 0, NULL, NULL },
	{ "active", DC_T_FLAG, OPT, 0, 0, 0, NULL, "1" },
	{ "url", DC_T_URL, OPT, 500, 0, 0, NULL, NULL },
};

static const struct dc_column c_product_tags[] = {
	{ "product_id", ID, REQ, 64, 0, 0, NULL, NULL },
	{ "tag_group", TEXT, REQ, 64, 0, 0, NULL, NULL },
	{ "tag_value", TEXT, REQ, 100, 0, 0, NULL, NULL },
};

static const struct dc_column c_productions[] = {
	{ "production_id", ID, REQ, 64, 0, 0, NULL, NULL },
	{ "name", TEXT, REQ, 255, 0, 0, NULL, NULL },
	{ "genre", TEXT, OPT, 64, 0, 0, NULL, NULL },
};

static const struct dc_column c_events[] = {
	{ "event_id", ID, REQ, 64, 0, 0, NULL, NULL },
	{ "starts_at", DC_T_DATETIME, REQ, 0, 0, 0, NULL, NULL },
	{ "production_id", ID, OPT, 64, 0, 0, NULL, NULL },
	{ "name", TEXT, OPT, 255, 0, 0, NULL, NULL },
	{ "venue", TEXT, OPT, 200, 0, 0, NULL, NULL },
	{ "latitude", DC_T_LAT, OPT, 0, 0, 0, NULL, NULL },
	{ "longitude", DC_T_LON, OPT, 0, 0, 0, NULL, NULL },
	{ "capacity", DC_T_INT, OPT, 0, 0, 10000000, NULL, NULL },
};

static const struct dc_column c_orders[] = {
	{ "order_id", ID, REQ, 64, 0, 0, NULL, NULL },
	{ "customer_id", ID, REQ, 64, 0, 0, NULL, NULL },
	{ "ordered_at", DC_T_DATETIME, REQ, 0, 0, 0, NULL, NULL },
	{ "total", DC_T_MONEY, OPT, 0, 0, 0, NULL, NULL },
	{ "channel", DC_T_ENUM, OPT, 0, 0, 0, e_channel, NULL },
	{ "currency", DC_T_CURRENCY, OPT, 0, 0, 0, NULL, NULL },
	{ "status", DC_T_ENUM, OPT, 0, 0, 0, e_status, "paid" },
};

static const struct dc_column c_order_lines[] = {
	{ "order_id", ID, REQ, 64, 0, 0, NULL, NULL },
	{ "line_no", DC_T_INT, REQ, 0, 1, 65535, NULL, NULL },
	{ "product_id", ID, OPT, 64, 0, 0, NULL, NULL },
	{ "event_id", ID, OPT, 64, 0, 0, NULL, NULL },
	{ "quantity", DC_T_INT, OPT, 0, 1, 1000000, NULL, "1" },
	{ "unit_price", DC_T_MONEY, OPT, 0, 0, 0, NULL, NULL },
	{ "line_total", DC_T_MONEY, OPT, 0, 0, 0, NULL, NULL },
};

static const struct dc_column c_targets[] = {
	{ "customer_id", ID, REQ, 64, 0, 0, NULL, NULL },
	{ "period_start", DC_T_DATE, REQ, 0, 0, 0, NULL, NULL },
	{ "period_end", DC_T_DATE, REQ, 0, 0, 0, NULL, NULL },
	{ "amount", DC_T_MONEY, REQ, 0, 1, 0, NULL, NULL },
};

/* a production's targets (event_id blank) or an event's (modules/venue) */
static const struct dc_column c_production_targets[] = {
	{ "production_id", ID, REQ, 64, 0, 0, NULL, NULL },
	{ "event_id", ID, OPT, 64, 0, 0, NULL, NULL },
	{ "segment", DC_T_ENUM, OPT, 0, 0, 0, e_segment, "all" },
	{ "revenue", DC_T_MONEY, OPT, 0, 0, 0, NULL, NULL },
	{ "tickets", DC_T_INT, OPT, 0, 0, 1000000000, NULL, NULL },
	{ "bookers", DC_T_INT, OPT, 0, 0, 1000000000, NULL, NULL },
	{ "share", DC_T_MONEY, OPT, 0, 0, 0, NULL, NULL },
	{ "on_sale", DC_T_DATE, OPT, 0, 0, 0, NULL, NULL },
};

#define KIND(n, c) { n, c, sizeof(c) / sizeof((c)[0]) }
const struct dc_kind_def dc_kinds[DC_NKINDS] = {
	KIND("customers", c_customers),
	KIND("customer_tags", c_customer_tags),
	KIND("consents", c_consents),
	KIND("categories", c_categories),
	KIND("products", c_products),
	KIND("product_tags", c_product_tags),
	KIND("productions", c_productions),
	KIND("events", c_events),
	KIND("orders", c_orders),
	KIND("order_lines", c_order_lines),
	KIND("targets", c_targets),
	KIND("production_targets", c_production_targets),
};

/* The same names in the same order, for the import route's declared input. */
const char *const dc_kind_names[DC_NKINDS + 1] = {
	"customers", "customer_tags", "consents", "categories", "products", "product_tags",
	"productions", "events", "orders", "order_lines", "targets", "production_targets", NULL,
};

int
dc_kind_by_name(const char *name)
{
	int k;

	for (k = 0; k < DC_NKINDS; k++)
		if (strcmp(dc_kinds[k].name, name) == 0)
			return k;
	return -1;
}

int
dc_column_index(enum dc_kind kind, const char *name)
{
	size_t i;

	for (i = 0; i < dc_kinds[kind].ncols; i++)
		if (strcmp(dc_kinds[kind].cols[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* --- messages (coded: dcmsg.h; their texts are data.row.* in the catalogs) --- */

/*
 * A value made safe to quote in a message: at most 40 characters, control
 * characters shown as '?', "..." when cut.  Returns buf.
 */
const char *
dc_shown(const char *s, char *buf, size_t len)
{
	size_t i = 0, chars = 0;

	if (len < 16)
		return "";
	for (; *s != '\0'; s++) {
		if (((unsigned char)*s & 0xc0) != 0x80 &&
		    (++chars > 40 || i + 8 >= len)) {
			memcpy(buf + i, "...", 3);
			i += 3;
			break;
		}
		buf[i++] = (unsigned char)*s < 0x20 || *s == 0x7f ? '?' : *s;
	}
	buf[i] = '\0';
	return buf;
}

/* --- the row buffer --- */

/* Copies n bytes of s into the row; returns the copy or NULL if full. */
static const char *
keep(struct dc_row *r, const char *s, size_t n)
{
	char *p;

	if (n >= sizeof(r->buf) - r->used)
		return NULL;
	p = r->buf + r->used;
	memcpy(p, s, n);
	p[n] = '\0';
	r->used += n + 1;
	return p;
}

/* --- one checker per type --- */

struct cell {
	const struct dc_column	*col;
	const char		*s;	/* the input, not blank */
	struct dc_value		*v;
	struct dc_row		*row;
	char			*err;
	size_t			 errlen;
	char			 shown[64];
};

#define SHOWN(c)	dc_shown((c)->s, (c)->shown, sizeof((c)->shown))
/* the cell's message of key, naming the column (MSGV: and its value) */
#define MSG(c, key)	dc_msg((c)->err, (c)->errlen, key, "column", (c)->col->name, NULL)
#define MSGV(c, key)	dc_msg((c)->err, (c)->errlen, key, "column", (c)->col->name, \
			    "value", SHOWN(c), NULL)

static int
too_long(struct cell *c)
{
	char max[24];

	snprintf(max, sizeof(max), "%zu", c->col->maxlen);
	return dc_msg(c->err, c->errlen, "data.row.long", "column", c->col->name, "max", max,
	    NULL);
}

static int
out_of_range(struct cell *c, long long lo, long long hi)
{
	char a[24], b[24];

	snprintf(a, sizeof(a), "%lld", lo);
	snprintf(b, sizeof(b), "%lld", hi);
	return dc_msg(c->err, c->errlen, "data.row.range", "column", c->col->name, "value",
	    SHOWN(c), "min", a, "max", b, NULL);
}

static int
has_control(const char *s, int allow_space_ctl)
{
	for (; *s != '\0'; s++) {
		unsigned char ch = (unsigned char)*s;

		if (allow_space_ctl && (ch == '\t' || ch == '\n' || ch == '\r'))
			continue;
		if (ch < 0x20 || ch == 0x7f)
			return 1;
	}
	return 0;
}

static int
keep_input(struct cell *c)
{
	if ((c->v->str = keep(c->row, c->s, strlen(c->s))) == NULL)
		return MSG(c, "data.row.too_long");
	return 0;
}

static int
chk_text(struct cell *c)
{
	if (has_control(c->s, 1))
		return MSG(c, "data.row.control");
	if (dc_utf8_chars(c->s) > c->col->maxlen)
		return too_long(c);
	return keep_input(c);
}

static int
chk_id(struct cell *c)
{
	size_t n = strlen(c->s);

	if (has_control(c->s, 0))
		return MSG(c, "data.row.control");
	if (c->s[0] == ' ' || c->s[n - 1] == ' ')
		return MSGV(c, "data.row.spaces");
	if (dc_utf8_chars(c->s) > c->col->maxlen)
		return too_long(c);
	return keep_input(c);
}

static int
chk_email(struct cell *c)
{
	const char *at = strchr(c->s, '@'), *p;
	int ok = at != NULL && at != c->s && at - c->s <= 64 &&
	    strchr(at + 1, '@') == NULL && strchr(at + 1, '.') != NULL &&
	    at[1] != '.' && c->s[strlen(c->s) - 1] != '.';

	for (p = c->s; ok && *p != '\0'; p++)
		if ((unsigned char)*p <= 0x20 || *p == 0x7f || *p == ',' ||
		    *p == '<' || *p == '>' || *p == '"' || *p == '(' ||
		    *p == ')' || *p == ';' || *p == '\\')
			ok = 0;
	if (!ok)
		return MSGV(c, "data.row.email");
	if (dc_utf8_chars(c->s) > c->col->maxlen)
		return too_long(c);
	return keep_input(c);
}

static int
chk_date(struct cell *c)
{
	if (dc_parse_date(c->s, &c->v->num))
		return MSGV(c, "data.row.date");
	return keep_input(c);
}

static int
chk_datetime(struct cell *c)
{
	struct dc_datetime dt;
	char buf[32];
	int n;

	if (dc_parse_datetime(c->s, &dt))
		return MSGV(c, strlen(c->s) <= 10 ? "data.row.date" : "data.row.datetime");
	n = snprintf(buf, sizeof(buf), "%04d-%02d-%02d %02d:%02d:%02d",
	    dt.y, dt.mo, dt.d, dt.h, dt.mi, dt.s);
	c->v->num = dc_days_from_civil(dt.y, dt.mo, dt.d) * 86400 +
	    dt.h * 3600 + dt.mi * 60 + dt.s;
	c->v->hastz = dt.hastz;
	c->v->tzmin = dt.tzmin;
	if ((c->v->str = keep(c->row, buf, (size_t)n)) == NULL)
		return MSG(c, "data.row.too_long");
	return 0;
}

static int
chk_money(struct cell *c)
{
	char buf[32];
	size_t n;

	switch (sl_decimal_parse_strict(c->s, SL_MONEY_PLACES,
	    SL_MONEY_INTDIGITS, &c->v->num)) {
	case SL_NUM_OK:
		break;
	case SL_NUM_RANGE:
		return MSGV(c, "data.row.money_big");
	case SL_NUM_PLACES:
		return MSGV(c, "data.row.money_places");
	default:
		return MSGV(c, "data.row.money");
	}
	if (c->v->num < 0)
		return MSGV(c, "data.row.negative");
	if (c->v->num < c->col->min)
		return MSGV(c, "data.row.positive");
	n = sl_money_text(c->v->num, buf, sizeof(buf));
	if ((c->v->str = keep(c->row, buf, n)) == NULL)
		return MSG(c, "data.row.too_long");
	return 0;
}

static int
chk_enum(struct cell *c)
{
	const char *const *e;
	char list[256];
	size_t used = 0;

	for (e = c->col->enums; *e != NULL; e++)
		if (strcasecmp(*e, c->s) == 0) {
			c->v->num = e - c->col->enums;
			c->v->str = *e;
			return 0;
		}
	list[0] = '\0';
	for (e = c->col->enums; *e != NULL; e++) {
		int n = snprintf(list + used, sizeof(list) - used, "%s%s",
		    e == c->col->enums ? "" : ", ", *e);
		if (n < 0 || (size_t)n >= sizeof(list) - used)
			break;
		used += (size_t)n;
	}
	return dc_msg(c->err, c->errlen, "data.row.enum", "column", c->col->name, "value",
	    SHOWN(c), "choices", list, NULL);
}

static int
chk_flag(struct cell *c)
{
	if (strcmp(c->s, "0") != 0 && strcmp(c->s, "1") != 0)
		return MSGV(c, "data.row.flag");
	c->v->num = c->s[0] - '0';
	c->v->str = c->s[0] == '1' ? "1" : "0";
	return 0;
}

static int
chk_int(struct cell *c)
{
	char buf[32];
	int n;
	int rc = dc_parse_fixed(c->s, 12, 0, 0, &c->v->num);

	if (rc == DC_NUM_BAD || strchr(c->s, '.') != NULL)
		return MSGV(c, "data.row.int");
	if (rc != 0 || c->v->num < c->col->min || c->v->num > c->col->max)
		return out_of_range(c, c->col->min, c->col->max);
	n = snprintf(buf, sizeof(buf), "%lld", (long long)c->v->num);
	if ((c->v->str = keep(c->row, buf, (size_t)n)) == NULL)
		return MSG(c, "data.row.too_long");
	return 0;
}

static int
chk_degrees(struct cell *c, int limit)
{
	char buf[32];
	size_t n;
	int rc = dc_parse_fixed(c->s, 3, 7, 1, &c->v->num);

	if (rc == DC_NUM_BAD)
		return MSGV(c, "data.row.number");
	if (rc != 0 || c->v->num < -(int64_t)limit * 10000000 ||
	    c->v->num > (int64_t)limit * 10000000)
		return out_of_range(c, -limit, limit);
	n = sl_decimal_text(c->v->num, 7, buf, sizeof(buf));
	if ((c->v->str = keep(c->row, buf, n)) == NULL)
		return MSG(c, "data.row.too_long");
	return 0;
}

static int chk_lat(struct cell *c) { return chk_degrees(c, 90); }
static int chk_lon(struct cell *c) { return chk_degrees(c, 180); }

static int
chk_currency(struct cell *c)
{
	if (strlen(c->s) != 3 || c->s[0] < 'A' || c->s[0] > 'Z' ||
	    c->s[1] < 'A' || c->s[1] > 'Z' || c->s[2] < 'A' || c->s[2] > 'Z')
		return MSGV(c, "data.row.currency");
	return keep_input(c);
}

static int
chk_url(struct cell *c)
{
	const char *p = c->s, *host;

	if (strncasecmp(p, "https://", 8) == 0)
		host = p + 8;
	else if (strncasecmp(p, "http://", 7) == 0)
		host = p + 7;
	else
		return MSGV(c, "data.row.url");
	if (*host == '\0' || *host == '/' || *host == '?' || *host == '#')
		return MSGV(c, "data.row.url");
	for (; *p != '\0'; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f || *p == '"' || *p == '\'' ||
		    *p == '<' || *p == '>' || *p == '\\' || *p == '`')
			return MSGV(c, "data.row.url");
	if (dc_utf8_chars(c->s) > c->col->maxlen)
		return too_long(c);
	return keep_input(c);
}

/* Indexed by enum dc_type. */
static int (*const checkers[])(struct cell *) = {
	[DC_T_ID] = chk_id,
	[DC_T_TEXT] = chk_text,
	[DC_T_EMAIL] = chk_email,
	[DC_T_DATE] = chk_date,
	[DC_T_DATETIME] = chk_datetime,
	[DC_T_MONEY] = chk_money,
	[DC_T_ENUM] = chk_enum,
	[DC_T_FLAG] = chk_flag,
	[DC_T_INT] = chk_int,
	[DC_T_LAT] = chk_lat,
	[DC_T_LON] = chk_lon,
	[DC_T_CURRENCY] = chk_currency,
	[DC_T_URL] = chk_url,
};

/* --- rules across the columns of a row --- */

static int
rule_targets(struct dc_row *r, char *err, size_t errlen)
{
	char a[64], b[64];

	if (r->v[2].num < r->v[1].num)
		return dc_msg(err, errlen, "data.row.period", "column", "period_end", "value",
		    dc_shown(r->v[2].str, a, sizeof(a)), "start",
		    dc_shown(r->v[1].str, b, sizeof(b)), NULL);
	return 0;
}

static int
rule_categories(struct dc_row *r, char *err, size_t errlen)
{
	if (r->v[2].str != NULL && strcmp(r->v[0].str, r->v[2].str) == 0)
		return dc_msg(err, errlen, "data.row.own_parent", "column", "parent_id", NULL);
	return 0;
}

/*
 * A production target row: totals (segment all) take no share; a
 * segment's row takes bookers or share (a percentage of the bookers
 * target, at most 100), nothing else.
 */
static int
rule_production_targets(struct dc_row *r, char *err, size_t errlen)
{
	static const int totals_only[] = { 3, 4, 7 };
	char v[64];
	size_t i;

	if (r->v[6].str != NULL && r->v[6].num > 1000000)
		return dc_msg(err, errlen, "venue.import.share_range", "column", "share", "value",
		    dc_shown(r->v[6].str, v, sizeof(v)), NULL);
	if (r->v[2].num == 0) {
		if (r->v[6].str != NULL)
			return dc_msg(err, errlen, "venue.import.share_total", "column", "share",
			    NULL);
		return 0;
	}
	for (i = 0; i < sizeof(totals_only) / sizeof(totals_only[0]); i++)
		if (r->v[totals_only[i]].str != NULL)
			return dc_msg(err, errlen, "venue.import.totals_only", "column",
			    c_production_targets[totals_only[i]].name, NULL);
	if ((r->v[5].str != NULL) == (r->v[6].str != NULL))
		return dc_msg(err, errlen, "venue.import.bookers_or_share", "column",
		    r->v[5].str != NULL ? "share" : "bookers", NULL);
	return 0;
}

static const struct {
	enum dc_kind	  kind;
	int		(*rule)(struct dc_row *, char *, size_t);
} rules[] = {
	{ DC_TARGETS, rule_targets },
	{ DC_CATEGORIES, rule_categories },
	{ DC_PRODUCTION_TARGETS, rule_production_targets },
};

int
dc_validate_row(enum dc_kind kind, const char *const *values,
    struct dc_row *out, char *err, size_t errlen)
{
	const struct dc_kind_def *k = &dc_kinds[kind];
	struct cell c;
	size_t i;

	memset(out, 0, offsetof(struct dc_row, buf));
	out->kind = kind;
	out->ncols = k->ncols;
	out->used = 0;
	for (i = 0; i < k->ncols; i++) {
		memset(&c, 0, sizeof(c));
		c.col = &k->cols[i];
		c.s = values[i];
		c.v = &out->v[i];
		c.row = out;
		c.err = err;
		c.errlen = errlen;
		if (c.s == NULL || c.s[0] == '\0') {
			if (c.col->required)
				return dc_msg(err, errlen, "data.row.required", "column",
				    c.col->name, NULL);
			if (c.col->deflt == NULL)
				continue;
			c.s = c.col->deflt;
		}
		if (!dc_valid_utf8(c.s, strlen(c.s), NULL))
			return dc_msg(err, errlen, "data.row.utf8", "column", c.col->name,
			    NULL);
		if (checkers[c.col->type](&c))
			return -1;
	}
	for (i = 0; i < sizeof(rules) / sizeof(rules[0]); i++)
		if (rules[i].kind == kind && rules[i].rule(out, err, errlen))
			return -1;
	return 0;
}
