/*
 * name.h - the one way a customer is named on a page, in a report, in a
 * session: "first last", else the e-mail address, else the shop's
 * customer id.  Pure: no allocation.
 *
 * The database side never builds display names: SQL selects first_name,
 * last_name, email and host_id, and C names the customer with this
 * function (report_sql.c's CONCAT_WS(' ', first_name, last_name) is a
 * search match, "Jens Hansen" typed as one string, and joins the names
 * the same way).
 */
#ifndef SALIENT_NAME_H
#define SALIENT_NAME_H

#include <stddef.h>

/* Room for two names of the contract's 100 characters (4 bytes each), the
 * space and the NUL: a name never needs cutting in a buffer this size. */
#define SL_NAME_MAX 808

/*
 * Writes the display name into buf (len bytes, always NUL-terminated):
 * first and last joined by one space when both are given, the one given
 * alone, else email, else id ("" when all are NULL or empty).  A name
 * longer than buf is cut at a UTF-8 character boundary.  Returns the
 * length written.
 */
size_t sl_display_name(const char *first, const char *last, const char *email, const char *id,
    char *buf, size_t len);

#endif
