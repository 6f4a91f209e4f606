/*
 * dcmsg.h - private to modules/data: the import's messages as a catalog
 * key with named values, so the person who reads one reads it in their
 * own language (the API's caller, the command line's locale or --lang)
 * and a program reads a stable code.
 *
 * A coded message travels in the same char buffers as before (err,
 * errlen): DC_MSG_MARK, the key, then DC_MSG_SEP name DC_MSG_SEP value
 * for each value ("\001data.row.date\037column\037ordered_at\037value
 * \0372024-13-01").  dc_msg_text() renders it with a catalog look-up; a
 * buffer without the mark (a database error) is shown as it stands.
 * Values are kept free of the two bytes (shown as '?').  Pure.
 */
#ifndef SALIENT_DATA_DCMSG_H
#define SALIENT_DATA_DCMSG_H

#include <stddef.h>

#define DC_MSG_MARK	'\001'
#define DC_MSG_SEP	'\037'

/*
 * Writes the coded message of key with the pairs given (name, value, ...,
 * NULL) into err.  Returns -1, so a check can `return dc_msg(...)`.
 */
int		 dc_msg(char *err, size_t errlen, const char *key, ...)
		    __attribute__((sentinel));

/* True when msg is a coded message. */
int		 dc_msg_coded(const char *msg);

/* The key of a coded message into buf; NULL for a plain one. */
const char	*dc_msg_key(const char *msg, char *buf, size_t len);

/* The value of name in a coded message into buf; NULL when it has none. */
const char	*dc_msg_arg(const char *msg, const char *name, char *buf, size_t len);

/* A catalog look-up: the text of key (never NULL; the key itself when none). */
typedef const char *(*dc_text_fn)(void *ctx, const char *key);

/*
 * msg in words: a coded message as its key's text with the values filled
 * in (salient/text.h's sl_text_fill), a plain one copied.  Returns buf.
 */
const char	*dc_msg_text(const char *msg, dc_text_fn text, void *ctx, char *buf,
		    size_t len);

/* dc_text_fn over the command line's catalogs (salient/cli.h). */
const char	*dc_cli_text(void *ctx, const char *key);

#endif
