/*
 * import_sink.c - see import.h.  Batches are bound straight from the
 * validated rows (struct dc_row, one per slot, allocated once), so the
 * per-row path allocates nothing; the statements are data's (data_sql.c),
 * run through salient/db.h: the multi-row ones by sl_db_exec_rows(), the
 * look-ups of host ids as a cursor over a JSON array of them.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "data_sql.h"
#include "import.h"
#include "import_load.h"
#include "import_map.h"
#include "import_targets.h"
#include "import_tz.h"
#include "purchases.h"
#include "salient/cli.h"
#include "salient/db.h"
#include "salient/salient.h"
#include "salient/text.h"

#define NAME_MAX_SRC	1024	/* sources (files) named in the report */

/* keys[] holds the host ids of a placeholder batch or a touched-orders statement */
_Static_assert(IMP_REFS <= IMP_BATCH, "IMP_REFS host ids fit in keys[]");

/*
 * A buffered row and the text of each bound column (p[o], NULL binds SQL
 * NULL: sl_db_exec_rows() reads it at its offset in the slot).
 */
struct slot {
	struct dc_row		 row;
	unsigned long		 line;
	unsigned long long	 refid[IMP_MAXOUT];	/* S_REF: the internal id */
	const char		*p[IMP_MAXOUT];
	char			 ref[IMP_MAXOUT][24];	/* refid as text */
	char			 utc[IMP_MAXOUT][20];
};

/* One host id bound as a one-field row (the placeholders, the touched orders). */
struct key {
	const char		*s;
};

static const struct sl_db_field key_fields[] = {
	{ 's', offsetof(struct key, s) },
	{ 0, 0 },
};

struct imp_sink {
	struct sl_db		*db;
	struct itz		 tz;
	struct im_map		 map[IE_N];
	struct imp_targets	 tg;		/* target rows of the transaction */
	struct slot		*slots;		/* IMP_BATCH */
	size_t			 n;		/* rows buffered */
	/* per kind: the slot's p[] as the upsert's fields */
	struct sl_db_field	 fields[DC_NKINDS][IMP_MAXOUT + 1];
	struct key		 keys[IMP_BATCH];	/* host ids of a statement */
	uint32_t		 pend[IMP_BATCH];	/* map entries being resolved */
	size_t			 npend;
	char			*json;		/* the host ids of a look-up */
	size_t			 jcap;
	enum dc_kind		 kind;
	int			 in_tx;
	int			 can_load;	/* the connection allows LOCAL INFILE */
	int			 loading;	/* this file goes by LOAD DATA */
	struct il_buf		 lb;		/* its rows not yet sent */
	int			 totals;	/* rows that may change totals */
	/*
	 * The orders whose total or purchases row those rows may change
	 * (every order row and the order of every line), by host id, so that
	 * a small batch (the API) updates only them; past TOUCHED_MAX a
	 * command updates every order with totals from lines in one pass
	 * and derives purchases again in ranges of order ids.
	 */
	struct im_map		 touched;
	int			 touched_all;
	unsigned long		 accepted;
	char			*src[NAME_MAX_SRC];
	enum dc_kind		 src_kind[NAME_MAX_SRC];
	unsigned		 nsrc;
};

struct imp_sink *imp_sink_new(struct sl_db *db, const char *tzname, char *err, size_t errlen)
{
	struct imp_sink *s = NULL;
	size_t i, o;

	if ((s = calloc(1, sizeof(*s))) == NULL)
		goto nomem;
	s->db = db;
	for (i = 0; i < IE_N; i++)
		im_init(&s->map[i]);
	im_init(&s->touched);
	imp_targets_init(&s->tg);
	for (i = 0; i < DC_NKINDS; i++)
		for (o = 0; o < imp_kinds[i].nout; o++) {
			s->fields[i][o].type = 's';
			s->fields[i][o].offset = offsetof(struct slot, p) + o * sizeof(const char *);
		}
	if (itz_load(&s->tz, NULL, tzname, err, errlen) != 0)
		goto fail;
	if ((s->slots = calloc(IMP_BATCH, sizeof(*s->slots))) == NULL)
		goto nomem;
	return s;
nomem:
	snprintf(err, errlen, "out of memory");
fail:
	imp_sink_free(s);
	return NULL;
}

void imp_sink_free(struct imp_sink *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < IE_N; i++)
		im_free(&s->map[i]);
	im_free(&s->touched);
	imp_targets_free(&s->tg);
	il_free(&s->lb);
	for (i = 0; i < s->nsrc; i++)
		free(s->src[i]);
	free(s->slots);
	free(s->json);
	free(s);
}

static void db_err(struct imp_sink *s, char *err, size_t errlen)
{
	snprintf(err, errlen, "database: %s", sl_db_error(s->db));
}

/*
 * Writes n rows (size bytes apart) by the multi-row statement first (its
 * DS_NBATCH entries, data_batch sizes): whole batches of the largest, the
 * rest by its digits.  0 or -1 (err).
 */
static int exec_batches(struct imp_sink *s, enum data_sql_id first,
    const struct sl_db_field *fields, const void *rows, size_t size, size_t n,
    char *err, size_t errlen)
{
	size_t p = 0;

	while (n > 0) {
		while (data_batch[p] > n)
			p++;
		if (sl_db_exec_rows(s->db, SL_SQL(data_sql, first + p), fields, rows, size,
		    data_batch[p]) < 0) {
			db_err(s, err, errlen);
			return -1;
		}
		rows = (const char *)rows + data_batch[p] * size;
		n -= data_batch[p];
	}
	return 0;
}

void imp_sink_allow_load(struct imp_sink *s)
{
	s->can_load = 1;
}

int imp_begin(struct imp_sink *s, enum dc_kind kind, const char *name, char *err, size_t errlen)
{
	long long any = 1;

	if (sl_db_begin(s->db) != 0) {
		db_err(s, err, errlen);
		return -1;
	}
	s->in_tx = 1;
	s->kind = kind;
	s->n = 0;
	s->accepted = 0;
	s->lb.n = 0;
	/* the first import of a big table: by LOAD DATA (import_load.h) */
	if (s->can_load && imp_kinds[kind].load != 0 &&
	    sl_db_int(s->db, &any, SL_SQL(data_sql, imp_kinds[kind].any)) < 0) {
		db_err(s, err, errlen);
		return -1;
	}
	s->loading = any == 0;
	imp_targets_free(&s->tg);
	if (s->nsrc < NAME_MAX_SRC && (s->src[s->nsrc] = strdup(name)) != NULL) {
		s->src_kind[s->nsrc] = kind;
		s->nsrc++;
	}
	return 0;
}

unsigned long imp_accepted(const struct imp_sink *s)
{
	return s->accepted;
}

/* Writes v as n decimal digits (zero-padded) at p. */
static void digits(char *p, long long v, int n)
{
	while (n-- > 0) {
		p[n] = (char)('0' + v % 10);
		v /= 10;
	}
}

void imp_convert_time(const struct imp_sink *s, long long wall, int hastz, int tzmin,
    char utc[20], char date[11])
{
	int64_t u = hastz ? wall - (int64_t)tzmin * 60 : itz_to_utc(&s->tz, wall);
	int64_t local = u + itz_offset(&s->tz, u), days, secs;
	int y, mo, d;

	days = u / 86400 - (u % 86400 < 0);
	secs = u - days * 86400;
	dc_civil_from_days(days, &y, &mo, &d);
	/* the contract's years are 0001..9999 */
	memcpy(utc, "0000-00-00 00:00:00", 20);
	digits(utc, y, 4);
	digits(utc + 5, mo, 2);
	digits(utc + 8, d, 2);
	digits(utc + 11, secs / 3600, 2);
	digits(utc + 14, secs / 60 % 60, 2);
	digits(utc + 17, secs % 60, 2);
	days = local / 86400 - (local % 86400 < 0);
	dc_civil_from_days(days, &y, &mo, &d);
	memcpy(date, "0000-00-00", 11);
	digits(date, y, 4);
	digits(date + 5, mo, 2);
	digits(date + 8, d, 2);
}

/* ---------------------------------------------------------- references */

/*
 * The pending host ids of entity e as a JSON array of strings in s->json
 * (the look-up's one parameter).  0, or -1 when out of memory.
 */
static int pending_json(struct imp_sink *s, int e)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, need = 3, at = 0;
	char *j;

	for (i = 0; i < s->npend; i++)
		need += 6 * (size_t)s->map[e].e[s->pend[i]].keylen + 3;
	if (need > s->jcap) {
		if ((j = realloc(s->json, need)) == NULL)
			return -1;
		s->json = j;
		s->jcap = need;
	}
	j = s->json;
	j[at++] = '[';
	for (i = 0; i < s->npend; i++) {
		const struct im_entry *en = &s->map[e].e[s->pend[i]];
		const unsigned char *k = (const unsigned char *)im_key(&s->map[e], en);
		uint32_t c;

		if (i > 0)
			j[at++] = ',';
		j[at++] = '"';
		for (c = 0; c < en->keylen; c++)
			if (k[c] == '"' || k[c] == '\\') {
				j[at++] = '\\';
				j[at++] = (char)k[c];
			} else if (k[c] < 0x20) {
				memcpy(j + at, "\\u00", 4);
				j[at + 4] = hex[k[c] >> 4];
				j[at + 5] = hex[k[c] & 15];
				at += 6;
			} else {
				j[at++] = (char)k[c];
			}
		j[at++] = '"';
	}
	j[at++] = ']';
	j[at] = '\0';
	return 0;
}

/* Runs the look-up of the pending host ids; fills ids found.  0 or -1. */
static int lookup_pending(struct imp_sink *s, int e, char *err, size_t errlen)
{
	struct sl_cursor *c;
	char key[4 * 64 + 1];
	size_t klen = 0;
	unsigned id = 0;
	long long ph = 0;
	int rc;

	if (pending_json(s, e) != 0) {
		snprintf(err, errlen, "out of memory for host ids");
		return -1;
	}
	if ((c = sl_cursor_open(s->db, SL_SQL(data_sql, imp_ent_lookup[e]), s->json)) == NULL) {
		db_err(s, err, errlen);
		return -1;
	}
	if (sl_cursor_bind(c, "sni", key, sizeof(key), &klen, &id, &ph) != 0)
		rc = -1;
	else
		while ((rc = sl_cursor_fetch(c)) == 1) {
			struct im_entry *en = im_get(&s->map[e], key, klen);

			if (en != NULL) {
				en->id = id;
				en->ph = ph != 0;
			}
		}
	if (rc != 0)
		snprintf(err, errlen, "database: %s", sl_cursor_error(c));
	sl_cursor_close(c);
	return rc != 0 ? -1 : 0;
}

/* Resolves the pending host ids of entity e: look up, then placeholders. */
static int resolve_pending(struct imp_sink *s, int e, char *err, size_t errlen)
{
	size_t i, k = 0;

	if (s->npend == 0)
		return 0;
	if (lookup_pending(s, e, err, errlen) != 0)
		return -1;
	for (i = 0; i < s->npend; i++)
		if (s->map[e].e[s->pend[i]].id == 0)
			s->pend[k++] = s->pend[i];
	s->npend = k;
	if (k > 0) {
		for (i = 0; i < k; i++)
			s->keys[i].s = im_key(&s->map[e], &s->map[e].e[s->pend[i]]);
		if (exec_batches(s, imp_ent_ph[e], key_fields, s->keys, sizeof(s->keys[0]), k,
		    err, errlen) != 0 || lookup_pending(s, e, err, errlen) != 0)
			return -1;
		for (i = 0; i < k; i++)
			if (s->map[e].e[s->pend[i]].id == 0) {
				snprintf(err, errlen, "%s: placeholder for a host id not found",
				    imp_ent_table[e]);
				return -1;
			}
	}
	s->npend = 0;
	return 0;
}

/* Puts every reference of the batch into the maps, resolving unseen ones. */
static int resolve_refs(struct imp_sink *s, char *err, size_t errlen)
{
	const struct imp_kind *k = &imp_kinds[s->kind];
	size_t r, o;

	for (o = 0; o < k->nout; o++) {
		int e = k->out[o].ent, c = k->out[o].col;

		if (k->out[o].src != S_REF)
			continue;
		s->npend = 0;
		for (r = 0; r < s->n; r++) {
			const char *h = s->slots[r].row.v[c].str;
			size_t len;
			struct im_entry *en;

			if (h == NULL)
				continue;
			len = strlen(h);
			if ((en = im_get(&s->map[e], h, len)) != NULL)
				continue;
			if ((en = im_put(&s->map[e], h, len, 0)) == NULL) {
				snprintf(err, errlen, "out of memory for host ids");
				return -1;
			}
			s->pend[s->npend++] = (uint32_t)(en - s->map[e].e);
			if (s->npend == IMP_BATCH && resolve_pending(s, e, err, errlen) != 0)
				return -1;
		}
		if (resolve_pending(s, e, err, errlen) != 0)
			return -1;
		for (r = 0; r < s->n; r++) {
			const char *h = s->slots[r].row.v[c].str;
			struct im_entry *en;

			if (h == NULL)
				continue;
			en = im_get(&s->map[e], h, strlen(h));
			s->slots[r].refid[o] = en->id;
			if (en->ph && en->ref_file == 0) {
				en->ref_file = (uint16_t)s->nsrc;
				en->ref_line = (uint32_t)s->slots[r].line;
				en->ref_col = (uint8_t)c;
			}
		}
	}
	return 0;
}

/* ---------------------------------------------------------- batches */

/* Points the slot's p[] at the text of each column of row r. */
static void bind_row(struct imp_sink *s, size_t r)
{
	const struct imp_kind *k = &imp_kinds[s->kind];
	struct slot *sl = &s->slots[r];
	size_t o;

	for (o = 0; o < k->nout; o++) {
		const struct dc_value *v = &sl->row.v[k->out[o].col];
		const char *str = NULL;

		switch (k->out[o].src) {
		case S_COL:
			str = v->str;
			break;
		case S_REF:
			if (v->str != NULL) {
				snprintf(sl->ref[o], sizeof(sl->ref[o]), "%llu", sl->refid[o]);
				str = sl->ref[o];
			}
			break;
		case S_UTC:
		case S_LDATE:
			if (v->str != NULL) {
				char utc[20], date[11];

				imp_convert_time(s, v->num, v->hastz, v->tzmin, utc, date);
				if (k->out[o].src == S_LDATE)
					memcpy(sl->utc[o], date, sizeof(date));
				else
					memcpy(sl->utc[o], utc, sizeof(utc));
				str = sl->utc[o];
			}
			break;
		case S_ZERO_BLANK:
			str = v->str ? v->str : "0";
			break;
		case S_IS_BLANK:
			str = v->str ? "0" : "1";
			break;
		}
		sl->p[o] = str;
	}
}

/* Upserts the buffered rows. */
static int flush(struct imp_sink *s, char *err, size_t errlen)
{
	const struct imp_kind *k = &imp_kinds[s->kind];
	size_t r;

	if (s->n == 0)
		return 0;
	if (resolve_refs(s, err, errlen) != 0)
		return -1;
	for (r = 0; r < s->n; r++)
		bind_row(s, r);
	if (s->loading) {
		for (r = 0; r < s->n; r++)
			if (il_row(&s->lb, s->slots[r].p, k->nout) != 0) {
				snprintf(err, errlen, "out of memory for the rows to load");
				return -1;
			}
		if (s->lb.n >= IL_CHUNK &&
		    il_send(&s->lb, s->db, &data_sql[k->load], err, errlen) != 0)
			return -1;
	} else if (exec_batches(s, k->upsert, s->fields[s->kind], s->slots, sizeof(s->slots[0]),
	    s->n, err, errlen) != 0)
		return -1;
	if (k->own != IE_NONE)
		for (r = 0; r < s->n; r++) {
			const char *h = s->slots[r].row.v[0].str;
			struct im_entry *en = im_get(&s->map[k->own], h, strlen(h));

			if (en != NULL)
				en->ph = 0;
		}
	s->n = 0;
	return 0;
}

#define TOUCHED_MAX 100000

/*
 * Notes the order whose total or purchases row may change: the order of
 * an orders row (its customer, date, status, total or currency) or of a
 * line.  0, or -1 when out of memory.
 */
static int touch(struct imp_sink *s, const struct dc_row *row)
{
	const char *h = NULL;

	if (s->touched_all)
		return 0;
	if (s->kind == DC_ORDERS || s->kind == DC_ORDER_LINES)
		h = row->v[0].str;   /* order_id */
	if (h == NULL || im_get(&s->touched, h, strlen(h)) != NULL)
		return 0;
	if (s->touched.n >= TOUCHED_MAX) {
		s->touched_all = 1;
		im_free(&s->touched);
		return 0;
	}
	return im_put(&s->touched, h, strlen(h), 0) != NULL ? 0 : -1;
}

/*
 * Runs statement id (over IMP_REFS host ids) for the touched orders i ..
 * i + IMP_REFS - 1; a short last batch repeats its last id.  0 or -1 (err).
 */
static int exec_touched(struct imp_sink *s, enum data_sql_id id, uint32_t i,
    char *err, size_t errlen)
{
	uint32_t k;

	for (k = 0; k < IMP_REFS; k++) {
		uint32_t at = i + k < s->touched.n ? i + k : s->touched.n - 1;

		s->keys[k].s = im_key(&s->touched, &s->touched.e[at]);
	}
	if (sl_db_exec_rows(s->db, SL_SQL(data_sql, id), key_fields, s->keys, sizeof(s->keys[0]),
	    IMP_REFS) < 0) {
		db_err(s, err, errlen);
		return -1;
	}
	return 0;
}

/*
 * Recomputes the totals of the touched orders, then their purchases rows
 * (delete, then derive again: an order no longer paid, or moved to
 * another customer or day, loses its old row), IMP_REFS host ids at a
 * time, in the caller's transaction.  0 or -1 (err).
 */
static int derive_touched(struct imp_sink *s, char *err, size_t errlen)
{
	uint32_t i;

	if (s->touched.n == 0)
		return 0;
	for (i = 0; i < s->touched.n; i += IMP_REFS)
		if (exec_touched(s, DS_TOTALS_SOME, i, err, errlen) != 0)
			return -1;
	if (pur_session(s->db, err, errlen) != 0)
		return -1;
	for (i = 0; i < s->touched.n; i += IMP_REFS)
		if (exec_touched(s, DS_PUR_DELETE_SOME, i, err, errlen) != 0 ||
		    exec_touched(s, DS_PUR_INSERT_SOME, i, err, errlen) != 0 ||
		    pur_check_warnings(s->db, err, errlen) != 0)
			return -1;
	return 0;
}

int imp_row(struct imp_sink *s, const char *const *values, unsigned long line,
    char *err, size_t errlen)
{
	struct slot *sl = &s->slots[s->n];
	int rc;

	if (dc_validate_row(s->kind, values, &sl->row, err, errlen) != 0)
		return 1;
	/* a target for a customer never imported, or sharing a day with
	   another of the customer's, is refused as the targets API does */
	if (s->kind == DC_TARGETS && (rc = imp_targets_check(&s->tg, s->db,
	    &s->map[IE_CUSTOMERS], &sl->row, line, err, errlen)) != 0)
		return rc;
	sl->line = line;
	s->n++;
	s->accepted++;
	if (imp_kinds[s->kind].blank_totals) {
		s->totals = 1;
		if (touch(s, &sl->row) != 0) {
			snprintf(err, errlen, "out of memory for order ids");
			return -1;
		}
	}
	if (s->n == IMP_BATCH)
		return flush(s, err, errlen) == 0 ? 0 : -1;
	return 0;
}

int imp_commit(struct imp_sink *s, char *err, size_t errlen)
{
	if (flush(s, err, errlen) != 0)
		return -1;
	if (s->loading &&
	    il_send(&s->lb, s->db, &data_sql[imp_kinds[s->kind].load], err, errlen) != 0)
		return -1;
	if (sl_db_commit(s->db) != 0) {
		db_err(s, err, errlen);
		return -1;
	}
	s->in_tx = 0;
	return 0;
}

void imp_rollback(struct imp_sink *s)
{
	size_t i;

	s->n = 0;
	s->lb.n = 0;
	if (s->in_tx)
		sl_db_rollback(s->db);
	s->in_tx = 0;
	/* ids and placeholders made in the transaction are gone with it */
	for (i = 0; i < IE_N; i++)
		im_free(&s->map[i]);
	imp_targets_free(&s->tg);
}

long imp_finish(struct imp_sink *s, FILE *out, unsigned max, char *err, size_t errlen)
{
	long open = 0;
	size_t e, i;

	if (s->totals) {
		if (errlen > 0)
			err[0] = '\0';
		if (sl_db_begin(s->db) != 0 ||
		    (s->touched_all ? sl_db_exec(s->db, SL_SQL(data_sql, DS_TOTALS_ALL)) < 0 :
		    derive_touched(s, err, errlen) != 0) ||
		    sl_db_commit(s->db) != 0) {
			if (err[0] == '\0')
				db_err(s, err, errlen);
			sl_db_rollback(s->db);
			return -1;
		}
		/* after a big import, every order's row in ranges of ids */
		if (s->touched_all && pur_refresh_all(s->db, NULL, err, errlen) != 0)
			return -1;
		s->totals = 0;
		s->touched_all = 0;
		im_free(&s->touched);
	}
	for (e = 0; e < IE_N; e++)
		for (i = 0; i < s->map[e].n; i++) {
			const struct im_entry *en = &s->map[e].e[i];
			unsigned f = en->ref_file - 1u;

			if (!en->ph || en->ref_file == 0)
				continue;
			if (out != NULL && (unsigned long)open < max && f < s->nsrc) {
				char line[24], id[4 * 64 + 1], text[SL_TEXT_MAX];

				snprintf(line, sizeof(line), "%lu", (unsigned long)en->ref_line);
				snprintf(id, sizeof(id), "%.*s", (int)en->keylen, im_key(&s->map[e], en));
				fprintf(out, "%s\n", sl_cli_textf(text, sizeof(text), "data.ref.never",
				    "file", s->src[f], "line", line, "column",
				    dc_kinds[s->src_kind[f]].cols[en->ref_col].name, "id", id, NULL));
			}
			open++;
		}
	if (out != NULL && (unsigned long)open > max) {
		char n[24], text[SL_TEXT_MAX];

		snprintf(n, sizeof(n), "%lu", (unsigned long)open - max);
		fprintf(out, "%s\n", sl_cli_textf(text, sizeof(text), "data.ref.more", "count", n, NULL));
	}
	sl_data_imported(s->db);   /* the modules queue what follows from new data */
	return open;
}
