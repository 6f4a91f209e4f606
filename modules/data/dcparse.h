/*
 * dcparse.h - private to modules/data: the exact parsers behind the
 * contract (dcparse.c).  No allocation anywhere.
 */
#ifndef SALIENT_DATA_DCPARSE_H
#define SALIENT_DATA_DCPARSE_H

#include <stddef.h>
#include <stdint.h>

#define DC_NUM_BAD	-1	/* not a number */
#define DC_NUM_BIG	-2	/* too many integer digits */
#define DC_NUM_DEC	-3	/* too many decimals */

struct dc_datetime {
	int	y, mo, d, h, mi, s;
	int	hastz;		/* 'Z' or an offset was given */
	int	tzmin;		/* minutes east of UTC */
};

/* Code points in a valid UTF-8 string. */
size_t	dc_utf8_chars(const char *s);

/* Days in month m (1..12) of year y. */
int	dc_month_days(int y, int m);

/* 0 ok, -1 if s is not one of the accepted datetime forms. */
int	dc_parse_datetime(const char *s, struct dc_datetime *dt);

/* See dcparse.c; returns 0 or a DC_NUM_* code. */
int	dc_parse_fixed(const char *s, int maxint, int scale, int round,
	    int64_t *out);

/*
 * s made safe to quote in a message: at most 40 characters, control
 * characters as '?', "..." when cut.  Returns buf (len >= 16).
 */
const char *dc_shown(const char *s, char *buf, size_t len);

#endif
