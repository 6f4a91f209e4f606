/*
 * cu_csv.h - the customer export's CSV rows: one formatter for
 * `salient export customers` (the stored results of the last run, or
 * computed --as-of a date) and for the web download of the customer list,
 * so every path writes the same bytes for the same numbers.  Pure
 * computation: no FastCGI or MariaDB header.
 *
 * The file (RFC 4180):
 *   - UTF-8 without a byte order mark; every record, the header included,
 *     ends with CR LF;
 *   - the header row is cu_csv_header: customer_id, email, first_name,
 *     last_name, smart_type, account_manager, revenue_cur, revenue_prev,
 *     orders_cur, orders_prev, risk_score, risk_change, revenue_rank,
 *     revenue_change, revenue_share, classifications, p_alive,
 *     expected_orders_90d, clv_12m, phone, postcode, city, country,
 *     language, tags, last_order, rfm_r, rfm_f, rfm_m (the columns after
 *     clv_12m came later: a reader that takes the first 19 by position
 *     still finds them);
 *   - cells are written by sl_csv_cell() (salient/csv.h): a field is
 *     enclosed in double quotes when it holds a comma, a double quote, CR
 *     or LF, and a double quote inside it is doubled; a text field that
 *     starts with = + - @, TAB or CR (a spreadsheet formula) is written
 *     "'=..." so a spreadsheet shows it as text; no other field is quoted;
 *   - an undefined number (DESIGN.md section 5: one order day, no revenue
 *     in the previous period, no metrics computed yet, no prediction) is
 *     an empty field;
 * and the numbers, plain decimals with '.' and never a thousands
 * separator:
 *   - money (revenue_cur, revenue_prev, clv_12m): exactly 2 decimals,
 *     rounded half away from zero from the exact amount ("1234.50");
 *   - counts (orders_cur, orders_prev): whole numbers;
 *   - percentages (risk_score, risk_change, revenue_rank, revenue_change,
 *     revenue_share): exactly 2 decimals, the nearest to the computed
 *     double (C's "%.2f"), and never "-0.00";
 *   - p_alive (a probability, 0 to 1) and expected_orders_90d: exactly 4
 *     decimals, likewise;
 *   - classifications: the titles of the customer's classifications in
 *     the order of the classification tiers (type, smart type, position,
 *     id), joined by "; ";
 *   - tags: the customer's tags in byte order, joined by "; ";
 *   - last_order: the day of the last paid order (on or before the as-of
 *     day when there is one), YYYY-MM-DD; empty when none;
 *   - rfm_r, rfm_f, rfm_m: the RFM scores 1 to 5 (salient/rfm.h); empty
 *     for a customer without a paid order in the run's period.
 */
#ifndef SALIENT_CU_CSV_H
#define SALIENT_CU_CSV_H

#include <stddef.h>
#include <stdint.h>

/* The header record, CR LF included. */
extern const char cu_csv_header[];

/* Bits of cu_csv_row.def: which percentages are defined. */
enum {
	CU_DEF_RISK_SCORE = 1 << 0,
	CU_DEF_RISK_CHANGE = 1 << 1,
	CU_DEF_REVENUE_RANK = 1 << 2,
	CU_DEF_REVENUE_CHANGE = 1 << 3,
	CU_DEF_REVENUE_SHARE = 1 << 4,
};

/* One customer's row.  Strings may be NULL (an empty field). */
struct cu_csv_row {
	const char *customer_id, *email, *first_name, *last_name;
	const char *smart_type, *account_manager;
	int has_metrics;                  /* 0: every metric field empty */
	int64_t revenue_cur, revenue_prev; /* ten-thousandths */
	long long orders_cur, orders_prev;
	double risk_score, risk_change, revenue_rank, revenue_change, revenue_share;
	unsigned def;                     /* CU_DEF_* */
	const char *classifications;      /* titles joined by "; " */
	int has_prediction;               /* 0: the last three fields empty */
	double p_alive, expected_orders_90d;
	int64_t clv_12m;                  /* ten-thousandths */
	const char *phone, *postcode, *city, *country, *language;
	const char *tags;                 /* joined by "; " */
	const char *last_order;           /* YYYY-MM-DD */
	int rfm_r, rfm_f, rfm_m;          /* 1 to 5; 0: no scores (empty fields) */
};

/* A growable byte buffer; start zeroed, release with cu_buf_free(). */
struct cu_buf {
	char *data;
	size_t len, cap;
};

/* Appends n bytes; 0, or -1 when out of memory. */
int cu_buf_add(struct cu_buf *b, const char *s, size_t n);
void cu_buf_free(struct cu_buf *b);

/* What a column holds: its CSV kind and its spreadsheet cell type. */
enum cu_col_kind {
	CU_COL_TEXT,   /* text, neutralised in the CSV when it looks like a formula */
	CU_COL_MONEY,  /* 2 decimals */
	CU_COL_COUNT,  /* a whole number */
	CU_COL_PCT,    /* a percentage, 2 decimals */
	CU_COL_DEC4,   /* 4 decimals */
	CU_COL_DATE,   /* YYYY-MM-DD */
};

#define CU_NCOLS 29

/* The columns in file order: the header's names (cu_csv_header). */
extern const char *const cu_cols[CU_NCOLS];
/* What column i holds: a metric's unit (salient/metrics.h), a date, or text. */
enum cu_col_kind cu_col_kind(int i);

/*
 * A row's cells as the CSV writes them (numbers already formatted as above;
 * NULL or "" for an empty field), for the CSV and the spreadsheet writer
 * alike.  v[i] points into the row's strings or into num.
 */
struct cu_cells {
	const char *v[CU_NCOLS];
	char num[CU_NCOLS][40];
};
void cu_row_cells(const struct cu_csv_row *row, struct cu_cells *c);

/* Appends row as one CSV record (CR LF included); 0, or -1 (memory). */
int cu_csv_append(struct cu_buf *b, const struct cu_csv_row *row);

/* A double with `places` decimals as described above ("" for NaN or an
 * infinity).  buf holds 64 bytes. */
void cu_fixed_text(double v, int places, char *buf, size_t len);

/*
 * Appends the titles titles[0..n-1] joined by "; " (titles already in
 * order).  0, or -1 (memory).
 */
int cu_join_titles(struct cu_buf *b, const char *const *titles, size_t n);

#endif
