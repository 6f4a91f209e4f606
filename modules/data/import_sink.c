/*
 * import_sink.c - see import.h.  Batches are bound straight from the
 * validated rows (struct dc_row, one per slot, allocated once), so the
 * per-row path allocates nothing; the statements are the multi-row texts
 * of import_sql.c, prepared once per connection with the raw handle.
 */
#include <stdlib.h>
#include <string.h>

#include <mysql.h>

#include "db_conn.h"
#include "import.h"
#include "import_map.h"
#include "import_sql.h"
#include "import_tz.h"
#include "purchases.h"
#include "salient/db.h"
#include "salient/salient.h"

#define NAME_MAX_SRC	1024	/* sources (files) named in the report */

struct slot {
	struct dc_row		 row;
	unsigned long		 line;
	unsigned long long	 ref[IMP_MAXOUT];
	char			 utc[IMP_MAXOUT][20];
};

struct imp_sink {
	struct sl_db		*db;
	MYSQL			*m;		/* the handle the statements belong to */
	MYSQL_STMT		*up[DC_NKINDS], *ph[IE_N], *lk[IE_N];
	struct itz		 tz;
	struct im_map		 map[IE_N];
	struct slot		*slots;		/* IMP_BATCH */
	size_t			 n;		/* rows buffered */
	MYSQL_BIND		*bind;		/* IMP_BATCH * IMP_MAXOUT */
	unsigned long		*lens;
	my_bool			*nulls;
	MYSQL_BIND		 kb[IMP_REFS];	/* host ids of a look-up */
	unsigned long		 klen[IMP_REFS];
	uint32_t		 pend[IMP_REFS];	/* map entries being resolved */
	size_t			 npend;
	enum dc_kind		 kind;
	int			 in_tx;
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
	MYSQL_STMT		*tot, *pdel, *pins;
	unsigned long		 accepted;
	char			*src[NAME_MAX_SRC];
	enum dc_kind		 src_kind[NAME_MAX_SRC];
	unsigned		 nsrc;
};

static void close_stmts(struct imp_sink *s)
{
	size_t i;

	for (i = 0; i < DC_NKINDS; i++)
		if (s->up[i]) {
			mysql_stmt_close(s->up[i]);
			s->up[i] = NULL;
		}
	if (s->tot)
		mysql_stmt_close(s->tot);
	if (s->pdel)
		mysql_stmt_close(s->pdel);
	if (s->pins)
		mysql_stmt_close(s->pins);
	s->tot = s->pdel = s->pins = NULL;
	for (i = 0; i < IE_N; i++) {
		if (s->ph[i])
			mysql_stmt_close(s->ph[i]);
		if (s->lk[i])
			mysql_stmt_close(s->lk[i]);
		s->ph[i] = s->lk[i] = NULL;
	}
}

struct imp_sink *imp_sink_new(struct sl_db *db, const char *tzname, char *err, size_t errlen)
{
	struct imp_sink *s = NULL;
	size_t i;

	if (imp_sql_init() != 0) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	if ((s = calloc(1, sizeof(*s))) == NULL)
		goto nomem;
	s->db = db;
	for (i = 0; i < IE_N; i++)
		im_init(&s->map[i]);
	im_init(&s->touched);
	if (itz_load(&s->tz, NULL, tzname, err, errlen) != 0)
		goto fail;
	s->slots = calloc(IMP_BATCH, sizeof(*s->slots));
	s->bind = calloc((size_t)IMP_BATCH * IMP_MAXOUT, sizeof(*s->bind));
	s->lens = calloc((size_t)IMP_BATCH * IMP_MAXOUT, sizeof(*s->lens));
	s->nulls = calloc((size_t)IMP_BATCH * IMP_MAXOUT, sizeof(*s->nulls));
	if (s->slots == NULL || s->bind == NULL || s->lens == NULL || s->nulls == NULL)
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
	close_stmts(s);
	for (i = 0; i < IE_N; i++)
		im_free(&s->map[i]);
	im_free(&s->touched);
	for (i = 0; i < s->nsrc; i++)
		free(s->src[i]);
	free(s->slots);
	free(s->bind);
	free(s->lens);
	free(s->nulls);
	free(s);
}

static void db_err(struct imp_sink *s, MYSQL_STMT *st, char *err, size_t errlen)
{
	if (st != NULL)
		snprintf(err, errlen, "database: %u: %s", mysql_stmt_errno(st), mysql_stmt_error(st));
	else
		snprintf(err, errlen, "database: %s", sl_db_error(s->db));
}

/* The prepared statement *pst for text, preparing it on first use. */
static MYSQL_STMT *prepared(struct imp_sink *s, MYSQL_STMT **pst, const char *text,
    char *err, size_t errlen)
{
	if (*pst != NULL)
		return *pst;
	if ((*pst = mysql_stmt_init(s->m)) == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	if (mysql_stmt_prepare(*pst, text, (unsigned long)strlen(text)) != 0) {
		db_err(s, *pst, err, errlen);
		mysql_stmt_close(*pst);
		*pst = NULL;
	}
	return *pst;
}

int imp_begin(struct imp_sink *s, enum dc_kind kind, const char *name, char *err, size_t errlen)
{
	if (sl_db_begin(s->db) != 0) {
		db_err(s, NULL, err, errlen);
		return -1;
	}
	if (db_handle(s->db) != s->m) {
		/* a new connection: the old statements died with the old one */
		close_stmts(s);
		s->m = db_handle(s->db);
	}
	s->in_tx = 1;
	s->kind = kind;
	s->n = 0;
	s->accepted = 0;
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

/* Runs the look-up of the pending host ids; fills ids found.  0 or -1. */
static int lookup_pending(struct imp_sink *s, int e, char *err, size_t errlen)
{
	MYSQL_STMT *st;
	MYSQL_BIND rb[3];
	char key[4 * 64 + 1];
	unsigned long klen = 0;
	long long id = 0, ph = 0;
	size_t i;
	int rc;

	if ((st = prepared(s, &s->lk[e], imp_sql_lookup(e), err, errlen)) == NULL)
		return -1;
	for (i = 0; i < IMP_REFS; i++) {
		const struct im_entry *en = &s->map[e].e[s->pend[i < s->npend ? i : 0]];

		memset(&s->kb[i], 0, sizeof(s->kb[i]));
		s->klen[i] = en->keylen;
		s->kb[i].buffer_type = MYSQL_TYPE_STRING;
		s->kb[i].buffer = (void *)im_key(&s->map[e], en);
		s->kb[i].length = &s->klen[i];
	}
	memset(rb, 0, sizeof(rb));
	rb[0].buffer_type = MYSQL_TYPE_STRING;
	rb[0].buffer = key;
	rb[0].buffer_length = sizeof(key) - 1;
	rb[0].length = &klen;
	rb[1].buffer_type = MYSQL_TYPE_LONGLONG;
	rb[1].buffer = &id;
	rb[2].buffer_type = MYSQL_TYPE_LONGLONG;
	rb[2].buffer = &ph;
	if (mysql_stmt_bind_param(st, s->kb) != 0 || mysql_stmt_execute(st) != 0 ||
	    mysql_stmt_bind_result(st, rb) != 0) {
		db_err(s, st, err, errlen);
		return -1;
	}
	while ((rc = mysql_stmt_fetch(st)) == 0) {
		struct im_entry *en = im_get(&s->map[e], key, klen);

		if (en != NULL) {
			en->id = (uint32_t)id;
			en->ph = ph != 0;
		}
	}
	if (rc != MYSQL_NO_DATA) {
		db_err(s, st, err, errlen);
		mysql_stmt_free_result(st);
		return -1;
	}
	mysql_stmt_free_result(st);
	return 0;
}

/* Resolves the pending host ids of entity e: look up, then placeholders. */
static int resolve_pending(struct imp_sink *s, int e, char *err, size_t errlen)
{
	MYSQL_STMT *st;
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
		if ((st = prepared(s, &s->ph[e], imp_sql_placeholders(e), err, errlen)) == NULL)
			return -1;
		for (i = 0; i < IMP_REFS; i++) {
			const struct im_entry *en = &s->map[e].e[s->pend[i < k ? i : 0]];

			memset(&s->kb[i], 0, sizeof(s->kb[i]));
			s->klen[i] = en->keylen;
			s->kb[i].buffer_type = MYSQL_TYPE_STRING;
			s->kb[i].buffer = (void *)im_key(&s->map[e], en);
			s->kb[i].length = &s->klen[i];
		}
		if (mysql_stmt_bind_param(st, s->kb) != 0 || mysql_stmt_execute(st) != 0) {
			db_err(s, st, err, errlen);
			return -1;
		}
		if (lookup_pending(s, e, err, errlen) != 0)
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
			if (s->npend == IMP_REFS && resolve_pending(s, e, err, errlen) != 0)
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
			s->slots[r].ref[o] = en->id;
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

static void bind_row(struct imp_sink *s, size_t r, MYSQL_BIND *b, unsigned long *len,
    my_bool *isnull)
{
	const struct imp_kind *k = &imp_kinds[s->kind];
	struct slot *sl = &s->slots[r];
	size_t o;

	for (o = 0; o < k->nout; o++) {
		const struct dc_value *v = &sl->row.v[k->out[o].col];
		const char *str = NULL;

		memset(&b[o], 0, sizeof(b[o]));
		b[o].is_null = &isnull[o];
		b[o].length = &len[o];
		b[o].buffer_type = MYSQL_TYPE_STRING;
		switch (k->out[o].src) {
		case S_COL:
			str = v->str;
			break;
		case S_REF:
			if (v->str != NULL) {
				b[o].buffer_type = MYSQL_TYPE_LONGLONG;
				b[o].buffer = &sl->ref[o];
				b[o].is_unsigned = 1;
				isnull[o] = 0;
				continue;
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
		isnull[o] = str == NULL;
		b[o].buffer = (void *)str;
		len[o] = str ? (unsigned long)strlen(str) : 0;
	}
}

/* Upserts the buffered rows (the last one repeated to a full batch). */
static int flush(struct imp_sink *s, char *err, size_t errlen)
{
	const struct imp_kind *k = &imp_kinds[s->kind];
	MYSQL_STMT *st;
	size_t r, no = k->nout;

	if (s->n == 0)
		return 0;
	if ((st = prepared(s, &s->up[s->kind], imp_sql_upsert(s->kind), err, errlen)) == NULL ||
	    resolve_refs(s, err, errlen) != 0)
		return -1;
	for (r = 0; r < s->n; r++)
		bind_row(s, r, s->bind + r * no, s->lens + r * no, s->nulls + r * no);
	for (; r < IMP_BATCH; r++)
		memcpy(s->bind + r * no, s->bind + (s->n - 1) * no, no * sizeof(*s->bind));
	if (mysql_stmt_bind_param(st, s->bind) != 0 || mysql_stmt_execute(st) != 0) {
		db_err(s, st, err, errlen);
		return -1;
	}
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
 * Runs text (a statement over IMP_REFS host ids, *pst its prepared form)
 * for the touched orders i .. i + IMP_REFS - 1.  0 or -1 (err).
 */
static int exec_touched(struct imp_sink *s, MYSQL_STMT **pst, const char *text, uint32_t i,
    char *err, size_t errlen)
{
	MYSQL_STMT *st;
	uint32_t k;

	if ((st = prepared(s, pst, text, err, errlen)) == NULL)
		return -1;
	for (k = 0; k < IMP_REFS; k++) {
		/* a short last batch repeats its last id */
		uint32_t at = i + k < s->touched.n ? i + k : s->touched.n - 1;
		const struct im_entry *en = &s->touched.e[at];

		memset(&s->kb[k], 0, sizeof(s->kb[k]));
		s->klen[k] = en->keylen;
		s->kb[k].buffer_type = MYSQL_TYPE_STRING;
		s->kb[k].buffer = (void *)im_key(&s->touched, en);
		s->kb[k].length = &s->klen[k];
	}
	if (mysql_stmt_bind_param(st, s->kb) != 0 || mysql_stmt_execute(st) != 0) {
		db_err(s, st, err, errlen);
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
		if (exec_touched(s, &s->tot, imp_sql_totals_some(), i, err, errlen) != 0)
			return -1;
	if (pur_session(s->db, err, errlen) != 0)
		return -1;
	for (i = 0; i < s->touched.n; i += IMP_REFS)
		if (exec_touched(s, &s->pdel, imp_sql_pur_delete_some(), i, err, errlen) != 0 ||
		    exec_touched(s, &s->pins, imp_sql_pur_insert_some(), i, err, errlen) != 0 ||
		    pur_check_warnings(s->db, err, errlen) != 0)
			return -1;
	return 0;
}
int imp_row(struct imp_sink *s, const char *const *values, unsigned long line,
    char *err, size_t errlen)
{
	struct slot *sl = &s->slots[s->n];

	if (dc_validate_row(s->kind, values, &sl->row, err, errlen) != 0)
		return 1;
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
	if (sl_db_commit(s->db) != 0) {
		db_err(s, NULL, err, errlen);
		return -1;
	}
	s->in_tx = 0;
	return 0;
}

void imp_rollback(struct imp_sink *s)
{
	size_t i;

	s->n = 0;
	if (s->in_tx)
		sl_db_rollback(s->db);
	s->in_tx = 0;
	/* ids and placeholders made in the transaction are gone with it */
	for (i = 0; i < IE_N; i++)
		im_free(&s->map[i]);
}

long imp_finish(struct imp_sink *s, FILE *out, unsigned max, char *err, size_t errlen)
{
	long open = 0;
	size_t e, i;

	if (s->totals) {
		if (errlen > 0)
			err[0] = '\0';
		if (sl_db_begin(s->db) != 0 ||
		    (s->touched_all ? sl_db_exec(s->db, imp_sql_totals, "") < 0 :
		    derive_touched(s, err, errlen) != 0) ||
		    sl_db_commit(s->db) != 0) {
			if (err[0] == '\0')
				db_err(s, NULL, err, errlen);
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
			if (out != NULL && (unsigned long)open < max && f < s->nsrc)
				fprintf(out, "%s:%lu: %s '%.*s' was never imported\n", s->src[f],
				    (unsigned long)en->ref_line,
				    dc_kinds[s->src_kind[f]].cols[en->ref_col].name,
				    (int)en->keylen, im_key(&s->map[e], en));
			open++;
		}
	if (out != NULL && (unsigned long)open > max)
		fprintf(out, "... and %lu more references to rows never imported\n",
		    (unsigned long)open - max);
	sl_data_imported(s->db);   /* the modules queue what follows from new data */
	return open;
}
